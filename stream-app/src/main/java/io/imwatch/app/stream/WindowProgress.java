package io.imwatch.app.stream;

/**
 * When windows in event time may close, shared by the counts and the spike detector. Progress is
 * measured on the records while they arrive (stream time: after a restart or under lag, a window
 * closes only once its records have been read; never ahead of the wall clock, so future-dated
 * events cannot close it early) and on the wall clock once none have arrived for {@code idleAfterMs}
 * (a quiet partition never advances stream time).
 */
public final class WindowProgress {

    /** {@code lastRecordAt} before any record arrived. */
    public static final long NO_RECORD = Long.MIN_VALUE;

    private WindowProgress() {}

    /** The event time up to which windows may be judged, at wall-clock time {@code now}. */
    public static long at(long now, long lastRecordAt, long idleAfterMs, long streamTime) {
        boolean idle = lastRecordAt == NO_RECORD || now - lastRecordAt > idleAfterMs;
        return idle ? now : Math.min(now, streamTime);
    }

    /** A window start as 19 zero-padded digits: store keys that begin with it sort by time. */
    public static String padded(long windowStart) {
        String digits = Long.toString(Math.max(windowStart, 0));
        return "0".repeat(19 - digits.length()) + digits;
    }
}
