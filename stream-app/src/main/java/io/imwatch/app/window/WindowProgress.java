package io.imwatch.app.window;

/**
 * When windows in event time may close, for one processor; shared by the counts and the spike
 * detector. Progress is measured on the records while they arrive (stream time: after a restart
 * or under lag, a window closes only once its records have been read; never ahead of the wall
 * clock, so future-dated events cannot close it early) and on the wall clock once none have
 * arrived for {@code idleAfterMs} (a quiet partition never advances stream time).
 *
 * <p>A processor that has just started counts as busy: the backlog it is about to read must not
 * find its windows already closed by the wall clock.
 */
public final class WindowProgress {

    private final long idleAfterMs;
    private long lastRecordAt;

    /** {@code startedAt}: wall-clock time the processor started. */
    public WindowProgress(long idleAfterMs, long startedAt) {
        this.idleAfterMs = idleAfterMs;
        this.lastRecordAt = startedAt;
    }

    /** A record arrived at wall-clock time {@code now}. */
    public void recordArrived(long now) {
        lastRecordAt = now;
    }

    /** The event time up to which windows may be judged, at wall-clock time {@code now}. */
    public long at(long now, long streamTime) {
        boolean idle = now - lastRecordAt > idleAfterMs;
        return idle ? now : Math.min(now, streamTime);
    }
}
