package io.imwatch.app.alerts.detection;

import java.util.Map;

/**
 * One series' state in the detector store; its per-window counts live in their own store.
 *
 * @param detector the detector's memory
 * @param firstSeen start of the window the series was first seen in (never judged: it is partial)
 * @param lastClosed start of the last window judged, or {@link Long#MIN_VALUE} before the first
 * @param labels the alert labels of this series (rule dimensions)
 */
public record SeriesState(DetectorState detector, long firstSeen, long lastClosed, Map<String, String> labels) {

    public SeriesState {
        labels = Map.copyOf(labels);
    }

    static SeriesState start(long firstSeen, Map<String, String> labels) {
        return new SeriesState(DetectorState.INITIAL, firstSeen, Long.MIN_VALUE, labels);
    }
}
