package io.imwatch.app.livecatalog;

import io.imwatch.app.metrics.CatalogMetrics;
import io.imwatch.classify.Classifier;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swap point between the catalogue topic and the classifying threads. The global-store thread
 * {@linkplain #apply applies} each published file: the new set is built and validated off the hot
 * path and, if good, replaces the current {@link CatalogVersion} in one atomic step; a stream thread
 * reads {@link #current()} once per record, so a record is classified wholly against one version.
 * A file that does not build leaves the last good version in place, logged on one WARN line and
 * counted.
 *
 * <p>{@link #apply} is called from one thread at a time (the global-store thread); {@link
 * #current()} from any.
 */
public final class LiveCatalog {

    private static final Logger log = LoggerFactory.getLogger(LiveCatalog.class);

    /** What {@link #apply} did with a published file. */
    public enum Outcome {
        /** A new version is live. */
        SWITCHED,
        /** The file was already live as it is (or a tombstone of a file that was never live). */
        UNCHANGED,
        /** The file did not build; the last good version stays. */
        REJECTED
    }

    private final CatalogBase base;
    private final CatalogMetrics metrics;
    private final AtomicReference<CatalogVersion> current;
    private final List<Consumer<CatalogVersion>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean applied;
    /** Where a replay collects rejections (name → why) instead of logging them; {@code null} when live. */
    private final Map<String, String> replayRejections;

    private LiveCatalog(
            CatalogBase base, CatalogMetrics metrics, CatalogVersion first, Map<String, String> replayRejections) {
        this.base = base;
        this.metrics = metrics;
        this.replayRejections = replayRejections;
        this.current = new AtomicReference<>(first);
        if (metrics != null) {
            metrics.live(first.fingerprint(), first.entries());
        }
    }

    /**
     * Starts on {@code base} alone (nothing published yet).
     *
     * @param metrics where the live version and rejections are shown, or {@code null}
     * @throws io.imwatch.catalog.FileProblemsException if the base itself does not build
     */
    public static LiveCatalog start(CatalogBase base, CatalogMetrics metrics) {
        return new LiveCatalog(Objects.requireNonNull(base, "base"), metrics, base.build(Map.of()), null);
    }

    /**
     * What an instance starting now would classify with: {@code records} (the catalogue topic, in
     * offset order; a {@code null} value is a tombstone) applied on {@code base}, silently.
     */
    public static Replay replay(CatalogBase base, List<Map.Entry<String, byte[]>> records) {
        Map<String, String> rejected = new TreeMap<>();
        LiveCatalog quiet = new LiveCatalog(Objects.requireNonNull(base, "base"), null, base.build(Map.of()), rejected);
        for (Map.Entry<String, byte[]> record : records) {
            if (quiet.apply(record.getKey(), record.getValue()) != Outcome.REJECTED) {
                rejected.remove(record.getKey());
            }
        }
        return new Replay(quiet.current(), rejected);
    }

    /**
     * The outcome of {@link #replay}.
     *
     * @param version the version that would be live
     * @param rejected the files whose latest value would be refused, by name, with why (one line)
     */
    public record Replay(CatalogVersion version, Map<String, String> rejected) {}

    /** One version forever: a topology without a catalogue topic. */
    public static LiveCatalog fixed(Classifier classifier) {
        CatalogVersion only = new CatalogVersion(
                classifier,
                classifier.catalog().fingerprint().substring(0, CatalogOverlay.SHORT),
                classifier.catalog().entries().size(),
                new TreeMap<>());
        return new LiveCatalog(null, null, only, null);
    }

    /** The version to classify the next record with. */
    public CatalogVersion current() {
        return current.get();
    }

    /** The name of the catalogue topic (for messages), or {@code null} for a fixed catalogue. */
    public String topic() {
        return base == null ? null : base.topic();
    }

    /** Whether any published file has been applied (during restoration or since). */
    public boolean hasApplied() {
        return applied;
    }

    /**
     * Calls {@code listener} on the applying thread with every version about to become live, before
     * any record is classified with it.
     */
    public void onSwitch(Consumer<CatalogVersion> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Applies one record of the catalogue topic.
     *
     * @param name the record key (the file's name)
     * @param yaml the file, or {@code null} (a tombstone) to remove it
     */
    public Outcome apply(String name, byte[] yaml) {
        applied = true;
        if (base == null) {
            throw new IllegalStateException("a fixed catalogue has no topic to apply records from");
        }
        CatalogVersion live = current.get();
        if (name == null || name.isBlank()) {
            reject(live, "(no key)", "?", "a catalogue-topic record needs the file's name as its key");
            return Outcome.REJECTED;
        }
        SortedMap<String, CatalogOverlay> next = new TreeMap<>(live.overlays());
        CatalogOverlay overlay = yaml == null ? null : CatalogOverlay.of(name, yaml);
        if (overlay == null ? next.remove(name) == null : overlay.equals(next.put(name, overlay))) {
            return Outcome.UNCHANGED;
        }
        CatalogVersion built;
        long start = System.nanoTime();
        try {
            built = base.build(next);
        } catch (RuntimeException e) {
            // anything a published file makes the build throw must leave the last good version live
            log.debug("catalogue-topic record {} rejected", name, e);
            reject(live, name, overlay == null ? "tombstone" : overlay.shortFingerprint(), CatalogBase.oneLine(e));
            return Outcome.REJECTED;
        }
        // before the switch: the new version's series exist at 0 before its first record counts
        listeners.forEach(listener -> listener.accept(built));
        current.set(built);
        if (replayRejections != null) {
            return Outcome.SWITCHED;
        }
        log.info(
                "catalogue version {} ({} entries, built in {} ms) is live: {} {} on {}",
                built.fingerprint(),
                built.entries(),
                (System.nanoTime() - start) / 1_000_000,
                name,
                overlay == null ? "removed" : "published (" + overlay.shortFingerprint() + ")",
                base.topic());
        if (metrics != null) {
            metrics.live(built.fingerprint(), built.entries());
        }
        return Outcome.SWITCHED;
    }

    private void reject(CatalogVersion live, String name, String fingerprint, String why) {
        if (replayRejections != null) {
            replayRejections.put(name, why);
            return;
        }
        log.warn(
                "{} record '{}' ({}) rejected, staying on catalogue version {}: {}",
                base.topic(),
                name,
                fingerprint,
                live.fingerprint(),
                why);
        if (metrics != null) {
            metrics.rejected();
        }
    }
}
