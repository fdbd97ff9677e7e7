package io.imwatch.app.topology;

import io.imwatch.classify.event.Timestamps;

/** Chooses the time windows count an event in. */
final class EventTimes {

    /**
     * Log times ahead of the record by more than this are distrusted (a wrong clock or time zone):
     * one would drag stream time forward and close every open window early.
     */
    static final long MAX_FUTURE_MS = 60_000;

    private EventTimes() {}

    /** The log's own time, unless it has none or claims to be from the future; then the record's. */
    static long choose(long logTime, long recordTimestamp) {
        if (logTime == Timestamps.NONE || logTime > recordTimestamp + MAX_FUTURE_MS || logTime < 0) {
            return recordTimestamp;
        }
        return logTime;
    }
}
