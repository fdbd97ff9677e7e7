package io.imwatch.classify.redact;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Applies a {@link RedactionPolicy} to an event before it is written: in a JSON object only
 * string values (and, under a configured field path, numbers) change, the object stays valid JSON
 * with its keys, order and layout; a text line is redacted in its text. Immutable and
 * thread-safe; {@link #OFF} costs one branch per record.
 *
 * <p>Every detector is a hand-written scanner, linear in the text, run on a value only when the
 * characters it needs occur in it; the user's patterns run on RE2/J, which does not backtrack.
 */
public final class Redactor {

    /** Redacts nothing. */
    public static final Redactor OFF = new Redactor(RedactionPolicy.OFF);

    /** What each byte may start or belong to, for the per-value prefilter. */
    private static final int AT = 1;

    private static final int DIGIT = 2;
    private static final int COLON = 4;
    private static final int EQUALS = 8;
    private static final int DOT = 16;
    private static final int TOKEN_START = 32; // 'J' of eyJ, 'b'/'B' of Bearer
    private static final int[] FEATURES = features();

    private final RedactionPolicy policy;
    private final boolean off;
    private final boolean token;
    private final boolean email;
    private final boolean phone;
    private final boolean ipv4;
    private final boolean ipv6;
    private final boolean onlyCheapDetectors;
    final FieldPaths fields;
    private final Pattern[] patterns;
    private final Replacer replacer;

    private Redactor(RedactionPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.off = policy.isOff();
        this.token = policy.detectors().contains(Detector.TOKEN);
        this.email = policy.detectors().contains(Detector.EMAIL);
        this.phone = policy.detectors().contains(Detector.PHONE);
        this.ipv4 = policy.detectors().contains(Detector.IPV4);
        this.ipv6 = policy.detectors().contains(Detector.IPV6);
        this.fields = new FieldPaths(policy.fields());
        this.patterns = policy.patterns().stream().map(RedactionPolicy::compile).toArray(Pattern[]::new);
        this.onlyCheapDetectors = !phone && !ipv4 && !ipv6 && fields.isEmpty() && patterns.length == 0;
        this.replacer = new Replacer(policy.mode(), policy.hashKey());
    }

    /** The redactor of {@code policy}. */
    public static Redactor of(RedactionPolicy policy) {
        return policy.isOff() ? OFF : new Redactor(policy);
    }

    public RedactionPolicy policy() {
        return policy;
    }

    /** Whether nothing is redacted (callers skip all redaction work). */
    public boolean isOff() {
        return off;
    }

    /**
     * Redacts the JSON object {@code raw[from..to)} ({@code raw[from]} is its {@code '{'},
     * {@code raw[to-1]} its {@code '}'}), which must be valid JSON (as every event read is).
     *
     * @return the redacted object, or {@code null} when nothing in it is sensitive
     */
    public byte[] json(byte[] raw, int from, int to) {
        if (off || (onlyCheapDetectors && !mayMatch(raw, from, to))) {
            return null;
        }
        return SCRATCH.get().json.run(this, raw, from, to);
    }

    /** Redacts a text line; returns {@code line} itself when nothing in it is sensitive. */
    public String text(String line) {
        return text(line, null);
    }

    /**
     * Redacts a text line read from {@code raw} (its UTF-8 bytes, possibly with a BOM or line end
     * around it): the quick checks read {@code raw} in place instead of encoding the line again.
     */
    public String text(String line, byte[] raw) {
        if (off || line == null || line.isEmpty()) {
            return line;
        }
        if (raw != null && onlyCheapDetectors && !mayMatch(raw, 0, raw.length)) {
            return line;
        }
        Scratch scratch = SCRATCH.get();
        byte[] bytes = scratch.utf8(line);
        int length = scratch.length;
        if (onlyCheapDetectors && !mayMatch(bytes, 0, length)) {
            return line;
        }
        Spans spans = scratch.spans;
        spans.clear();
        scan(bytes, 0, length, spans);
        if (spans.isEmpty()) {
            return line;
        }
        return new String(redacted(bytes, 0, length, spans), StandardCharsets.UTF_8);
    }

    /** Whether string values are searched at all (else only credential keys and field paths act). */
    boolean scansStrings() {
        return !policy.detectors().isEmpty() || patterns.length > 0;
    }

    boolean credentialKeys() {
        return token;
    }

    byte[] replacement(int kind, byte[] s, int from, int to) {
        return replacer.replacement(kind, s, from, to);
    }

    /** Adds the sensitive ranges of {@code s[from..to)} to {@code out}, resolved. */
    void scan(byte[] s, int from, int to, Spans out) {
        int f = 0;
        for (int i = from; i < to; i++) {
            f |= FEATURES[s[i] & 0xFF];
        }
        if (token && (f & (COLON | EQUALS | TOKEN_START)) != 0) {
            CredentialScanner.scan(s, from, to, out);
        }
        if (email && (f & AT) != 0) {
            ContactScanner.emails(s, from, to, out);
        }
        if (phone && (f & DIGIT) != 0) {
            ContactScanner.phones(s, from, to, out);
        }
        if (ipv4 && (f & (DIGIT | DOT)) == (DIGIT | DOT)) {
            AddressScanner.ipv4s(s, from, to, out);
        }
        if (ipv6 && (f & (DIGIT | COLON)) == (DIGIT | COLON)) {
            AddressScanner.ipv6s(s, from, to, out);
        }
        if (patterns.length > 0) {
            byte[] value = from == 0 && to == s.length ? s : Arrays.copyOfRange(s, from, to);
            for (Pattern pattern : patterns) {
                Matcher m = pattern.matcher(value);
                boolean group = m.groupCount() > 0;
                while (m.find()) {
                    int start = group && m.start(1) >= 0 ? m.start(1) : m.start();
                    int end = group && m.start(1) >= 0 ? m.end(1) : m.end();
                    out.add(from + start, from + end, Spans.PATTERN);
                }
            }
        }
        out.resolve();
    }

    /** {@code s[from..to)} with the resolved {@code spans} replaced. */
    byte[] redacted(byte[] s, int from, int to, Spans spans) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(to - from + 16);
        int copied = from;
        for (int k = 0; k < spans.size(); k++) {
            out.write(s, copied, spans.start(k) - copied);
            out.writeBytes(replacement(spans.kind(k), s, spans.start(k), spans.end(k)));
            copied = spans.end(k);
        }
        out.write(s, copied, to - copied);
        return out.toByteArray();
    }

    /** A whole-record check for the detectors whose triggers are rare (credentials, e-mail). */
    private boolean mayMatch(byte[] raw, int from, int to) {
        if (email) {
            for (int i = from; i < to; i++) {
                if (raw[i] == '@') {
                    return true;
                }
            }
        }
        return token && CredentialScanner.mayHold(raw, from, to);
    }

    /** Per-thread working memory, so that a record with nothing sensitive allocates nothing. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {

        /** A line longer than this is encoded into a fresh array, not kept in the thread's buffer. */
        private static final int MAX_KEPT = 1 << 16;

        final JsonRedaction json = new JsonRedaction();
        final Spans spans = new Spans();
        private byte[] buffer = new byte[256];
        int length;

        /** {@code line} as UTF-8, in {@link #buffer} when it is ASCII and not too long; its length in {@link #length}. */
        byte[] utf8(String line) {
            int n = line.length();
            if (n <= MAX_KEPT) {
                if (buffer.length < n) {
                    buffer = new byte[Math.max(n, 2 * buffer.length)];
                }
                int i = 0;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c >= 0x80) {
                        break;
                    }
                    buffer[i++] = (byte) c;
                }
                if (i == n) {
                    length = n;
                    return buffer;
                }
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            length = bytes.length;
            return bytes;
        }
    }

    private static int[] features() {
        int[] f = new int[256];
        f['@'] = AT;
        for (int c = '0'; c <= '9'; c++) {
            f[c] = DIGIT;
        }
        f[':'] = COLON;
        f['='] = EQUALS;
        f['.'] = DOT;
        f['J'] = TOKEN_START;
        f['b'] = TOKEN_START;
        f['B'] = TOKEN_START;
        return f;
    }
}
