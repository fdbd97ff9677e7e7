package io.imwatch.app.window;

/**
 * Store keys for per-window values: the window start as 19 zero-padded digits, NUL, the key. Such
 * keys sort by window first, so the oldest windows are one range scan away.
 */
public final class WindowKeys {

    private static final int DIGITS = 19;

    private WindowKeys() {}

    public static String of(long windowStart, String key) {
        return padded(windowStart) + '\0' + key;
    }

    /** The upper bound (inclusive) of a range scan over every window starting at or before {@code windowStart}. */
    public static String through(long windowStart) {
        return padded(windowStart) + '\u0001';
    }

    public static long windowStart(String windowKey) {
        return Long.parseLong(windowKey.substring(0, DIGITS));
    }

    public static String key(String windowKey) {
        return windowKey.substring(DIGITS + 1);
    }

    /** A window start as zero-padded digits, which sort as the times do. */
    public static String padded(long windowStart) {
        String digits = Long.toString(Math.max(windowStart, 0));
        return "0".repeat(DIGITS - digits.length()) + digits;
    }
}
