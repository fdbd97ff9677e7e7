package io.imwatch.classify.rules;

/** Integer parsing for code fields that never throws and never allocates. */
final class Numbers {

    private Numbers() {}

    /** The integer in {@code s[from, to)} (optional leading '-'), or {@link RawCode#NO_CODE}. */
    static int parse(CharSequence s, int from, int to) {
        if (from >= to) {
            return RawCode.NO_CODE;
        }
        boolean negative = s.charAt(from) == '-';
        int i = negative ? from + 1 : from;
        if (i >= to || to - i > 10) {
            return RawCode.NO_CODE;
        }
        long value = 0;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return RawCode.NO_CODE;
            }
            value = value * 10 + (c - '0');
        }
        value = negative ? -value : value;
        return value > Integer.MAX_VALUE || value <= Integer.MIN_VALUE ? RawCode.NO_CODE : (int) value;
    }

    static int parse(CharSequence s) {
        return s == null ? RawCode.NO_CODE : parse(s, 0, s.length());
    }

    /**
     * Whether {@code s[from, to)} is written as a number (sign, digits, fraction, exponent) that
     * {@link #parse} cannot take as a code: too large for an int, fractional or in exponent form.
     */
    static boolean isOutOfRange(CharSequence s, int from, int to) {
        return isNumber(s, from, to) && parse(s, from, to) == RawCode.NO_CODE;
    }

    static boolean isOutOfRange(CharSequence s) {
        return s != null && isOutOfRange(s, 0, s.length());
    }

    private static boolean isNumber(CharSequence s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        for (; i < to && isDigit(s.charAt(i)); i++) {
            digits++;
        }
        if (i < to && s.charAt(i) == '.') {
            for (i++; i < to && isDigit(s.charAt(i)); i++) {
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exponent = i;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == exponent) {
                return false;
            }
        }
        return i == to;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
