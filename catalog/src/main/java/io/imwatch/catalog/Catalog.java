package io.imwatch.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The loaded catalogues of all vendors: immutable, thread-safe, and built for the hot path.
 *
 * <p>{@link #space}, {@link #find} and {@link #findByName} do not allocate. {@link #candidates}
 * serves the rarer case where vendor or space is not known and lists every entry the code could be.
 */
public final class Catalog {

    /** The vendor files shipped in this jar, in load order. */
    public static final List<String> BUILTIN_VENDORS = List.of("turms", "jmessage", "openim", "igap", "easemob");

    private static final String BUILTIN_DIR = "/io/imwatch/catalog/builtin/";

    private final List<CatalogEntry> entries;
    private final List<CodeSpace> spaces;
    private final Map<String, Map<String, CodeSpace>> spacesByVendor;
    private final Map<String, String> products;
    private final LongEntryMap exact;
    private final CatalogEntry[][] rangesBySpace;
    private final List<Map<String, CatalogEntry>> namesBySpace;
    private final Map<Integer, List<CatalogEntry>> entriesByCode;
    private final String fingerprint;

    private Catalog(List<CatalogFile> files) {
        Map<String, CatalogEntry> byKey = merge(files);
        List<CatalogEntry> sorted = new ArrayList<>(byKey.values());
        sorted.sort(ORDER);
        this.entries = List.copyOf(sorted);

        Map<String, Map<String, CodeSpace>> vendors = new LinkedHashMap<>();
        Map<String, String> productNames = new LinkedHashMap<>();
        List<CodeSpace> allSpaces = new ArrayList<>();
        for (CatalogFile file : files) {
            productNames.putIfAbsent(file.vendor(), file.product());
            Map<String, CodeSpace> own = vendors.computeIfAbsent(file.vendor(), v -> new LinkedHashMap<>());
            for (CatalogFile.Space s : file.spaces()) {
                own.computeIfAbsent(s.id(), id -> {
                    CodeSpace space = new CodeSpace(file.vendor(), id, s.description(), allSpaces.size());
                    allSpaces.add(space);
                    return space;
                });
            }
        }
        this.spaces = List.copyOf(allSpaces);
        Map<String, Map<String, CodeSpace>> frozen = new LinkedHashMap<>();
        vendors.forEach((vendor, own) -> frozen.put(vendor, Map.copyOf(own)));
        this.spacesByVendor = Map.copyOf(frozen);
        this.products = Map.copyOf(productNames);

        this.exact = new LongEntryMap(entries.size());
        List<List<CatalogEntry>> ranges = new ArrayList<>();
        List<Map<String, CatalogEntry>> names = new ArrayList<>();
        for (int i = 0; i < spaces.size(); i++) {
            ranges.add(new ArrayList<>());
            names.add(new HashMap<>());
        }
        Map<Integer, List<CatalogEntry>> byCode = new HashMap<>();
        for (CatalogEntry entry : entries) {
            int index = space(entry.vendor(), entry.space()).index();
            if (entry.isRange()) {
                ranges.get(index).add(entry);
                continue;
            }
            exact.put(key(index, entry.code(), entry.minor()), entry);
            // first entry by (code, minor) order wins, so a name maps to its major-level entry
            names.get(index).putIfAbsent(entry.name(), entry);
            names.get(index).putIfAbsent(entry.name().toUpperCase(Locale.ROOT), entry);
            byCode.computeIfAbsent(entry.code(), c -> new ArrayList<>()).add(entry);
        }
        this.rangesBySpace =
                ranges.stream().map(l -> l.toArray(CatalogEntry[]::new)).toArray(CatalogEntry[][]::new);
        this.namesBySpace = names.stream().map(Map::copyOf).toList();
        Map<Integer, List<CatalogEntry>> frozenByCode = new HashMap<>();
        byCode.forEach((code, list) -> frozenByCode.put(code, List.copyOf(list)));
        this.entriesByCode = Map.copyOf(frozenByCode);
        this.fingerprint = fingerprint(entries);
    }

    /** A builder starting empty; add the built-ins and/or files. */
    public static Builder builder() {
        return new Builder();
    }

    /** The built-in catalogues of all {@link #BUILTIN_VENDORS}. */
    public static Catalog builtin() {
        return builder().addBuiltins().build();
    }

    /** Every entry (listed codes and declared ranges), ordered by vendor, space, code and minor. */
    public List<CatalogEntry> entries() {
        return entries;
    }

    /** Every code space, in load order. */
    public List<CodeSpace> spaces() {
        return spaces;
    }

    /** The vendor ids, sorted. */
    public Set<String> vendors() {
        return new TreeSet<>(spacesByVendor.keySet());
    }

    /** The product name a vendor file declared, or the vendor id. */
    public String product(String vendor) {
        return products.getOrDefault(vendor, vendor);
    }

    /** The code space, or {@code null} when the vendor or space is not in the catalogue. */
    public CodeSpace space(String vendor, String space) {
        Map<String, CodeSpace> own = vendor == null ? null : spacesByVendor.get(vendor);
        return own == null || space == null ? null : own.get(space);
    }

    /** The spaces of one vendor (empty when unknown). */
    public List<CodeSpace> spaces(String vendor) {
        return spaces.stream().filter(s -> s.vendor().equals(vendor)).toList();
    }

    /**
     * Looks a code up in one space: the entry for exactly this minor, else the any-minor entry,
     * else the range that covers the code, else {@code null}. Does not allocate.
     *
     * @param minor the observed minor code, or {@link CatalogEntry#ANY_MINOR} when there is none
     */
    public CatalogEntry find(CodeSpace space, int code, int minor) {
        Objects.requireNonNull(space, "space");
        if (minor >= 0 && minor <= CatalogEntry.MAX_MINOR) {
            CatalogEntry entry = exact.get(key(space.index(), code, minor));
            if (entry != null) {
                return entry;
            }
        }
        CatalogEntry entry = exact.get(key(space.index(), code, CatalogEntry.ANY_MINOR));
        if (entry != null) {
            return entry;
        }
        for (CatalogEntry range : rangesBySpace[space.index()]) {
            if (range.covers(code)) {
                return range;
            }
        }
        return null;
    }

    /**
     * Looks a code up by its symbolic name in one space (exact, then upper-cased), for events that
     * report a name instead of a number, e.g. Turms {@code "closeStatus":"SERVER_CLOSED"}.
     */
    public CatalogEntry findByName(CodeSpace space, String name) {
        Objects.requireNonNull(space, "space");
        if (name == null) {
            return null;
        }
        Map<String, CatalogEntry> names = namesBySpace.get(space.index());
        CatalogEntry entry = names.get(name);
        return entry != null ? entry : names.get(name.toUpperCase(Locale.ROOT));
    }

    /**
     * Every entry {@code code} may be when vendor and/or space are not known: with both known this
     * is {@link #find}'s answer (or nothing); with either {@code null}, the best entry of each
     * matching space that has the code, listed or by range.
     */
    public List<CatalogEntry> candidates(String vendor, String space, int code, int minor) {
        if (vendor != null && space != null) {
            CodeSpace known = space(vendor, space);
            CatalogEntry entry = known == null ? null : find(known, code, minor);
            return entry == null ? List.of() : List.of(entry);
        }
        List<CatalogEntry> out = new ArrayList<>(2);
        for (CodeSpace s : spaces) {
            if ((vendor == null || vendor.equals(s.vendor())) && (space == null || space.equals(s.id()))) {
                CatalogEntry entry = find(s, code, minor);
                if (entry != null) {
                    out.add(entry);
                }
            }
        }
        return out;
    }

    /** Whether any listed entry (not range) of any vendor has this code; cheap, for pre-filtering. */
    public boolean isListedAnywhere(int code) {
        return entriesByCode.containsKey(code);
    }

    /** SHA-256 (hex) of the loaded content: equal catalogues give equal fingerprints, whatever the file order. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Space index (15 bits) | code (32 bits) | minor (16 bits, any = 0xFFFF); never 0. */
    private static long key(int spaceIndex, int code, int minor) {
        long minorBits = minor == CatalogEntry.ANY_MINOR ? 0xFFFF : minor;
        return ((long) (spaceIndex + 1) << 48) | ((code & 0xFFFF_FFFFL) << 16) | minorBits;
    }

    private static final Comparator<CatalogEntry> ORDER = Comparator.comparing(CatalogEntry::vendor)
            .thenComparing(CatalogEntry::space)
            .thenComparingInt(CatalogEntry::code)
            .thenComparingInt(e -> e.minor() == CatalogEntry.ANY_MINOR ? -1 : e.minor());

    private static Map<String, CatalogEntry> merge(List<CatalogFile> files) {
        Map<String, CatalogEntry> byKey = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (CatalogFile file : files) {
            for (CatalogFile.Space space : file.spaces()) {
                for (CatalogEntry entry : space.entries()) {
                    String key = entry.vendor() + "/" + entry.space() + "/" + entry.code() + "-" + entry.codeTo() + "/"
                            + entry.minorText();
                    CatalogEntry earlier = byKey.get(key);
                    if (earlier != null && !file.override()) {
                        problems.add(file.source() + ": space '" + entry.space() + "' entry code " + entry.code()
                                + " minor " + entry.minorText() + ": duplicate key, already defined by "
                                + earlier.source() + " (set 'override: true' in " + file.source()
                                + " to replace it)");
                    } else {
                        byKey.put(key, entry);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException("catalogue files clash (" + problems.size() + " duplicate key(s))", problems);
        }
        return byKey;
    }

    private static String fingerprint(List<CatalogEntry> entries) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (CatalogEntry e : entries) {
                Classification c = e.classification();
                String line = String.join(
                                "\t",
                                e.vendor(),
                                e.space(),
                                Integer.toString(e.code()),
                                Integer.toString(e.codeTo()),
                                e.minorText(),
                                e.name(),
                                String.valueOf(e.message()),
                                e.category(),
                                String.valueOf(e.description()),
                                c.codeClass().name(),
                                c.severity().name(),
                                c.side().name(),
                                c.outcome().name(),
                                Boolean.toString(c.retryable()),
                                String.valueOf(c.sessionClose()),
                                e.versions().toString())
                        + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Collects catalogue files, validates each, and builds the catalogue. */
    public static final class Builder {
        private final List<CatalogFile> files = new ArrayList<>();

        private Builder() {}

        /**
         * A new builder holding the files added so far, already parsed: a base (built-ins plus
         * configured files) read once and copied for each overlay set.
         */
        public Builder copy() {
            Builder copy = new Builder();
            copy.files.addAll(files);
            return copy;
        }

        /** Adds the built-in vendor catalogues. */
        public Builder addBuiltins() {
            for (String vendor : BUILTIN_VENDORS) {
                String resource = BUILTIN_DIR + vendor + ".yaml";
                try (InputStream in = Catalog.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("built-in catalogue " + resource + " is missing from the jar");
                    }
                    files.add(CatalogFileReader.read(vendor + ".yaml", in));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read built-in catalogue " + resource, e);
                }
            }
            return this;
        }

        /**
         * Adds a user catalogue file.
         *
         * @throws CatalogException if the file cannot be read or is invalid, naming every problem
         */
        public Builder addFile(Path path) {
            Objects.requireNonNull(path, "path");
            try (InputStream in = Files.newInputStream(path)) {
                files.add(CatalogFileReader.read(path.toString(), in));
            } catch (IOException e) {
                throw new CatalogException(
                        "cannot read catalogue file " + path,
                        List.of(path + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            return this;
        }

        /** Adds a catalogue from a stream, named {@code source} in messages. */
        public Builder add(String source, InputStream in) {
            files.add(CatalogFileReader.read(Objects.requireNonNull(source, "source"), in));
            return this;
        }

        /**
         * Builds the catalogue.
         *
         * @throws CatalogException on duplicate keys across files
         */
        public Catalog build() {
            return new Catalog(List.copyOf(files));
        }
    }
}
