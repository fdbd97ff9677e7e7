package io.imwatch.classify.output;

import io.imwatch.catalog.CatalogEntry;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.function.Function;

/**
 * Bytes encoded once per catalogue entry, looked up by the entry instance. A catalogue's entries
 * are distinct instances, so a hit costs an identity check. A map keyed by {@link
 * CatalogEntry#equals} compares every field of the entry on each hit as soon as a second
 * catalogue instance holds equal entries (each live-catalogue version, or a process that built
 * the built-ins twice) — a tenth of writing a record in the end-to-end profile (BENCHMARKS.md §2).
 * One map per thread, so a lookup takes no lock; cleared when it reaches its bound, so that the
 * entries of old catalogue versions do not pile up.
 */
final class EntryBytes {

    /** Several catalogue versions' worth of entries (the built-ins are about 900). */
    static final int DEFAULT_MAX_ENTRIES = 16_384;

    private final Function<CatalogEntry, byte[]> encoder;
    private final int maxEntries;
    private final ThreadLocal<IdentityHashMap<CatalogEntry, byte[]>> byEntry =
            ThreadLocal.withInitial(IdentityHashMap::new);

    EntryBytes(Function<CatalogEntry, byte[]> encoder) {
        this(encoder, DEFAULT_MAX_ENTRIES);
    }

    EntryBytes(Function<CatalogEntry, byte[]> encoder, int maxEntries) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.maxEntries = maxEntries;
    }

    /** The bytes of {@code entry}, encoded on this thread's first meeting with this instance. */
    byte[] of(CatalogEntry entry) {
        IdentityHashMap<CatalogEntry, byte[]> cache = byEntry.get();
        byte[] bytes = cache.get(entry);
        if (bytes == null) {
            if (cache.size() >= maxEntries) {
                cache.clear();
            }
            bytes = encoder.apply(entry);
            cache.put(entry, bytes);
        }
        return bytes;
    }

    /** How many entries this thread holds. */
    int size() {
        return byEntry.get().size();
    }
}
