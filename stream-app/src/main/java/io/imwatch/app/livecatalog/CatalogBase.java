package io.imwatch.app.livecatalog;

import io.imwatch.catalog.Catalog;
import io.imwatch.catalog.CatalogException;
import io.imwatch.catalog.FileProblemsException;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.rules.RuleException;
import io.imwatch.classify.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every catalogue version is built on — the built-in catalogues and rules plus those of
 * {@code catalog.files} and {@code rules.files}, read once — and how a set of published overlays is
 * merged onto it: catalogue overlays after the configured files, in name order, with the same rules
 * as {@code catalog.files} (a key already defined is a clash unless the file says {@code override:
 * true}); rule overlays after the configured rule files, in name order. Immutable, thread-safe.
 */
public final class CatalogBase {

    private final Catalog.Builder catalog;
    private final RuleSet.Builder rules;
    private final String rulesDigest;
    private final int maxEventBytes;
    private final Duration budget;
    private final String topic;

    private CatalogBase(
            Catalog.Builder catalog,
            RuleSet.Builder rules,
            String rulesDigest,
            int maxEventBytes,
            Duration budget,
            String topic) {
        this.catalog = catalog;
        this.rules = rules;
        this.rulesDigest = rulesDigest;
        this.maxEventBytes = maxEventBytes;
        this.budget = budget;
        this.topic = topic;
    }

    /**
     * Reads the built-ins and the configured files.
     *
     * @param topic the catalogue topic's name, which prefixes published files in messages
     * @throws FileProblemsException if a configured file cannot be read or is invalid
     */
    public static CatalogBase of(
            List<Path> catalogFiles, List<Path> ruleFiles, int maxEventBytes, Duration budget, String topic) {
        Catalog.Builder catalog = Catalog.builder().addBuiltins();
        catalogFiles.forEach(catalog::addFile);
        RuleSet.Builder rules = RuleSet.builder().addBuiltins();
        StringBuilder digest = new StringBuilder();
        for (Path file : ruleFiles) {
            rules.addFile(file);
            try {
                digest.append(file.getFileName())
                        .append('\t')
                        .append(CatalogOverlay.sha256(Files.readAllBytes(file)))
                        .append('\n');
            } catch (IOException e) {
                throw new RuleException(
                        "cannot read rule file " + file,
                        List.of(file + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return new CatalogBase(catalog, rules, digest.toString(), maxEventBytes, Objects.requireNonNull(budget), topic);
    }

    /** The built-ins alone (tests, and the CLI's defaults). */
    public static CatalogBase builtin(String topic) {
        return of(List.of(), List.of(), Classifier.DEFAULT_MAX_EVENT_BYTES, Classifier.DEFAULT_BUDGET, topic);
    }

    /** The name a published file has in messages and in its entries' {@code source}: {@code topic/name}. */
    public String source(String name) {
        return topic + "/" + name;
    }

    public String topic() {
        return topic;
    }

    /**
     * Builds and validates the version of {@code overlays} on this base.
     *
     * @throws FileProblemsException ({@link CatalogException} or {@link RuleException}) naming each
     *     problem, with the same messages as {@code imwatch catalog validate}
     */
    public CatalogVersion build(Map<String, CatalogOverlay> overlays) {
        SortedMap<String, CatalogOverlay> sorted = new TreeMap<>(overlays);
        Catalog.Builder catalogs = catalog.copy();
        RuleSet.Builder ruleFiles = rules.copy();
        StringBuilder identity = new StringBuilder(rulesDigest);
        for (CatalogOverlay overlay : sorted.values()) {
            String source = source(overlay.name());
            if (overlay.kind() == CatalogOverlay.Kind.CATALOG) {
                catalogs.add(source, new ByteArrayInputStream(overlay.yaml()));
            } else {
                checkNoEnvelope(source, overlay);
                ruleFiles.add(source, new ByteArrayInputStream(overlay.yaml()));
                identity.append(overlay.name())
                        .append('\t')
                        .append(overlay.fingerprint())
                        .append('\n');
            }
        }
        Catalog built = catalogs.build();
        Classifier classifier = new Classifier(built, ruleFiles.build(), maxEventBytes, budget);
        String fingerprint = CatalogOverlay.sha256(
                        (built.fingerprint() + "\n" + identity).getBytes(StandardCharsets.UTF_8))
                .substring(0, CatalogOverlay.SHORT);
        return new CatalogVersion(classifier, fingerprint, built.entries().size(), sorted);
    }

    /**
     * Envelope fields decide how a record is read, before it is classified; a running instance
     * reads every record with one parser, so a published rule file may not change them.
     */
    private static void checkNoEnvelope(String source, CatalogOverlay overlay) {
        RuleSet alone = RuleSet.builder()
                .add(source, new ByteArrayInputStream(overlay.yaml()))
                .build();
        var envelope = alone.envelope();
        if (!envelope.lineFields().isEmpty()
                || !envelope.hintFields().isEmpty()
                || !envelope.timeFields().isEmpty()) {
            throw new RuleException(
                    "rule file " + source + " declares envelope fields",
                    List.of(source + ": 'envelope' cannot change while imwatch runs (it decides how records are"
                            + " read); remove it here, or put the file in rules.files and restart"));
        }
    }

    /** Every problem of {@code e} as one line: the first problem and how many more there are. */
    public static String oneLine(RuntimeException e) {
        if (e instanceof FileProblemsException problems && !problems.problems().isEmpty()) {
            List<String> all = new ArrayList<>(problems.problems());
            String first = all.get(0).replace('\n', ' ');
            return all.size() == 1 ? first : first + " (and " + (all.size() - 1) + " more)";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace('\n', ' ');
    }
}
