package io.imwatch.app.cli;

import io.imwatch.catalog.Catalog;
import io.imwatch.catalog.CatalogEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes a catalogue YAML stub (format: catalog/README.md) of one vendor's new codes: every field
 * filled with the space's usual values, every {@code name} left empty for a human to fill in, so
 * that the stub does not validate, nor can be published, until someone has named each code.
 */
final class CatalogStub {

    private CatalogStub() {}

    static String write(String vendor, Map<String, List<UnknownCodes.Seen>> spaces, Catalog catalog, String from) {
        StringBuilder out = new StringBuilder();
        out.append("# Drafted by imwatch catalog suggest from ")
                .append(from)
                .append(": codes of ")
                .append(vendor)
                .append(" the catalogue does not know.\n")
                .append("# Give each code its vendor's name (and check the defaults), then:\n")
                .append("#   imwatch catalog validate FILE && imwatch catalog publish FILE --bootstrap-servers ...\n")
                .append("vendor: ")
                .append(vendor)
                .append('\n')
                .append("spaces:\n");
        spaces.forEach((space, codes) -> {
            out.append("  - id: ").append(space).append('\n');
            out.append("    # TODO check: the usual values of ")
                    .append(catalog.space(vendor, space) == null ? "an error code" : vendor + "/" + space)
                    .append("; an entry may set its own\n");
            out.append("    defaults: ")
                    .append(defaults(catalog, vendor, space))
                    .append('\n');
            out.append("    codes:\n");
            for (UnknownCodes.Seen seen : codes) {
                out.append("      # seen ").append(seen.count).append(seen.count == 1 ? " time" : " times");
                if (seen.hasTime()) {
                    out.append(", ")
                            .append(Instant.ofEpochMilli(seen.first))
                            .append(" .. ")
                            .append(Instant.ofEpochMilli(seen.last));
                }
                if (!seen.reportedNames.isEmpty()) {
                    out.append("; reported as ").append(String.join(", ", seen.reportedNames));
                }
                out.append('\n');
                seen.examples.forEach(
                        e -> out.append("      #   e.g. ").append(e).append('\n'));
                out.append("      - {code: ").append(seen.code);
                if (seen.minor != null) {
                    out.append(", minor: ").append(seen.minor);
                }
                out.append(", name: }\n");
            }
        });
        return out.toString();
    }

    /** The space's most common classification, or a server error. */
    private static String defaults(Catalog catalog, String vendor, String space) {
        List<CatalogEntry> entries = catalog.entries().stream()
                .filter(e -> e.vendor().equals(vendor) && e.space().equals(space) && !e.isRange())
                .toList();
        String category = common(entries, CatalogEntry::category).orElse("Suggested by imwatch");
        String codeClass =
                common(entries, e -> e.classification().codeClass().name()).orElse("SERVER");
        String severity =
                common(entries, e -> e.classification().severity().name()).orElse("ERROR");
        String side = common(entries, e -> e.classification().side().name()).orElse("SERVER");
        String outcome =
                common(entries, e -> e.classification().outcome().name()).orElse("ERROR");
        boolean retryable = common(
                        entries, e -> Boolean.toString(e.classification().retryable()))
                .map(Boolean::parseBoolean)
                .orElse(false);
        return "{category: " + quoted(category) + ", class: " + codeClass + ", severity: " + severity + ", side: "
                + side + ", outcome: " + outcome + ", retryable: " + retryable + "}";
    }

    private static Optional<String> common(Collection<CatalogEntry> entries, Function<CatalogEntry, String> field) {
        return entries.stream().collect(Collectors.groupingBy(field, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
