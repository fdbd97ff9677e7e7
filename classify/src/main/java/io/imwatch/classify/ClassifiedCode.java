package io.imwatch.classify;

import io.imwatch.catalog.CatalogEntry;
import io.imwatch.classify.rules.RawCode;
import java.util.List;
import java.util.Objects;

/**
 * One code found in an event, classified.
 *
 * @param vendor the vendor, or {@code null} when ambiguous
 * @param space the code space, or {@code null} when not decided
 * @param code the code, or {@link RawCode#NO_CODE} when the event named an unknown code without a number
 * @param minor the observed minor code, or {@link CatalogEntry#ANY_MINOR}
 * @param observedName the name or message the event gave beside the code, or {@code null}
 * @param status how it matched
 * @param entry the catalogue entry for {@link CodeStatus#KNOWN} codes, else {@code null}
 * @param candidates what an ambiguous or version-mismatched code could be (empty otherwise)
 * @param rule the id of the extraction rule that found it
 * @param version the SDK/product version the event stated, or {@code null}
 */
public record ClassifiedCode(
        String vendor,
        String space,
        int code,
        int minor,
        String observedName,
        CodeStatus status,
        CatalogEntry entry,
        List<CatalogEntry> candidates,
        String rule,
        String version) {

    public ClassifiedCode {
        Objects.requireNonNull(status, "status");
        candidates = List.copyOf(candidates);
        if ((status == CodeStatus.KNOWN) != (entry != null)) {
            throw new IllegalArgumentException("a KNOWN code needs its entry, and only a KNOWN code has one");
        }
    }

    public boolean isKnown() {
        return status == CodeStatus.KNOWN;
    }

    /** The catalogue's name when known, else the name the event gave. */
    public String name() {
        return entry != null ? entry.name() : observedName;
    }
}
