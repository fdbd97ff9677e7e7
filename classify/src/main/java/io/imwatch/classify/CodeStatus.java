package io.imwatch.classify;

/** How well a found code matched the catalogue. Only {@link #KNOWN} codes are enriched; the rest go to curation. */
public enum CodeStatus {
    /** Vendor and space are known and the catalogue has the code (listed, any-minor, or in a declared range). */
    KNOWN,
    /** Vendor (and perhaps space) known, but the catalogue does not have the code: a newer release, or a typo. */
    UNKNOWN,
    /** Nothing says which vendor or space the code belongs to; {@code candidates} lists what it could be. */
    AMBIGUOUS,
    /** The event's SDK/product version is outside the versions the matching entry describes. */
    VERSION_MISMATCH
}
