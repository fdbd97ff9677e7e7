package io.imwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.imwatch.app.livecatalog.CatalogBase;
import io.imwatch.app.livecatalog.CatalogOverlay;
import io.imwatch.app.livecatalog.CatalogVersion;
import io.imwatch.app.livecatalog.LiveCatalog;
import io.imwatch.app.run.CatalogTopic;
import io.imwatch.catalog.Catalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code imwatch catalog list}: the files on the catalogue topic — name, kind, fingerprint,
 * entries (or rules) — and the version an instance starting now would classify with.
 */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Shows the files published on topic.catalog and the catalogue version they make.")
final class CatalogListCommand implements Callable<Integer> {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Mixin
    KafkaOptions kafka;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CatalogBase base = kafka.base();
        CatalogTopic topic = kafka.catalogTopic();
        List<Map.Entry<String, byte[]>> records = topic.readAll();
        Map<String, byte[]> latest = new TreeMap<>();
        records.forEach(r -> {
            if (r.getValue() == null) {
                latest.remove(r.getKey());
            } else {
                latest.put(r.getKey(), r.getValue());
            }
        });
        LiveCatalog.Replay replay = LiveCatalog.replay(base, records);
        CatalogVersion live = replay.version();
        out.printf("%-32s %-8s %-13s %8s  %s%n", "NAME", "KIND", "FINGERPRINT", "ENTRIES", "STATUS");
        latest.forEach((name, yaml) -> {
            CatalogOverlay file = CatalogOverlay.of(name, yaml);
            String rejected = replay.rejected().get(name);
            out.printf(
                    "%-32s %-8s %-13s %8s  %s%n",
                    name,
                    file.kind().id(),
                    file.shortFingerprint(),
                    entries(file, live.classifier().catalog(), base.source(name)),
                    rejected == null ? "live" : "rejected: " + rejected);
        });
        out.printf(
                "catalogue version %s: %d entries (built-in, catalog.files and %d published file(s))%n",
                live.fingerprint(), live.entries(), live.overlays().size());
        out.flush();
        return replay.rejected().isEmpty() ? 0 : 1;
    }

    /** Entries a catalogue contributes to the live version, or the number of rules a rule file holds. */
    private static String entries(CatalogOverlay file, Catalog catalog, String source) {
        if (file.kind() == CatalogOverlay.Kind.CATALOG) {
            long n = catalog.entries().stream()
                    .filter(e -> e.source().equals(source))
                    .count();
            return Long.toString(n);
        }
        try {
            JsonNode rules = YAML.readTree(file.yaml()).path("rules");
            return rules.size() + " rules";
        } catch (IOException e) {
            return "?";
        }
    }
}
