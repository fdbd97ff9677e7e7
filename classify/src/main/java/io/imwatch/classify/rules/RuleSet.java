package io.imwatch.classify.rules;

import io.imwatch.catalog.Catalog;
import io.imwatch.classify.event.EnvelopeFormat;
import io.imwatch.classify.event.LogEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * All extraction rules: the built-in ones for each vendor's formats, generic ones, and the user's.
 * Immutable and thread-safe.
 *
 * <p>Three passes, used by the classifier in this order of trust: {@link #extractVendor} (the
 * vendor is known from hints or configuration: its rules, including those that need the vendor
 * known), {@link #extractFormats} (the vendor is not known: rules whose format alone identifies
 * the vendor), {@link #extractGeneric} (codes whose vendor nothing identifies).
 */
public final class RuleSet {

    /** The built-in rule files: generic rules and envelope fields first, then one per vendor. */
    public static final List<String> BUILTIN_FILES =
            List.of("generic", "turms", "jmessage", "openim", "igap", "easemob");

    private static final String BUILTIN_DIR = "/io/imwatch/classify/rules/";

    private final EnvelopeFormat envelope;
    private final Map<String, List<String>> hintsByVendor;
    private final Map<String, VendorRules> byVendor;
    private final VendorRules formats;
    private final VendorRules generic;
    private final List<RuleFile.SpaceRef> spaceRefs;
    private final Set<String> jsonPaths;

    /** The rules of one group, split by input kind. */
    private record VendorRules(List<JsonRule> json, List<TextRule> text) {
        static VendorRules of(List<JsonRule> json, List<TextRule> text) {
            return new VendorRules(List.copyOf(json), List.copyOf(text));
        }

        void extract(LogEvent event, String attributedVendor, Findings out) {
            if (event.payload() != null) {
                for (JsonRule rule : json) {
                    rule.extract(event, attributedVendor, out);
                }
            }
            if (event.line() != null) {
                for (TextRule rule : text) {
                    rule.extract(event.line(), attributedVendor, out);
                }
            }
        }
    }

    private RuleSet(List<RuleFile> files) {
        EnvelopeFormat merged = new EnvelopeFormat(List.of(), List.of(), List.of());
        Map<String, List<String>> hints = new LinkedHashMap<>();
        Map<String, List<JsonRule>> vendorJson = new LinkedHashMap<>();
        Map<String, List<TextRule>> vendorText = new LinkedHashMap<>();
        List<JsonRule> formatJson = new ArrayList<>();
        List<TextRule> formatText = new ArrayList<>();
        List<JsonRule> genericJson = new ArrayList<>();
        List<TextRule> genericText = new ArrayList<>();
        List<RuleFile.SpaceRef> refs = new ArrayList<>();
        for (RuleFile file : files) {
            merged = merged.merge(file.envelope());
            refs.addAll(file.spaceRefs());
            if (file.vendor() == null) {
                genericJson.addAll(file.jsonRules());
                genericText.addAll(file.textRules());
                continue;
            }
            hints.computeIfAbsent(file.vendor(), v -> new ArrayList<>()).addAll(file.hints());
            vendorJson.computeIfAbsent(file.vendor(), v -> new ArrayList<>()).addAll(file.jsonRules());
            vendorText.computeIfAbsent(file.vendor(), v -> new ArrayList<>()).addAll(file.textRules());
            file.jsonRules().stream().filter(r -> !r.needsVendor()).forEach(formatJson::add);
            file.textRules().stream().filter(r -> !r.needsVendor()).forEach(formatText::add);
        }
        this.envelope = merged;
        Map<String, List<String>> frozenHints = new LinkedHashMap<>();
        hints.forEach((vendor, words) -> frozenHints.put(vendor, List.copyOf(words)));
        this.hintsByVendor = Map.copyOf(frozenHints);
        Map<String, VendorRules> rules = new LinkedHashMap<>();
        for (String vendor : vendorJson.keySet()) {
            rules.put(vendor, VendorRules.of(vendorJson.get(vendor), vendorText.get(vendor)));
        }
        this.byVendor = Map.copyOf(rules);
        this.formats = VendorRules.of(formatJson, formatText);
        this.generic = VendorRules.of(genericJson, genericText);
        this.spaceRefs = List.copyOf(refs);
        Set<String> paths = new LinkedHashSet<>();
        for (RuleFile file : files) {
            file.jsonRules().forEach(rule -> rule.addPaths(paths));
        }
        this.jsonPaths = Collections.unmodifiableSet(paths);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The built-in rules. */
    public static RuleSet builtin() {
        return builder().addBuiltins().build();
    }

    /**
     * Every dotted path a JSON rule reads (conditions, required fields, versions, codes, minors and
     * names), for reading events without a whole tree; rules that scan every string read the whole
     * payload on their own ({@link io.imwatch.classify.event.LogEvent#wholePayload()}).
     */
    public Set<String> jsonPaths() {
        return jsonPaths;
    }

    /** The envelope fields of all files together. */
    public EnvelopeFormat envelope() {
        return envelope;
    }

    /**
     * The vendor the event's hint fields name, or {@code null} when none does or several do.
     *
     * @param hints {@link LogEvent#hints()}
     */
    public String hintedVendor(String hints) {
        if (hints.isEmpty()) {
            return null;
        }
        String found = null;
        for (Map.Entry<String, List<String>> vendor : hintsByVendor.entrySet()) {
            for (String word : vendor.getValue()) {
                if (hints.contains(word)) {
                    if (found != null && !found.equals(vendor.getKey())) {
                        return null;
                    }
                    found = vendor.getKey();
                    break;
                }
            }
        }
        return found;
    }

    /** The known vendor's own rules, all of them. */
    public void extractVendor(LogEvent event, String vendor, Findings out) {
        VendorRules rules = byVendor.get(vendor);
        if (rules != null) {
            rules.extract(event, vendor, out);
        }
    }

    /** Rules whose format alone says which vendor wrote the event. */
    public void extractFormats(LogEvent event, Findings out) {
        formats.extract(event, null, out);
    }

    /** Generic rules; codes get {@code attributedVendor} (which may be {@code null}: vendor unknown). */
    public void extractGeneric(LogEvent event, String attributedVendor, Findings out) {
        generic.extract(event, attributedVendor, out);
    }

    /** Whether any rule belongs to {@code vendor}. */
    public boolean hasVendor(String vendor) {
        return byVendor.containsKey(vendor);
    }

    /**
     * Checks that every vendor and space the rules name exists in {@code catalog}.
     *
     * @throws RuleException naming each rule that refers to something the catalogue lacks
     */
    public void validateAgainst(Catalog catalog) {
        List<String> problems = new ArrayList<>();
        for (RuleFile.SpaceRef ref : spaceRefs) {
            if (ref.vendor() == null) {
                if (catalog.spaces().stream().noneMatch(s -> s.id().equals(ref.space()))) {
                    problems.add(ref.where() + ": no vendor in the catalogue has a space '" + ref.space() + "'");
                }
            } else if (!catalog.vendors().contains(ref.vendor())) {
                problems.add(ref.where() + ": vendor '" + ref.vendor() + "' is not in the catalogue; add a catalogue"
                        + " file for it with --catalog");
            } else if (catalog.space(ref.vendor(), ref.space()) == null) {
                problems.add(ref.where() + ": vendor '" + ref.vendor() + "' has no space '" + ref.space()
                        + "'; its spaces are "
                        + catalog.spaces(ref.vendor()).stream().map(s -> s.id()).toList());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleException("extraction rules refer to codes the catalogue does not have", problems);
        }
    }

    /** Collects rule files. */
    public static final class Builder {
        private final List<RuleFile> files = new ArrayList<>();

        private Builder() {}

        /** A new builder holding the files added so far, already parsed (a base read once, copied per overlay set). */
        public Builder copy() {
            Builder copy = new Builder();
            copy.files.addAll(files);
            return copy;
        }

        public Builder addBuiltins() {
            for (String name : BUILTIN_FILES) {
                String resource = BUILTIN_DIR + name + ".yaml";
                try (InputStream in = RuleSet.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("built-in rule file " + resource + " is missing from the jar");
                    }
                    files.add(RuleFileReader.read(name + ".yaml", in));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read built-in rule file " + resource, e);
                }
            }
            return this;
        }

        /** @throws RuleException if the file cannot be read or is invalid, naming every problem */
        public Builder addFile(Path path) {
            Objects.requireNonNull(path, "path");
            try (InputStream in = Files.newInputStream(path)) {
                files.add(RuleFileReader.read(path.toString(), in));
            } catch (IOException e) {
                throw new RuleException(
                        "cannot read rule file " + path,
                        List.of(path + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            return this;
        }

        public Builder add(String source, InputStream in) {
            files.add(RuleFileReader.read(Objects.requireNonNull(source, "source"), in));
            return this;
        }

        public RuleSet build() {
            return new RuleSet(List.copyOf(files));
        }
    }
}
