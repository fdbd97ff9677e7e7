package io.imwatch.catalog;

/**
 * An open-addressing hash map from non-zero {@code long} keys to entries. The catalogue packs
 * (space, code, minor) into one long so that a lookup hashes a primitive and allocates nothing,
 * which a {@code HashMap<Long, …>} cannot promise. Built once, then read-only and thread-safe.
 */
final class LongEntryMap {

    private final long[] keys;
    private final CatalogEntry[] values;
    private final int mask;

    LongEntryMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(4, expectedSize) * 4 - 1);
        keys = new long[capacity];
        values = new CatalogEntry[capacity];
        mask = capacity - 1;
    }

    /** Stores {@code value} under {@code key} (which must not be 0), replacing any earlier value. */
    void put(long key, CatalogEntry value) {
        if (key == 0) {
            throw new IllegalArgumentException("key 0 is reserved for empty slots");
        }
        int i = slot(key);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** The value stored under {@code key}, or {@code null}. */
    CatalogEntry get(long key) {
        int i = slot(key);
        long k;
        while ((k = keys[i]) != 0) {
            if (k == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing spreads the packed fields
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
