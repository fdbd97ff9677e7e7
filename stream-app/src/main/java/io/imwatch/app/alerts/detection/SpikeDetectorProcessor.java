package io.imwatch.app.alerts.detection;

import io.imwatch.app.alerts.AlertEvent;
import io.imwatch.app.alerts.AlertJson;
import io.imwatch.app.alerts.rules.AlertRule;
import io.imwatch.app.alerts.rules.AlertRules;
import io.imwatch.app.window.WindowKeys;
import io.imwatch.app.window.WindowProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each series' events per window (event time) and judges every window once it is over.
 * A window is over when the records read pass its end plus grace (stream time), or, once no
 * record has arrived for a window plus grace, on the wall clock: a series that goes quiet still
 * gets its empty windows judged, so alerts resolve without waiting for new records.
 *
 * <p>Two changelogged stores: window counts (plain longs, updated per signal, cached) and series
 * state (detector memory and labels, touched only when windows are judged). Emits one record per
 * alert transition.
 */
final class SpikeDetectorProcessor implements Processor<String, Long, String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(SpikeDetectorProcessor.class);

    /** After a long stop, judge at most this many missed windows per series and skip the rest. */
    static final int MAX_CATCH_UP_WINDOWS = 1440;

    private final AlertRules rules;
    private final Duration grace;
    private final Duration interval;
    private final String generatorUrl;
    private final Map<String, SpikeDetector> detectors = new HashMap<>();
    private final long idleAfterMs;
    /** Per series, the last window judged: the store's value, kept in memory for the per-signal lateness check. */
    private final Map<String, Long> lastClosed = new HashMap<>();

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, SeriesState> series;
    private KeyValueStore<String, Long> counts;
    private WindowProgress progress;

    SpikeDetectorProcessor(AlertRules rules, Duration grace, Duration interval, String generatorUrl) {
        this.rules = rules;
        this.grace = grace;
        this.interval = interval;
        this.generatorUrl = generatorUrl;
        rules.rules().forEach(r -> detectors.put(r.name(), new SpikeDetector(r.params())));
        long longestWindow = rules.rules().stream()
                .mapToLong(r -> r.window().toMillis())
                .max()
                .orElse(60_000L);
        this.idleAfterMs = longestWindow + grace.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.progress = new WindowProgress(idleAfterMs, context.currentSystemTimeMs());
        this.series = context.getStateStore(AlertsTopology.STORE);
        this.counts = context.getStateStore(AlertsTopology.COUNTS_STORE);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::evaluate);
    }

    @Override
    public void process(Record<String, Long> record) {
        progress.recordArrived(context.currentSystemTimeMs());
        String key = record.key();
        AlertRule rule = rules.byName(ruleName(key)).orElse(null);
        if (rule == null) {
            return;
        }
        long window = rule.window().toMillis();
        long start = Math.floorDiv(record.timestamp(), window) * window;
        Long closed = lastClosed.computeIfAbsent(key, k -> {
            SeriesState state = series.get(k);
            if (state == null) {
                series.put(k, SeriesState.start(start, labels(rule, k)));
                return Long.MIN_VALUE;
            }
            return state.lastClosed();
        });
        if (start <= closed) {
            return; // the window was already judged: too late to change an alert decision
        }
        String countKey = countKey(key, start);
        Long count = counts.get(countKey);
        counts.put(countKey, count == null ? record.value() : count + record.value());
    }

    /** Judges every window that ended more than the grace period ago ({@link WindowProgress}), for every series. */
    void evaluate(long now) {
        long reached = progress.at(now, context.currentStreamTimeMs());
        List<KeyValue<String, SeriesState>> updates = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        try (KeyValueIterator<String, SeriesState> it = series.all()) {
            while (it.hasNext()) {
                KeyValue<String, SeriesState> kv = it.next();
                AlertRule rule = rules.byName(ruleName(kv.key)).orElse(null);
                if (rule == null) {
                    removals.add(kv.key); // the rule was removed from the configuration
                    continue;
                }
                SeriesState next = judge(kv.key, rule, kv.value, reached);
                if (next != kv.value) {
                    updates.add(KeyValue.pair(kv.key, next));
                }
            }
        }
        for (String key : removals) {
            series.delete(key);
            lastClosed.remove(key);
            takeCounts(key, Long.MIN_VALUE, Long.MAX_VALUE - 1);
        }
        for (KeyValue<String, SeriesState> kv : updates) {
            series.put(kv.key, kv.value);
            lastClosed.put(kv.key, kv.value.lastClosed());
        }
    }

    private SeriesState judge(String key, AlertRule rule, SeriesState state, long reached) {
        long window = rule.window().toMillis();
        long closedBy = reached - grace.toMillis();
        long last = Math.floorDiv(closedBy - window, window) * window; // latest window whose end <= closedBy
        // the window a series is first seen in is partial: it would drag the baseline down
        long first = state.lastClosed() == Long.MIN_VALUE ? state.firstSeen() + window : state.lastClosed() + window;
        if (first > last) {
            return state;
        }
        if ((last - first) / window > MAX_CATCH_UP_WINDOWS) {
            first = last - (long) MAX_CATCH_UP_WINDOWS * window;
        }
        Map<Long, Long> windowCounts = takeCounts(key, Long.MIN_VALUE, last);
        SpikeDetector detector = detectors.get(rule.name());
        DetectorState detectorState = state.detector();
        for (long start = first; start <= last; start += window) {
            long count = windowCounts.getOrDefault(start, 0L);
            DetectorState before = detectorState;
            SpikeDetector.Result result = detector.observe(detectorState, count, start);
            detectorState = result.state();
            if (result.transition() != SpikeDetector.Transition.NONE) {
                emit(rule, state.labels(), result, before, count, start, window);
            }
        }
        return new SeriesState(detectorState, state.firstSeen(), last, state.labels());
    }

    /** Removes and returns the counts of {@code key}'s windows starting in [from, to]. */
    private Map<Long, Long> takeCounts(String key, long from, long to) {
        Map<Long, Long> taken = new HashMap<>();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = counts.range(countKey(key, Math.max(from, 0)), countKey(key, to))) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                keys.add(kv.key);
                taken.put(Long.parseLong(kv.key.substring(key.length() + 1)), kv.value);
            }
        }
        keys.forEach(counts::delete);
        return taken;
    }

    /** Series key, NUL, window start zero-padded to 19 digits: the store orders a series' windows by time. */
    static String countKey(String seriesKey, long windowStart) {
        return seriesKey + '\0' + WindowKeys.padded(windowStart);
    }

    private void emit(
            AlertRule rule,
            Map<String, String> dims,
            SpikeDetector.Result result,
            DetectorState before,
            long count,
            long windowStart,
            long window) {
        boolean firing = result.transition() == SpikeDetector.Transition.FIRING;
        Map<String, String> labels = new LinkedHashMap<>(rule.labels());
        labels.putAll(dims);
        labels.put("alertname", rule.name());
        labels.put("severity", rule.severity());
        labels.put("source", "imwatch");
        Map<String, String> values = new LinkedHashMap<>(dims);
        values.put("count", Long.toString(count));
        values.put("baseline", String.format(Locale.ROOT, "%.1f", result.baseline()));
        values.put("window", format(rule.window()));
        values.put("peak", Long.toString(firing ? count : before.peak()));
        Map<String, String> annotations = new LinkedHashMap<>();
        rule.annotations().forEach((k, template) -> annotations.put(k, render(template, values)));
        annotations.put("count", values.get("count"));
        annotations.put("baseline", values.get("baseline"));
        annotations.put("peak", values.get("peak"));
        long startsAt = firing ? windowStart : before.firingSince();
        long endsAt = firing ? 0 : windowStart + window;
        AlertEvent alert = new AlertEvent(
                firing ? AlertEvent.FIRING : AlertEvent.RESOLVED, labels, annotations, startsAt, endsAt, generatorUrl);
        log.info(
                "alert {} {} {} (count {}, baseline {})",
                alert.status(),
                rule.name(),
                dims,
                count,
                values.get("baseline"));
        context.forward(
                new Record<>(alert.fingerprint(), AlertJson.write(alert), firing ? windowStart + window : endsAt));
    }

    static String ruleName(String seriesKey) {
        int bar = seriesKey.indexOf('|');
        return bar < 0 ? seriesKey : seriesKey.substring(0, bar);
    }

    static Map<String, String> labels(AlertRule rule, String seriesKey) {
        String[] parts = seriesKey.split("\\|", -1);
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < rule.groupBy().size() && i + 1 < parts.length; i++) {
            labels.put(rule.groupBy().get(i).label(), parts[i + 1]);
        }
        return labels;
    }

    private static String render(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return out;
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
