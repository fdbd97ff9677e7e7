package io.imwatch.app.run;

import io.imwatch.app.alerts.AlertEvent;
import io.imwatch.app.alerts.delivery.FiringAlerts;
import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.classify.Route;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Prints a compact summary every few seconds: events/s by route, session closes/s, the top
 * codes, and the alerts firing. Rates are differences of the metrics counters.
 */
public final class ConsoleSummary implements AutoCloseable {

    private final MeterRegistry registry;
    private final FiringAlerts alerts;
    private final Supplier<String> status;
    private final PrintStream out;
    private final Duration interval;
    private final Map<String, Double> previous = new HashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "imwatch-summary");
        t.setDaemon(true);
        return t;
    });

    /** @param status one extra line of status, e.g. the demo's current spike (may return null) */
    public ConsoleSummary(
            MeterRegistry registry, FiringAlerts alerts, Supplier<String> status, PrintStream out, Duration interval) {
        this.registry = registry;
        this.alerts = alerts;
        this.status = status;
        this.out = out;
        this.interval = interval;
        executor.scheduleAtFixedRate(this::print, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void print() {
        double seconds = interval.toMillis() / 1000.0;
        StringBuilder line = new StringBuilder();
        line.append(LocalTime.now().truncatedTo(ChronoUnit.SECONDS)).append("  events/s");
        for (Route route : Route.values()) {
            Counter c = registry.find(ImwatchMetrics.EVENTS)
                    .tag("route", route.id())
                    .counter();
            line.append(String.format(
                    Locale.ROOT,
                    "  %s %.0f",
                    route.id(),
                    rate("route:" + route.id(), c == null ? 0 : c.count(), seconds)));
        }
        double closes = registry.find(ImwatchMetrics.SESSION_CLOSES).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
        line.append(String.format(Locale.ROOT, "  | session closes/s %.1f", rate("closes", closes, seconds)));
        out.println(line);
        List<String> top = registry.find(ImwatchMetrics.CODES).counters().stream()
                .map(c -> Map.entry(
                        c.getId().getTag("vendor") + "/" + c.getId().getTag("code") + " "
                                + c.getId().getTag("name"),
                        rate("code:" + c.getId(), c.count(), seconds)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(5)
                .map(e -> String.format(Locale.ROOT, "%s %.1f/s", e.getKey(), e.getValue()))
                .toList();
        out.println("          top codes: " + String.join(", ", top));
        List<AlertEvent> firing = alerts.firing();
        String extra = status.get();
        out.println("          alerts firing: "
                + (firing.isEmpty()
                        ? "none"
                        : firing.stream()
                                .map(a -> a.labels().get("alertname")
                                        + a.labels().entrySet().stream()
                                                .filter(e -> e.getKey().equals("vendor")
                                                        || e.getKey().equals("reason"))
                                                .map(e -> e.getKey() + "=" + e.getValue())
                                                .collect(Collectors.joining(",", "{", "}")))
                                .collect(Collectors.joining("; ")))
                + (extra == null ? "" : "   (" + extra + ")"));
        out.flush();
    }

    private double rate(String key, double total, double seconds) {
        Double before = previous.put(key, total);
        return before == null ? total / seconds : (total - before) / seconds;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
