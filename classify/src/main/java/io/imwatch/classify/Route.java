package io.imwatch.classify;

import java.util.Locale;

/** Where a record goes. Every input record takes exactly one route. */
public enum Route {
    /** At least one code, and every code is known. */
    ENRICHED,
    /** At least one code is unknown, ambiguous or of a mismatched version: kept for catalogue curation. */
    UNKNOWN,
    /** The event could not be read (bad UTF-8, broken JSON, too large, processing failure). */
    DEAD_LETTER,
    /** The event carries no code: counted, then dropped or forwarded as configured. */
    NO_CODE;

    /** E.g. {@code dead-letter}: used in metrics labels and output. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
