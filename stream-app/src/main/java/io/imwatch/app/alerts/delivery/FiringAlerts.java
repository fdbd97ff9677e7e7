package io.imwatch.app.alerts.delivery;

import io.imwatch.app.alerts.AlertEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The alerts currently firing, as read back from the alerts topic, and the gauge
 * {@value #GAUGE} {@code {rule, vendor, reason}} (1 firing, 0 resolved) that reflects them.
 */
public final class FiringAlerts {

    public static final String GAUGE = "imwatch.alerts.firing";

    private final MeterRegistry registry;
    private final Map<String, AlertEvent> firing = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

    public FiringAlerts(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Applies one transition; returns true if it changed what is firing. */
    public boolean apply(AlertEvent alert) {
        String key = alert.fingerprint();
        boolean changed = alert.isFiring() ? firing.put(key, alert) == null : firing.remove(key) != null;
        gauge(alert).set(alert.isFiring() ? 1 : 0);
        return changed;
    }

    /**
     * Registers the gauge at 0 for a series that may fire later ({@code labels} as an alert's:
     * {@code alertname}, {@code vendor}, {@code reason}), so its first firing shows as a change.
     */
    public void preregister(Map<String, String> labels) {
        gauge(labels);
    }

    public List<AlertEvent> firing() {
        return List.copyOf(firing.values());
    }

    private AtomicInteger gauge(AlertEvent alert) {
        return gauge(alert.labels());
    }

    private AtomicInteger gauge(Map<String, String> labels) {
        String rule = labels.getOrDefault("alertname", "");
        String vendor = labels.getOrDefault("vendor", "");
        String reason = labels.getOrDefault("reason", "");
        return gauges.computeIfAbsent(rule + '\0' + vendor + '\0' + reason, k -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(GAUGE, value, AtomicInteger::get)
                    .description("1 while imwatch's in-stream detector has this alert firing")
                    .tag("rule", rule)
                    .tag("vendor", vendor)
                    .tag("reason", reason)
                    .register(registry);
            return value;
        });
    }
}
