package io.imwatch.classify.event;

/**
 * Reads the timestamps IM logs carry, without {@code DateTimeFormatter} (this runs on every
 * record): ISO-8601 and the vendors' {@code yyyy-MM-dd HH:mm:ss.SSS} (UTC unless an offset is
 * given), Android logcat's year-less {@code MM-dd HH:mm:ss.SSS}, and epoch numbers.
 */
public final class Timestamps {

    /** Returned when no timestamp could be read. */
    public static final long NONE = Long.MIN_VALUE;

    private static final long DAY_MS = 86_400_000L;

    private Timestamps() {}

    /**
     * Parses a timestamp at the start of {@code s}.
     *
     * @param referenceMillis a time near the event (the record's timestamp), used to give logcat
     *     times their year
     * @return epoch milliseconds, or {@link #NONE}
     */
    public static long parseLeading(CharSequence s, long referenceMillis) {
        int n = s.length();
        if (n >= 19 && isDate(s, 0) && (s.charAt(10) == ' ' || s.charAt(10) == 'T') && isTime(s, 11)) {
            long days = daysFromCivil(num(s, 0, 4), num(s, 5, 2), num(s, 8, 2));
            return withFractionAndOffset(s, 19, days * DAY_MS + timeMillis(s, 11));
        }
        if (n >= 14 && isMonthDay(s, 0) && s.charAt(5) == ' ' && isTime(s, 6)) {
            return logcat(s, referenceMillis);
        }
        return NONE;
    }

    /**
     * Interprets a JSON number as epoch time: seconds (with fraction, as Fluent Bit writes),
     * milliseconds, microseconds or nanoseconds, told apart by magnitude.
     */
    public static long fromEpochNumber(double value) {
        double abs = Math.abs(value);
        if (abs < 1e11) {
            return Math.round(value * 1000);
        }
        if (abs < 1e14) {
            return Math.round(value);
        }
        if (abs < 1e17) {
            return Math.round(value / 1000);
        }
        return Math.round(value / 1_000_000);
    }

    /**
     * Interprets a string of exactly 19 digits as epoch nanoseconds, as OTLP JSON writes its 64-bit
     * {@code timeUnixNano}. Shorter digit strings are not read: {@code "20261120"} or {@code
     * "20261120101500"} in a date field are calendar dates, not epoch numbers.
     *
     * @return epoch milliseconds, or {@link #NONE} if {@code s} is anything else (or {@code "0"},
     *     OTLP's "unset")
     */
    public static long fromEpochNanoDigits(CharSequence s) {
        if (s.length() != 19) {
            return NONE;
        }
        long v = 0;
        for (int i = 0; i < 19; i++) {
            char c = s.charAt(i);
            if (!isDigit(c) || v > (Long.MAX_VALUE - (c - '0')) / 10) {
                return NONE;
            }
            v = v * 10 + (c - '0');
        }
        return Math.floorDiv(v, 1_000_000L);
    }

    private static long logcat(CharSequence s, long referenceMillis) {
        int month = num(s, 0, 2);
        int day = num(s, 3, 2);
        long ref = referenceMillis == NONE ? System.currentTimeMillis() : referenceMillis;
        int year = yearOf(ref);
        long t = withFractionAndOffset(s, 14, daysFromCivil(year, month, day) * DAY_MS + timeMillis(s, 6));
        // a December line read in January belongs to last year
        return t > ref + DAY_MS
                ? withFractionAndOffset(s, 14, daysFromCivil(year - 1, month, day) * DAY_MS + timeMillis(s, 6))
                : t;
    }

    private static long withFractionAndOffset(CharSequence s, int i, long millis) {
        int n = s.length();
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            int digits = 0;
            int frac = 0;
            while (i < n && isDigit(s.charAt(i))) {
                if (digits < 3) {
                    frac = frac * 10 + (s.charAt(i) - '0');
                }
                digits++;
                i++;
            }
            for (int d = digits; d < 3; d++) {
                frac *= 10;
            }
            millis += frac;
        }
        if (i < n
                && (s.charAt(i) == '+' || s.charAt(i) == '-')
                && i + 3 <= n
                && isDigit(s.charAt(i + 1))
                && isDigit(s.charAt(i + 2))) {
            int sign = s.charAt(i) == '+' ? 1 : -1;
            int hours = num(s, i + 1, 2);
            int j = i + 3;
            if (j < n && s.charAt(j) == ':') {
                j++;
            }
            int minutes = j + 2 <= n && isDigit(s.charAt(j)) && isDigit(s.charAt(j + 1)) ? num(s, j, 2) : 0;
            millis -= sign * (hours * 3_600_000L + minutes * 60_000L);
        }
        return millis;
    }

    private static boolean isDate(CharSequence s, int i) {
        return digits(s, i, 4) && s.charAt(i + 4) == '-' && isMonthDay(s, i + 5);
    }

    private static boolean isMonthDay(CharSequence s, int i) {
        return digits(s, i, 2)
                && s.charAt(i + 2) == '-'
                && digits(s, i + 3, 2)
                && num(s, i, 2) >= 1
                && num(s, i, 2) <= 12
                && num(s, i + 3, 2) >= 1
                && num(s, i + 3, 2) <= 31;
    }

    private static boolean isTime(CharSequence s, int i) {
        return digits(s, i, 2)
                && s.charAt(i + 2) == ':'
                && digits(s, i + 3, 2)
                && s.charAt(i + 5) == ':'
                && digits(s, i + 6, 2)
                && num(s, i, 2) < 24
                && num(s, i + 3, 2) < 60
                && num(s, i + 6, 2) < 61;
    }

    private static long timeMillis(CharSequence s, int i) {
        return num(s, i, 2) * 3_600_000L + num(s, i + 3, 2) * 60_000L + num(s, i + 6, 2) * 1_000L;
    }

    private static boolean digits(CharSequence s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int num(CharSequence s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    private static int yearOf(long epochMillis) {
        return java.time.Instant.ofEpochMilli(epochMillis)
                .atZone(java.time.ZoneOffset.UTC)
                .getYear();
    }
}
