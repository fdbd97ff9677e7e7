package io.imwatch.classify.redact;

import java.util.Locale;

/** How a sensitive value is replaced. */
public enum RedactMode {
    /** By its kind in brackets: {@code [email]}, {@code [token]}, {@code [redacted]}. */
    MASK,
    /**
     * By its kind and a keyed hash, {@code [email:3f0c9a1e5b7d2c44]}: HMAC-SHA256 under a secret
     * key, truncated to 64 bits, so the same value maps to the same text across records,
     * instances and restarts (for correlation) and cannot be reversed without the key.
     */
    HASH;

    /**
     * @throws IllegalArgumentException unless {@code text} is mask or hash
     */
    public static RedactMode parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "mask" -> MASK;
            case "hash" -> HASH;
            default -> throw new IllegalArgumentException("'" + text + "' is not a mode; use mask or hash");
        };
    }
}
