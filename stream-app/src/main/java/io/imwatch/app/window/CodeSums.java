package io.imwatch.app.window;

import io.imwatch.catalog.CatalogEntry;
import io.imwatch.classify.ClassifiedCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one pre-aggregation of the summing step: per distinct code (vendor, space, code, minor,
 * entry), the sums it counts towards in every branch, found once per batch through the branches'
 * {@link SumKeys}. An occurrence then costs one hash lookup (with a reused probe: no key object,
 * no string) and one addition per sum; the strings of keys are built once per distinct code and
 * batch.
 */
final class CodeSums {

    private final List<SumBranch> branches;
    private final SumsStore[] stores;
    private final Map<CodeId, Targets> byCode = new HashMap<>();
    private final CodeId probe = new CodeId();

    CodeSums(List<SumBranch> branches, SumsStore[] stores) {
        this.branches = branches;
        this.stores = stores;
    }

    /** Counts one occurrence of {@code code} at {@code eventTime} in every sum it counts towards. */
    void add(ClassifiedCode code, long eventTime) {
        probe.set(code);
        Targets targets = byCode.get(probe);
        if (targets == null) {
            targets = targets(code);
            byCode.put(probe.copy(), targets);
        }
        targets.add(eventTime);
    }

    /** Forgets every code's sums: to be called whenever the stores forward (and so spend) their sums. */
    void clear() {
        byCode.clear();
    }

    private Targets targets(ClassifiedCode code) {
        List<String> keys = new ArrayList<>();
        List<Long> windows = new ArrayList<>();
        List<SumsStore> owners = new ArrayList<>();
        for (int b = 0; b < branches.size(); b++) {
            SumsStore store = stores[b];
            branches.get(b).keys().keys(code, (key, window) -> {
                if (window <= 0) {
                    throw new IllegalArgumentException("window of " + key + " must be positive: " + window);
                }
                keys.add(key);
                windows.add(window);
                owners.add(store);
            });
        }
        return new Targets(
                keys.toArray(String[]::new),
                windows.stream().mapToLong(Long::longValue).toArray(),
                owners.toArray(SumsStore[]::new));
    }

    /** The sums one distinct code counts towards, with the current window's sum of each at hand. */
    private static final class Targets {
        private final String[] keys;
        private final long[] windows;
        private final SumsStore[] stores;
        private final SumsStore.Sum[] current;

        Targets(String[] keys, long[] windows, SumsStore[] stores) {
            this.keys = keys;
            this.windows = windows;
            this.stores = stores;
            this.current = new SumsStore.Sum[keys.length];
        }

        void add(long eventTime) {
            for (int i = 0; i < keys.length; i++) {
                long windowStart = Math.floorDiv(eventTime, windows[i]) * windows[i];
                SumsStore.Sum sum = current[i];
                if (sum == null || sum.windowStart() != windowStart) {
                    sum = stores[i].sum(keys[i], windowStart);
                    current[i] = sum;
                }
                sum.add(1, eventTime);
            }
        }
    }

    /** What identifies a code for counting; the entry by reference (the catalogue's own instances). */
    private static final class CodeId {
        private String vendor;
        private String space;
        private int code;
        private int minor;
        private CatalogEntry entry;

        void set(ClassifiedCode c) {
            vendor = c.vendor();
            space = c.space();
            code = c.code();
            minor = c.minor();
            entry = c.entry();
        }

        CodeId copy() {
            CodeId id = new CodeId();
            id.vendor = vendor;
            id.space = space;
            id.code = code;
            id.minor = minor;
            id.entry = entry;
            return id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CodeId other
                    && code == other.code
                    && minor == other.minor
                    && entry == other.entry
                    && Objects.equals(vendor, other.vendor)
                    && Objects.equals(space, other.space);
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(vendor);
            h = 31 * h + Objects.hashCode(space);
            h = 31 * h + code;
            h = 31 * h + minor;
            return 31 * h + System.identityHashCode(entry);
        }
    }
}
