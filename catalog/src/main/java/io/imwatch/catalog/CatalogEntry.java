package io.imwatch.catalog;

import java.util.Objects;

/**
 * One code of one vendor's code space, as the catalogue describes it. An entry either stands for
 * a single code ({@code code == codeTo}) or for a declared range of codes that are not listed one
 * by one (OpenIM's SDK and webhook ranges).
 *
 * @param vendor vendor id, e.g. {@code turms}
 * @param space code space id within the vendor, e.g. {@code session-close}
 * @param code the code, or the first code of a range
 * @param codeTo the code again, or the last code (inclusive) of a range
 * @param minor the minor code (iGap), or {@link #ANY_MINOR}
 * @param name the vendor's symbolic name (or, where it has none, its literal message)
 * @param message the vendor's literal message or detail, or {@code null}
 * @param category the vendor's own category heading
 * @param description what the code means, in imwatch's words, or {@code null}
 * @param classification the normalized cross-vendor fields
 * @param versions the product versions the entry describes
 * @param source where the entry was loaded from (file name)
 */
public record CatalogEntry(
        String vendor,
        String space,
        int code,
        int codeTo,
        int minor,
        String name,
        String message,
        String category,
        String description,
        Classification classification,
        VersionRange versions,
        String source) {

    /** Minor value of entries that match any minor code, and of codes that have none. */
    public static final int ANY_MINOR = -1;

    /** Largest minor code an entry may declare; larger minors only ever match {@link #ANY_MINOR}. */
    public static final int MAX_MINOR = 0xFFFE;

    public CatalogEntry {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(versions, "versions");
        if (codeTo < code) {
            throw new IllegalArgumentException("codeTo " + codeTo + " < code " + code);
        }
    }

    /**
     * Hashes what identifies the code (vendor, space, code, minor) and no more: entries key maps on
     * the per-event path, where hashing every text and nested record cost more than the lookup.
     * Equal entries still hash alike.
     */
    @Override
    public int hashCode() {
        return ((vendor.hashCode() * 31 + space.hashCode()) * 31 + code) * 31 + minor;
    }

    /** True when this entry stands for a declared range rather than one listed code. */
    public boolean isRange() {
        return codeTo != code;
    }

    /** True when {@code value} is this entry's code or falls in its range. */
    public boolean covers(int value) {
        return value >= code && value <= codeTo;
    }

    /** The minor as written in catalogue files: a number or {@code *}. */
    public String minorText() {
        return minor == ANY_MINOR ? "*" : Integer.toString(minor);
    }
}
