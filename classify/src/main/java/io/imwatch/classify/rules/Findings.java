package io.imwatch.classify.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The codes found in one event so far. Two rules reading the same JSON field count it once (the
 * first rule wins), and the same code found twice in one event is one code. Carries the event's
 * {@link RecordBudget}. One per event; not thread-safe.
 */
public final class Findings {

    /** Beyond this many codes, duplicates are found through a hash set: linear, however many codes a record holds. */
    private static final int LINEAR_SEARCH_MAX = 8;

    private final RecordBudget budget;
    private final List<RawCode> codes = new ArrayList<>(2);
    private final List<String> consumedPaths = new ArrayList<>(2);
    private boolean codeOutOfRange;
    private boolean tooDeep;
    private Set<Identity> seen;

    /** What makes two found codes the same code. */
    private record Identity(int code, int minor, String vendor, String space, String name) {
        static Identity of(RawCode code) {
            return new Identity(
                    code.code(), code.minor(), code.vendor(), code.space(), code.hasNumber() ? null : code.name());
        }
    }

    public Findings(RecordBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    void add(RawCode code) {
        if (seen != null) {
            if (seen.add(Identity.of(code))) {
                codes.add(code);
            }
            return;
        }
        for (RawCode found : codes) {
            if (found.code() == code.code()
                    && found.minor() == code.minor()
                    && Objects.equals(found.vendor(), code.vendor())
                    && Objects.equals(found.space(), code.space())
                    && (code.hasNumber() || Objects.equals(found.name(), code.name()))) {
                return;
            }
        }
        codes.add(code);
        if (codes.size() > LINEAR_SEARCH_MAX) {
            seen = new HashSet<>();
            codes.forEach(c -> seen.add(Identity.of(c)));
        }
    }

    /** @see RecordBudget#spend */
    void spend(int chars) {
        budget.spend(chars);
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
