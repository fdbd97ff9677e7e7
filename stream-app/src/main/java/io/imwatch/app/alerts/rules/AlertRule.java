package io.imwatch.app.alerts.rules;

import io.imwatch.catalog.Catalog;
import io.imwatch.catalog.CatalogEntry;
import io.imwatch.catalog.Classification;
import io.imwatch.classify.ClassifiedCode;
import io.imwatch.classify.CodeStatus;
import io.imwatch.classify.rules.RawCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One alert rule: which codes it counts, how it splits them into series, and the detector's
 * thresholds.
 *
 * @param name the alert name ({@code alertname} label)
 * @param description what it watches
 * @param match the codes it counts
 * @param groupBy dimensions that split the count into series
 * @param window the window counts are judged in
 * @param params the detector's thresholds
 * @param severity the {@code severity} label
 * @param labels extra labels
 * @param annotations annotation templates; {@code {{vendor}}}, {@code {{count}}}, {@code {{baseline}}}, ... are filled in
 */
public record AlertRule(
        String name,
        String description,
        Match match,
        List<Dimension> groupBy,
        Duration window,
        DetectorParams params,
        String severity,
        Map<String, String> labels,
        Map<String, String> annotations) {

    public AlertRule {
        groupBy = List.copyOf(groupBy);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** A dimension codes can be grouped by; its label name is the lower-case name. */
    public enum Dimension {
        VENDOR,
        SPACE,
        CLASS,
        CODE,
        REASON,
        SEVERITY;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        String valueOf(ClassifiedCode code) {
            CatalogEntry entry = code.entry();
            Classification c = entry == null ? null : entry.classification();
            String value = switch (this) {
                case VENDOR -> code.vendor();
                case SPACE -> code.space();
                case CLASS -> c == null ? "UNKNOWN" : c.codeClass().name();
                case CODE -> code.code() == RawCode.NO_CODE ? null : Integer.toString(code.code());
                case REASON ->
                    c == null || c.sessionClose() == null
                            ? null
                            : c.sessionClose().name();
                case SEVERITY -> c == null ? null : c.severity().name();
            };
            return value == null ? "unknown" : value;
        }
    }

    /**
     * Which codes a rule counts: every non-null criterion must hold.
     *
     * @param vendors vendor ids, or null for any
     * @param spaces space ids, or null for any
     * @param classes class names, or null for any
     * @param codes code numbers, or null for any
     * @param sessionClose close reasons; {@code "any"} in the set matches every close; null for no criterion
     * @param known whether the code must be known (true), unknown (false), or either (null)
     * @param severities severity names, or null for any
     * @param outcomes outcome names, or null for any
     */
    public record Match(
            Set<String> vendors,
            Set<String> spaces,
            Set<String> classes,
            Set<Integer> codes,
            Set<String> sessionClose,
            Boolean known,
            Set<String> severities,
            Set<String> outcomes) {

        public boolean matches(ClassifiedCode code) {
            CatalogEntry entry = code.entry();
            Classification c = entry == null ? null : entry.classification();
            if (known != null && known != code.isKnown()) {
                return false;
            }
            // a code whose vendor or space is not decided matches no list of them (and Set.of's
            // contains throws on null)
            if (vendors != null && (code.vendor() == null || !vendors.contains(code.vendor()))) {
                return false;
            }
            if (spaces != null && (code.space() == null || !spaces.contains(code.space()))) {
                return false;
            }
            if (codes != null && !codes.contains(code.code())) {
                return false;
            }
            if (classes != null && (c == null || !classes.contains(c.codeClass().name()))) {
                return false;
            }
            if (severities != null
                    && (c == null || !severities.contains(c.severity().name()))) {
                return false;
            }
            if (outcomes != null && (c == null || !outcomes.contains(c.outcome().name()))) {
                return false;
            }
            if (sessionClose != null) {
                if (c == null || c.sessionClose() == null) {
                    return false;
                }
                return sessionClose.contains("any")
                        || sessionClose.contains(c.sessionClose().name());
            }
            return true;
        }
    }

    /** The series key of {@code code} under this rule: name, then each groupBy value, '|'-separated. */
    public String seriesKey(ClassifiedCode code) {
        StringBuilder key = new StringBuilder(name);
        for (Dimension d : groupBy) {
            key.append('|').append(d.valueOf(code));
        }
        return key.toString();
    }

    /**
     * The {@code vendor} and {@code reason} label values (each present only if this rule groups by
     * it) of every series this rule can produce with {@code catalog}: from each catalogue entry it
     * matches, and from unknown codes of each catalogue vendor (or of none, {@code unknown}) when it
     * counts unknown codes. The other dimensions are left out: the firing gauge does not carry them.
     */
    public Set<Map<String, String>> vendorReasonSeries(Catalog catalog) {
        List<ClassifiedCode> possible = new ArrayList<>();
        for (CatalogEntry entry : catalog.entries()) {
            possible.add(new ClassifiedCode(
                    entry.vendor(),
                    entry.space(),
                    entry.code(),
                    entry.minor(),
                    null,
                    CodeStatus.KNOWN,
                    entry,
                    List.of(),
                    "",
                    null));
        }
        List<String> vendors = new ArrayList<>(catalog.vendors());
        vendors.add(null);
        Set<Integer> codes = match.codes() == null ? Set.of(RawCode.NO_CODE) : match.codes();
        for (String vendor : vendors) {
            List<String> spaces = new ArrayList<>();
            spaces.add(null);
            if (vendor != null) {
                catalog.spaces(vendor).forEach(s -> spaces.add(s.id()));
            }
            for (String space : spaces) {
                for (int code : codes) {
                    possible.add(new ClassifiedCode(
                            vendor,
                            space,
                            code,
                            CatalogEntry.ANY_MINOR,
                            null,
                            CodeStatus.UNKNOWN,
                            null,
                            List.of(),
                            "",
                            null));
                }
            }
        }
        Set<Map<String, String>> series = new LinkedHashSet<>();
        for (ClassifiedCode code : possible) {
            if (!match.matches(code)) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (Dimension d : groupBy) {
                if (d == Dimension.VENDOR || d == Dimension.REASON) {
                    labels.put(d.label(), d.valueOf(code));
                }
            }
            series.add(Map.copyOf(labels));
        }
        return series;
    }
}
