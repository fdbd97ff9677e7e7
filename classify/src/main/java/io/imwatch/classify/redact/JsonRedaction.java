package io.imwatch.classify.redact;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.imwatch.classify.event.LogEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One pass over the bytes of a valid JSON object, tracking containers and keys, replacing string
 * contents (and numbers under a field path) in place: everything else, keys included, is copied
 * byte for byte. Nothing is allocated until something is replaced. Reused by one thread, one
 * object at a time.
 */
final class JsonRedaction {

    private static final int MAX_EMBEDDING = 3;

    private Redactor redactor;
    private byte[] s;
    private final Spans spans = new Spans();
    private ByteArrayBuilder out;
    private int copied;

    private boolean[] isObject = new boolean[16];
    private long[] candidates = new long[16];
    private boolean[] full = new boolean[16];
    private boolean[] credential = new boolean[16];
    private int[] depths = new int[16];
    private int top = -1;
    private boolean escaped;

    /** How many JSON-in-a-string levels this walk is below the record (shipper envelopes). */
    private final int embedding;

    JsonRedaction() {
        this(0);
    }

    private JsonRedaction(int embedding) {
        this.embedding = embedding;
    }

    /** The redacted {@code s[from..to)}, or {@code null} if nothing changed. */
    byte[] run(Redactor redactor, byte[] s, int from, int to) {
        this.redactor = redactor;
        this.s = s;
        this.out = null;
        this.top = -1;
        try {
            return walk(from, to);
        } finally {
            this.s = null; // a large record is not kept alive by the thread
            this.out = null;
        }
    }

    private byte[] walk(int from, int to) {
        copied = from;
        long pendingCandidates = redactor.fields.all;
        boolean pendingFull = false;
        boolean pendingCredential = false;
        boolean expectKey = false;
        for (int i = from; i < to; i++) {
            byte c = s[i];
            switch (c) {
                case '{' -> {
                    push(true, pendingCandidates, pendingFull, false);
                    expectKey = true;
                }
                case '[' -> push(false, pendingCandidates, pendingFull, pendingCredential);
                case '}', ']' -> top--;
                case ':' -> expectKey = false;
                case ',' -> {
                    if (top >= 0 && isObject[top]) {
                        expectKey = true;
                    } else if (top >= 0) {
                        pendingCandidates = candidates[top];
                        pendingFull = full[top];
                        pendingCredential = credential[top];
                    }
                }
                case '"' -> {
                    int end = stringEnd(i + 1, to);
                    if (top >= 0 && isObject[top] && expectKey) {
                        byte[] key = s;
                        int kf = i + 1;
                        int kt = end;
                        if (escaped) {
                            key = decode(i, end).getBytes(StandardCharsets.UTF_8);
                            kf = 0;
                            kt = key.length;
                        }
                        long above = candidates[top];
                        boolean ends = above != 0 && redactor.fields.ends(above, depths[top], key, kf, kt);
                        pendingCandidates = above == 0 ? 0 : redactor.fields.below(above, depths[top], key, kf, kt);
                        pendingFull = full[top] || ends;
                        pendingCredential = redactor.credentialKeys() && CredentialScanner.isCredentialKey(key, kf, kt);
                    } else {
                        stringValue(i, end, pendingFull, pendingCredential);
                    }
                    i = end;
                }
                default -> {
                    if (c == '-' || Bytes.isDigit(c)) {
                        int end = i;
                        while (end < to && isNumberByte(s[end])) {
                            end++;
                        }
                        if (pendingFull) {
                            replace(i, end, quoted(redactor.replacement(Spans.FIELD, s, i, end)));
                        }
                        i = end - 1;
                    }
                }
            }
        }
        if (out == null) {
            return null;
        }
        out.write(s, copied, to - copied);
        return out.toByteArray();
    }

