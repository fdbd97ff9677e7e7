package io.imwatch.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live catalogue's metrics: which version an instance classifies with, and what it refused.
 *
 * <ul>
 *   <li>{@value #INFO} {@code {fingerprint}} — 1 for the catalogue version this instance classifies
 *       with; the series of a replaced version is removed, so each instance has exactly one and a
 *       dashboard shows when instances disagree.
 *   <li>{@value #ENTRIES} — the number of catalogue entries of that version.
 *   <li>{@value #REJECTED} — catalogue-topic records this instance refused (invalid YAML, clashes,
 *       rules naming what the catalogue lacks); the instance stays on its last good version.
 * </ul>
 *
 * Prometheus names: {@code imwatch_catalog_info}, {@code imwatch_catalog_entries},
 * {@code imwatch_catalog_rejected_total}. Three series per instance, whatever the catalogue.
 */
public final class CatalogMetrics {

    public static final String INFO = "imwatch.catalog.info";
    public static final String ENTRIES = "imwatch.catalog.entries";
    public static final String REJECTED = "imwatch.catalog.rejected";

    private final MeterRegistry registry;
    private final Counter rejected;
    private final AtomicInteger entries = new AtomicInteger();
    private Gauge info; // guarded by this

    public CatalogMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.rejected = Counter.builder(REJECTED)
                .description("Catalogue-topic records refused; the instance stays on its last good version")
                .register(registry);
        Gauge.builder(ENTRIES, entries, AtomicInteger::get)
                .description("Entries of the live catalogue version")
                .register(registry);
    }

    /** Shows {@code fingerprint} as the live version (its series at 1, the previous one removed). */
    public synchronized void live(String fingerprint, int entryCount) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        entries.set(entryCount);
        if (info != null && fingerprint.equals(info.getId().getTag("fingerprint"))) {
            return;
        }
        Gauge next = Gauge.builder(INFO, () -> 1)
                .description("1 for the catalogue version this instance classifies with")
                .tag("fingerprint", fingerprint)
                .register(registry);
        if (info != null) {
            registry.remove(info);
        }
        info = next;
    }

    /** Counts one refused catalogue-topic record. */
    public void rejected() {
        rejected.increment();
    }
}
