package io.imwatch.classify;

import io.imwatch.catalog.Catalog;
import io.imwatch.catalog.CatalogEntry;
import io.imwatch.catalog.CodeSpace;
import io.imwatch.classify.event.LogEvent;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.rules.Findings;
import io.imwatch.classify.rules.RawCode;
import io.imwatch.classify.rules.RecordBudget;
import io.imwatch.classify.rules.RuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Extracts the codes of one event and classifies them against the catalogue. The one core the CLI
 * and the Kafka Streams topology share. Immutable and thread-safe.
 *
 * <p>The vendor is taken, in order of trust, from the event's hint fields, from a vendor-specific
 * format, or from the configured default; when none applies and the code means different things
 * to different vendors, the code is {@link CodeStatus#AMBIGUOUS} with its candidates listed —
 * never guessed.
 *
 * <p>Rule regexes match in time linear in the event's length; as a backstop, an event the rules
 * examine for longer than the per-record budget is given up with {@link
 * io.imwatch.classify.event.MalformedReason#OVER_BUDGET}.
 */
public final class Classifier {

    /** Default limit on one event's size. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

    /** Default time the rules may spend on one event. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(1);

    private final Catalog catalog;
    private final RuleSet rules;
    private final LogEventParser parser;
    private final Duration budget;

    /**
     * With the {@linkplain #DEFAULT_BUDGET default budget}.
     *
     * @throws io.imwatch.classify.rules.RuleException if a rule names a vendor or space the
     *     catalogue lacks
     */
    public Classifier(Catalog catalog, RuleSet rules, int maxEventBytes) {
        this(catalog, rules, maxEventBytes, DEFAULT_BUDGET);
    }

    /**
     * @param budget how long the rules may examine one event before it is given up as {@link
     *     io.imwatch.classify.event.MalformedReason#OVER_BUDGET}; positive
     * @throws io.imwatch.classify.rules.RuleException if a rule names a vendor or space the
     *     catalogue lacks
     */
    public Classifier(Catalog catalog, RuleSet rules, int maxEventBytes, Duration budget) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.budget = Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive, not " + budget);
        }
        rules.validateAgainst(catalog);
        this.parser = new LogEventParser(rules.envelope(), maxEventBytes, rules.jsonPaths());
    }

    /** The built-in catalogue and rules. */
    public static Classifier builtin() {
        return new Classifier(Catalog.builtin(), RuleSet.builtin(), DEFAULT_MAX_EVENT_BYTES);
    }

    public Catalog catalog() {
        return catalog;
    }

    public RuleSet rules() {
        return rules;
    }

    /**
     * The parser {@link #classify(byte[], String, long)} reads record values with: the one parser of
     * this classifier, so that a topology deserializing records itself reads them the same way
     * (same envelope, same size limit).
     */
    public LogEventParser parser() {
        return parser;
    }

    /**
     * Reads and classifies one record value.
     *
     * @param defaultVendor the vendor configured for the event's source, or {@code null}
     * @param recordTimestamp the record's timestamp (completes year-less log times)
     * @throws MalformedEventException when the bytes cannot be read, or the rules took longer
     *     than the budget
     */
    public ClassifiedEvent classify(byte[] value, String defaultVendor, long recordTimestamp) {
        return classify(parser.parse(value, recordTimestamp), defaultVendor);
    }

    /**
     * Classifies an event already read.
     *
     * @throws MalformedEventException with {@link io.imwatch.classify.event.MalformedReason#OVER_BUDGET}
     *     when the rules took longer than the budget
     */
    public ClassifiedEvent classify(LogEvent event, String defaultVendor) {
        if (event.isEmpty()) {
            return new ClassifiedEvent(
                    event,
                    defaultVendor,
                    defaultVendor == null ? VendorSource.NONE : VendorSource.CONFIG,
                    List.of(),
                    NoCodeReason.EMPTY);
        }
        Findings findings = new Findings(RecordBudget.start(budget));
        String hinted = rules.hintedVendor(event.hints());
        String vendor;
        VendorSource source;
        if (hinted != null) {
            vendor = hinted;
            source = VendorSource.HINT;
            rules.extractVendor(event, hinted, findings);
            if (findings.isEmpty()) {
                rules.extractGeneric(event, hinted, findings);
            }
        } else {
            rules.extractFormats(event, findings);
            if (!findings.isEmpty()) {
                vendor = commonVendor(findings.codes());
                source = VendorSource.FORMAT;
            } else if (defaultVendor != null) {
                vendor = defaultVendor;
                source = VendorSource.CONFIG;
                rules.extractVendor(event, defaultVendor, findings);
                if (findings.isEmpty()) {
                    rules.extractGeneric(event, defaultVendor, findings);
                }
            } else {
                vendor = null;
                source = VendorSource.NONE;
                rules.extractGeneric(event, null, findings);
            }
        }
        List<ClassifiedCode> codes = new ArrayList<>(findings.size());
        for (RawCode raw : findings.codes()) {
            codes.add(classify(raw));
        }
        return new ClassifiedEvent(
                event, vendor, source, codes, codes.isEmpty() ? noCodeReason(event, findings) : null);
    }

    /** A number that cannot be a code says more than a depth limit that may have hidden nothing. */
    private static NoCodeReason noCodeReason(LogEvent event, Findings findings) {
        if (findings.sawCodeOutOfRange()) {
            return NoCodeReason.CODE_OUT_OF_RANGE;
        }
        if (event.nestedTooDeep() || findings.sawTooDeep()) {
            return NoCodeReason.TOO_DEEP;
        }
        return NoCodeReason.NONE_FOUND;
    }

    /** Classifies one found code against the catalogue. */
    public ClassifiedCode classify(RawCode raw) {
        if (raw.vendor() == null) {
            List<CatalogEntry> candidates =
                    raw.hasNumber() ? catalog.candidates(null, raw.space(), raw.code(), raw.minor()) : List.of();
            CodeStatus status = candidates.isEmpty() ? CodeStatus.UNKNOWN : CodeStatus.AMBIGUOUS;
            return code(raw, null, raw.space(), raw.code(), status, null, candidates);
        }
        if (raw.space() == null) {
            List<CatalogEntry> candidates =
                    raw.hasNumber() ? catalog.candidates(raw.vendor(), null, raw.code(), raw.minor()) : List.of();
            if (candidates.size() == 1) {
                // the vendor is known and only one of its spaces has the code: no different meanings
                return resolved(raw, candidates.get(0));
            }
            CodeStatus status = candidates.isEmpty() ? CodeStatus.UNKNOWN : CodeStatus.AMBIGUOUS;
            return code(raw, raw.vendor(), null, raw.code(), status, null, candidates);
        }
        CodeSpace space = catalog.space(raw.vendor(), raw.space());
        CatalogEntry entry = space == null
                ? null
                : raw.hasNumber()
                        ? catalog.find(space, raw.code(), raw.minor())
                        : catalog.findByName(space, raw.name());
        if (entry == null) {
            return code(raw, raw.vendor(), raw.space(), raw.code(), CodeStatus.UNKNOWN, null, List.of());
        }
        return resolved(raw, entry);
    }

    private static ClassifiedCode resolved(RawCode raw, CatalogEntry entry) {
        int code = raw.hasNumber() ? raw.code() : entry.code();
        if (raw.version() != null && !entry.versions().contains(raw.version())) {
            return code(raw, entry.vendor(), entry.space(), code, CodeStatus.VERSION_MISMATCH, null, List.of(entry));
        }
        return code(raw, entry.vendor(), entry.space(), code, CodeStatus.KNOWN, entry, List.of());
    }

    private static ClassifiedCode code(
            RawCode raw,
            String vendor,
            String space,
            int code,
            CodeStatus status,
            CatalogEntry entry,
            List<CatalogEntry> candidates) {
        return new ClassifiedCode(
                vendor, space, code, raw.minor(), raw.name(), status, entry, candidates, raw.rule(), raw.version());
    }

    private static String commonVendor(List<RawCode> codes) {
        String vendor = codes.get(0).vendor();
        for (RawCode code : codes) {
            if (!Objects.equals(vendor, code.vendor())) {
                return null;
            }
        }
        return vendor;
    }
}
