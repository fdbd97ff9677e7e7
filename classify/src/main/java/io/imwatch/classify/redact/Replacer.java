package io.imwatch.classify.redact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What a redacted value becomes: {@code [kind]}, or {@code [kind:<16 hex digits>]} when hashing. Thread-safe. */
final class Replacer {

    private static final String HMAC = "HmacSHA256";
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int HASH_BYTES = 8;

    private final byte[][] masks = new byte[Spans.PATTERN + 1][];
    private final ThreadLocal<Mac> mac;

    Replacer(RedactMode mode, String key) {
        for (int kind = 0; kind < masks.length; kind++) {
            masks[kind] = ("[" + Spans.label(kind) + "]").getBytes(StandardCharsets.US_ASCII);
        }
        if (mode == RedactMode.HASH) {
            SecretKeySpec spec = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC);
            mac = ThreadLocal.withInitial(() -> newMac(spec));
            newMac(spec); // fail now, not on the first record
        } else {
            mac = null;
        }
    }

    /** The text replacing {@code s[from..to)}, a value of {@code kind}; ASCII, nothing to escape in JSON. */
    byte[] replacement(int kind, byte[] s, int from, int to) {
        if (mac == null) {
            return masks[kind];
        }
        Mac m = mac.get();
        byte[] normal = normalize(kind, s, from, to);
        byte[] digest = m.doFinal(normal);
        byte[] label = masks[kind];
        byte[] out = new byte[label.length + 1 + 2 * HASH_BYTES];
        System.arraycopy(label, 0, out, 0, label.length - 1);
        int p = label.length - 1;
        out[p++] = ':';
        for (int i = 0; i < HASH_BYTES; i++) {
            out[p++] = HEX[(digest[i] >> 4) & 0xF];
            out[p++] = HEX[digest[i] & 0xF];
        }
        out[p] = ']';
        return out;
    }

    /**
     * The same address or number written differently hashes the same: e-mail and IPv6 compared
     * without case, phone numbers by their digits (and {@code +}).
     */
    private static byte[] normalize(int kind, byte[] s, int from, int to) {
        byte[] out = Arrays.copyOfRange(s, from, to);
        if (kind == Detector.EMAIL.ordinal() || kind == Detector.IPV6.ordinal()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) Bytes.lowerAscii(out[i]);
            }
        } else if (kind == Detector.PHONE.ordinal()) {
            int n = 0;
            for (byte b : out) {
                if (Bytes.isDigit(b) || b == '+') {
                    out[n++] = b;
                }
            }
            out = Arrays.copyOf(out, n);
        }
        return out;
    }

    private static Mac newMac(SecretKeySpec spec) {
        try {
            Mac m = Mac.getInstance(HMAC);
            m.init(spec);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
