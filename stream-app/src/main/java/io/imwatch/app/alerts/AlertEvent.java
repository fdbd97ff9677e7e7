package io.imwatch.app.alerts;

import java.util.Map;

/**
 * One alert transition, shaped like an Alertmanager alert.
 *
 * @param status {@code firing} or {@code resolved}
 * @param labels identifying labels: alertname, severity, the rule's groupBy dimensions, extra labels
 * @param annotations summary, description, and the figures (count, baseline, window)
 * @param startsAt when the spike window began (epoch ms)
 * @param endsAt when it resolved (epoch ms), or 0 while firing
 * @param generatorUrl link back (dashboard), may be empty
 */
public record AlertEvent(
        String status,
        Map<String, String> labels,
        Map<String, String> annotations,
        long startsAt,
        long endsAt,
        String generatorUrl) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public AlertEvent {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public boolean isFiring() {
        return FIRING.equals(status);
    }

    /** A stable identity: alert name and labels, sorted (used as the record key). */
    public String fingerprint() {
        return new java.util.TreeMap<>(labels).toString();
    }
}
