package io.imwatch.classify.output;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code Instant.ofEpochMilli(ms).toString()} without {@code DateTimeFormatter}, which costs more
 * than the rest of an event's {@code imwatch} object: the same text, e.g.
 * {@code 2026-11-20T10:15:02.331Z} ({@code .SSS} only when the milliseconds are not zero), for the
 * years 0000-9999; other instants are left to {@link Instant#toString()}.
 */
final class IsoInstant {

    private static final long DAY_MS = 86_400_000L;
    private static final long FIRST_FAST = -62_167_219_200_000L; // 0000-01-01T00:00:00Z
    private static final long END_FAST = 253_402_300_800_000L; // 10000-01-01T00:00:00Z

    private IsoInstant() {}

    static String format(long epochMillis) {
        return new String(bytes(epochMillis), StandardCharsets.US_ASCII);
    }

    /** {@link #format} as ASCII bytes. */
    static byte[] bytes(long epochMillis) {
        if (epochMillis < FIRST_FAST || epochMillis >= END_FAST) {
            return Instant.ofEpochMilli(epochMillis).toString().getBytes(StandardCharsets.US_ASCII);
        }
        long days = Math.floorDiv(epochMillis, DAY_MS);
        int msOfDay = (int) Math.floorMod(epochMillis, DAY_MS);
        // civil date of a day count (Howard Hinnant's civil_from_days)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int doe = (int) (z - era * 146_097);
        int yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int mp = (5 * doy + 2) / 153;
        int day = doy - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (yoe + era * 400) + (month <= 2 ? 1 : 0);
        int millis = msOfDay % 1000;

        byte[] out = new byte[millis == 0 ? 20 : 24];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, msOfDay / 3_600_000, 2);
        out[13] = ':';
        digits(out, 14, msOfDay / 60_000 % 60, 2);
        out[16] = ':';
        digits(out, 17, msOfDay / 1000 % 60, 2);
        if (millis != 0) {
            out[19] = '.';
            digits(out, 20, millis, 3);
        }
        out[out.length - 1] = 'Z';
        return out;
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
