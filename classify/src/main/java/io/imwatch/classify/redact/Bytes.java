package io.imwatch.classify.redact;

/** ASCII character classes on UTF-8 bytes; a byte of a multi-byte character is in none of them. */
final class Bytes {

    private Bytes() {}

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static boolean isAlpha(byte b) {
        int c = b | 0x20;
        return c >= 'a' && c <= 'z';
    }

    static boolean isAlnum(byte b) {
        return isDigit(b) || isAlpha(b);
    }

    static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    static boolean isHex(byte b) {
        int c = b | 0x20;
        return isDigit(b) || (c >= 'a' && c <= 'f');
    }

    /** Whether {@code s[at..]} starts with {@code lower}, ignoring ASCII case. */
    static boolean startsWithIgnoreCase(byte[] s, int at, int to, String lower) {
        int n = lower.length();
        if (at < 0 || to - at < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (lowerAscii(s[at + k]) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    static int lowerAscii(byte b) {
        return b >= 'A' && b <= 'Z' ? b | 0x20 : b & 0xFF;
    }
}
