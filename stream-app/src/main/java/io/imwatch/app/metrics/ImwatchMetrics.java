package io.imwatch.app.metrics;

import io.imwatch.catalog.Catalog;
import io.imwatch.catalog.CatalogEntry;
import io.imwatch.catalog.Classification;
import io.imwatch.classify.ClassifiedCode;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.CodeStatus;
import io.imwatch.classify.NoCodeReason;
import io.imwatch.classify.Route;
import io.imwatch.classify.event.MalformedReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classification metrics. Label sets are bounded by the catalogue (and by fixed enums), never
 * by what events contain: an unknown code counts under its vendor and space only.
 *
 * <ul>
 *   <li>{@value #EVENTS} {@code {route}} — input records by route: enriched, unknown, dead-letter, no-code.
 *   <li>{@value #NO_CODE} {@code {reason}} — the no-code route by reason: empty, none-found,
 *       code-out-of-range (a code field held a number that cannot be a code), too-deep (nested
 *       deeper than imwatch reads). A counter of its own rather than a label on {@value #EVENTS}:
 *       the reason means nothing on the other routes, and their series stay as they were.
 *   <li>{@value #CODES} {@code {vendor, space, class, severity, outcome, code, name}} — known codes;
 *       codes matched by a declared range count under the range ({@code code="10000-20000"}).
 *   <li>{@value #SESSION_CLOSES} {@code {vendor, reason}} — codes that mean a session was closed,
 *       by normalized reason.
 *   <li>{@value #UNKNOWN_CODES} {@code {vendor, space, status}} — codes not in the catalogue
 *       ({@code vendor}/{@code space} are {@code unknown} when not decided; {@code status} is
 *       unknown, ambiguous or version_mismatch).
 *   <li>{@value #DEAD_LETTERS} {@code {reason}} — records dead-lettered: invalid-utf8,
 *       malformed-json, too-large, over-budget, processing-error.
 *   <li>{@value #LATE_COUNTS} {@code {kind}} — occurrences that reached the windowed counts after
 *       their window was emitted (older than the window plus {@code counts.grace}) and were left
 *       out of it; {@code kind} is {@code code} or {@code close}. Steady growth means the grace is
 *       shorter than the pipeline's delay.
 * </ul>
 *
 * Prometheus names add {@code _total}. Thread-safe; meters are created once and cached. The route,
 * dead-letter and no-code counters exist from the start; the catalogue-bounded ones appear with their
 * first event unless {@link #preregister(Catalog)} registers them at 0 up front.
 */
public final class ImwatchMetrics {

    public static final String EVENTS = "imwatch.events";
    public static final String CODES = "imwatch.codes";
    public static final String SESSION_CLOSES = "imwatch.session.closes";
    public static final String UNKNOWN_CODES = "imwatch.unknown.codes";
    public static final String DEAD_LETTERS = "imwatch.dead.letters";
    public static final String NO_CODE = "imwatch.no.code";
    public static final String LATE_COUNTS = "imwatch.counts.late";

    private final MeterRegistry registry;
    private final Counter[] events = new Counter[Route.values().length];
    private final Counter[] deadLetters = new Counter[MalformedReason.values().length];
    private final Counter[] noCode = new Counter[NoCodeReason.values().length];
    /**
     * The counters of each entry. Read with {@code get} first: {@code computeIfAbsent} locks its bin
     * whenever the key is not the bin's first, and this map is read for every code of every event.
     * Keyed by value, so an entry of a new catalogue version that equals an old one finds its series.
     */
    private final Map<CatalogEntry, EntryCounters> codes = new ConcurrentHashMap<>();

    private final Map<UnknownKey, Counter> unknown = new ConcurrentHashMap<>();
    private final Map<String, Counter> late = new ConcurrentHashMap<>();

    public ImwatchMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (Route route : Route.values()) {
            events[route.ordinal()] = Counter.builder(EVENTS)
                    .description("Input records by route")
                    .tag("route", route.id())
                    .register(registry);
        }
        for (MalformedReason reason : MalformedReason.values()) {
            deadLetters[reason.ordinal()] = Counter.builder(DEAD_LETTERS)
                    .description("Records sent to the dead-letter topic, by reason")
                    .tag("reason", reason.id())
                    .register(registry);
        }
        for (NoCodeReason reason : NoCodeReason.values()) {
            noCode[reason.ordinal()] = Counter.builder(NO_CODE)
                    .description("Records without a code, by why none was found")
                    .tag("reason", reason.id())
                    .register(registry);
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Registers at 0 every series {@code catalog} can produce, so that Prometheus' {@code increase()}
     * sees the first occurrence: {@value #CODES} per entry, {@value #SESSION_CLOSES} per vendor and
     * close reason, {@value #UNKNOWN_CODES} per vendor and space of the catalogue (and the
     * {@code unknown} placeholders) and status. The count is bounded by the catalogue's size.
     */
    public void preregister(Catalog catalog) {
        for (CatalogEntry entry : catalog.entries()) {
            counters(entry);
        }
        for (CodeStatus status : CodeStatus.values()) {
            if (status == CodeStatus.KNOWN) {
                continue;
            }
            unknownCounter("unknown", "unknown", status);
            for (String vendor : catalog.vendors()) {
                unknownCounter(vendor, "unknown", status);
                catalog.spaces(vendor).forEach(space -> unknownCounter(vendor, space.id(), status));
            }
        }
    }

    /** Counts one classified event: its route and every code in it. */
    public void record(ClassifiedEvent event) {
        events[event.route().ordinal()].increment();
        if (event.noCodeReason() != null) {
            noCode[event.noCodeReason().ordinal()].increment();
        }
        for (ClassifiedCode code : event.codes()) {
            CatalogEntry entry = code.entry();
            if (entry == null) {
                unknownCounter(code).increment();
                continue;
            }
            EntryCounters counters = counters(entry);
            counters.code.increment();
            if (counters.close != null) {
                counters.close.increment();
            }
        }
    }

    /** Counts one dead-lettered record. */
    public void deadLetter(MalformedReason reason) {
        events[Route.DEAD_LETTER.ordinal()].increment();
        deadLetters[reason.ordinal()].increment();
    }

    /**
     * Counts {@code n} occurrences of a count {@code kind} left out of the windowed counts as late;
     * {@code n == 0} registers the series. The kinds are the counts' own, a fixed few.
     */
    public void lateCounts(String kind, long n) {
        late.computeIfAbsent(
                        kind,
                        k -> Counter.builder(LATE_COUNTS)
                                .description(
                                        "Occurrences left out of the windowed counts: they arrived after their window was emitted")
                                .tag("kind", k)
                                .register(registry))
                .increment(n);
    }

    private EntryCounters counters(CatalogEntry entry) {
        EntryCounters counters = codes.get(entry);
        return counters != null ? counters : codes.computeIfAbsent(entry, this::newCounters);
    }

    private EntryCounters newCounters(CatalogEntry entry) {
        return new EntryCounters(
                codeCounter(entry), entry.classification().isSessionClose() ? closeCounter(entry) : null);
    }

    /** An entry's {@value #CODES} series and, for a session close, its {@value #SESSION_CLOSES} series. */
    private record EntryCounters(Counter code, Counter close) {}

    /** The labels of an {@value #UNKNOWN_CODES} series. */
    private record UnknownKey(String vendor, String space, CodeStatus status) {}

    private Counter codeCounter(CatalogEntry entry) {
        Classification c = entry.classification();
        return Counter.builder(CODES)
                .description("Known codes by vendor, space, class and code")
                .tag("vendor", entry.vendor())
                .tag("space", entry.space())
                .tag("class", c.codeClass().name())
                .tag("severity", c.severity().name())
                .tag("outcome", c.outcome().name())
                .tag(
                        "code",
                        entry.isRange()
                                ? entry.code() + "-" + entry.codeTo()
                                : entry.minor() == CatalogEntry.ANY_MINOR
                                        ? Integer.toString(entry.code())
                                        : entry.code() + "." + entry.minor())
                .tag("name", entry.name())
                .register(registry);
    }

    private Counter closeCounter(CatalogEntry entry) {
        return Counter.builder(SESSION_CLOSES)
                .description("Session closes by vendor and normalized reason")
                .tag("vendor", entry.vendor())
                .tag("reason", entry.classification().sessionClose().name())
                .register(registry);
    }

    private Counter unknownCounter(ClassifiedCode code) {
        return unknownCounter(
                code.vendor() == null ? "unknown" : code.vendor(),
                code.space() == null ? "unknown" : code.space(),
                code.status());
    }

    private Counter unknownCounter(String vendor, String space, CodeStatus codeStatus) {
        UnknownKey key = new UnknownKey(vendor, space, codeStatus);
        Counter counter = unknown.get(key);
        return counter != null ? counter : unknown.computeIfAbsent(key, this::newUnknownCounter);
    }

    private Counter newUnknownCounter(UnknownKey key) {
        return Counter.builder(UNKNOWN_CODES)
                .description("Codes not in the catalogue, by vendor, space and status")
                .tag("vendor", key.vendor())
                .tag("space", key.space())
                .tag("status", key.status().name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
