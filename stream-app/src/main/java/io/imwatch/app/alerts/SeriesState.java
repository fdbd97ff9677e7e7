package io.imwatch.app.alerts;

import java.util.Map;
import java.util.TreeMap;

/**
 * One series' state in the detector store.
 *
 * @param detector the detector's memory
 * @param lastClosed start of the last window judged, or {@link Long#MIN_VALUE} before the first
 * @param open counts of windows not judged yet, by window start
 * @param labels the alert labels of this series (rule dimensions)
 */
public record SeriesState(
        DetectorState detector, long lastClosed, TreeMap<Long, Long> open, Map<String, String> labels) {

    static SeriesState start(Map<String, String> labels) {
        return new SeriesState(DetectorState.INITIAL, Long.MIN_VALUE, new TreeMap<>(), Map.copyOf(labels));
    }
}
