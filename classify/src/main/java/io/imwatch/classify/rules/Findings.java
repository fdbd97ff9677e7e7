package io.imwatch.classify.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The codes found in one event so far. Two rules reading the same JSON field count it once (the
 * first rule wins), and the same code found twice in one event is one code. One per event; not
 * thread-safe.
 */
public final class Findings {

    private final List<RawCode> codes = new ArrayList<>(2);
    private final List<String> consumedPaths = new ArrayList<>(2);
    private boolean codeOutOfRange;
    private boolean tooDeep;

    void add(RawCode code) {
        for (RawCode seen : codes) {
            if (seen.code() == code.code()
                    && seen.minor() == code.minor()
                    && java.util.Objects.equals(seen.vendor(), code.vendor())
                    && java.util.Objects.equals(seen.space(), code.space())
                    && (code.hasNumber() || java.util.Objects.equals(seen.name(), code.name()))) {
                return;
            }
        }
        codes.add(code);
    }

    /** Notes a code field or group whose text is a number that cannot be a code (see {@link Numbers#isOutOfRange}). */
    void noteCodeText(CharSequence s, int from, int to) {
        if (!codeOutOfRange && Numbers.isOutOfRange(s, from, to)) {
            codeOutOfRange = true;
        }
    }

    void noteCodeText(CharSequence text) {
        if (text != null) {
            noteCodeText(text, 0, text.length());
        }
    }

    void noteCodeOutOfRange() {
        codeOutOfRange = true;
    }

    void noteTooDeep() {
        tooDeep = true;
    }

    /** Whether some code field held a number that cannot be a code (too large, fractional, ...). */
    public boolean sawCodeOutOfRange() {
        return codeOutOfRange;
    }

    /** Whether a rule left part of the event unread because it was nested too deep. */
    public boolean sawTooDeep() {
        return tooDeep;
    }

    boolean isConsumed(String path) {
        return consumedPaths.contains(path);
    }

    void consume(String path) {
        consumedPaths.add(path);
    }

    public List<RawCode> codes() {
        return codes;
    }

    public boolean isEmpty() {
        return codes.isEmpty();
    }

    public int size() {
        return codes.size();
    }
}