    /** The string whose quotes are at {@code open} and {@code close}. */
    private void stringValue(int open, int close, boolean underField, boolean credentialValue) {
        int from = open + 1;
        if (from == close) {
            return;
        }
        byte[] text = s;
        int tf = from;
        int tt = close;
        if (escaped) {
            text = decode(open, close).getBytes(StandardCharsets.UTF_8);
            tf = 0;
            tt = text.length;
        }
        if (underField || credentialValue) {
            int kind = underField ? Spans.FIELD : Detector.TOKEN.ordinal();
            replace(from, close, redactor.replacement(kind, text, tf, tt));
            return;
        }
        byte[] inner = embeddedObject(text, tf, tt);
        if (inner != null) {
            replace(
                    from,
                    close,
                    JsonStringEncoder.getInstance().quoteAsUTF8(new String(inner, StandardCharsets.UTF_8)));
            return;
        }
        if (!redactor.scansStrings()) {
            return;
        }
        spans.clear();
        redactor.scan(text, tf, tt, spans);
        if (spans.isEmpty()) {
            return;
        }
        byte[] redacted = redactor.redacted(text, tf, tt, spans);
        if (escaped) { // back to JSON string content, escaped as JSON wants
            redacted = JsonStringEncoder.getInstance().quoteAsUTF8(new String(redacted, StandardCharsets.UTF_8));
        }
        replace(from, close, redacted);
    }

    /**
     * A string holding a JSON object (a shipper's {@code message} or {@code log} field around the
     * vendor's JSON) is redacted as JSON, so that field paths reach into it as they do in the
     * payload the rules read; up to {@link #MAX_EMBEDDING} levels, as the parser unwraps them.
     *
     * @return the redacted object, or {@code null} when the string is not one or nothing changed
     */
    private byte[] embeddedObject(byte[] text, int from, int to) {
        if (redactor.fields.isEmpty() || embedding >= MAX_EMBEDDING) {
            return null;
        }
        int start = from;
        int end = to;
        while (start < end && Bytes.isSpace(text[start])) {
            start++;
        }
        while (end > start && Bytes.isSpace(text[end - 1])) {
            end--;
        }
        if (end - start < 2 || text[start] != '{' || text[end - 1] != '}' || !isObject(text, start, end)) {
            return null;
        }
        byte[] redacted = new JsonRedaction(embedding + 1).run(redactor, text, start, end);
        if (redacted == null) {
            return null;
        }
        byte[] out = new byte[(start - from) + redacted.length + (to - end)];
        System.arraycopy(text, from, out, 0, start - from);
        System.arraycopy(redacted, 0, out, start - from, redacted.length);
        System.arraycopy(text, end, out, start - from + redacted.length, to - end);
        return out;
    }

    private static boolean isObject(byte[] text, int from, int to) {
        try (JsonParser p = LogEventParser.mapper().getFactory().createParser(text, from, to - from)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false; // text that only looks like JSON stays text
        }
    }

    private void replace(int from, int to, byte[] with) {
        if (out == null) {
            out = new ByteArrayBuilder(s.length - copied + 64);
        }
        out.write(s, copied, from - copied);
        out.write(with);
        copied = to;
    }

    /** The index of the quote closing the string whose content starts at {@code from}. */
    private int stringEnd(int from, int to) {
        escaped = false;
        int p = from;
        while (p < to && s[p] != '"') {
            if (s[p] == '\\') {
                escaped = true;
                p += 2;
            } else {
                p++;
            }
        }
        return p;
    }

    /** The string value of the JSON string literal {@code s[open..close]}, escapes resolved. */
    private String decode(int open, int close) {
        try (JsonParser p = LogEventParser.mapper().getFactory().createParser(s, open, close - open + 1)) {
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new IllegalStateException("not a JSON string at offset " + open);
            }
            return p.getText();
        } catch (IOException e) {
            throw new UncheckedIOException("a string of an event already read cannot fail to read", e);
        }
    }

    private void push(boolean object, long pathCandidates, boolean underField, boolean credentialValue) {
        int depth = top < 0 ? 0 : isObject[top] ? depths[top] + 1 : depths[top];
        top++;
        if (top == isObject.length) {
            int n = top * 2;
            isObject = Arrays.copyOf(isObject, n);
            candidates = Arrays.copyOf(candidates, n);
            full = Arrays.copyOf(full, n);
            credential = Arrays.copyOf(credential, n);
            depths = Arrays.copyOf(depths, n);
        }
        isObject[top] = object;
        candidates[top] = pathCandidates;
        full[top] = underField;
        credential[top] = credentialValue;
        depths[top] = depth;
    }

    private static byte[] quoted(byte[] text) {
        byte[] out = new byte[text.length + 2];
        out[0] = '"';
        System.arraycopy(text, 0, out, 1, text.length);
        out[out.length - 1] = '"';
        return out;
    }

    private static boolean isNumberByte(byte b) {
        return Bytes.isDigit(b) || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }
}
