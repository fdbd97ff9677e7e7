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
}
