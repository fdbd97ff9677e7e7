package io.imwatch.app.cli;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.livecatalog.CatalogBase;
import io.imwatch.app.livecatalog.CatalogOverlay;
import io.imwatch.app.livecatalog.CatalogVersion;
import io.imwatch.app.livecatalog.LiveCatalog;
import io.imwatch.app.run.CatalogTopic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code imwatch catalog publish FILE…} (and {@code --delete NAME…}): changes what the running
 * instances classify with, without a restart. The files are validated first, on top of what is on
 * the topic, exactly as the instances will build them; an invalid set is refused before anything
 * reaches the topic (exit 2, one line).
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Publishes catalogue or rule files to topic.catalog (key: the file's name); every running imwatch",
            "applies them between two records, without a restart. Refused (exit 2) if the result does not validate."
        })
final class CatalogPublishCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Catalogue or extraction-rule YAML files.")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--delete",
            paramLabel = "NAME",
            description = "Remove a published file (a tombstone), e.g. --delete inhouse.yaml (repeatable).")
    List<String> deletions = new ArrayList<>();

    @Mixin
    KafkaOptions kafka;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (files.isEmpty() && deletions.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give a FILE to publish or --delete NAME");
        }
        return change(kafka, readFiles(files), deletions, spec.commandLine().getOut());
    }

    /** Validates the change on top of the topic as it is, then writes it. */
    static int change(KafkaOptions kafka, List<CatalogOverlay> publish, List<String> delete, PrintWriter out) {
        CatalogBase base = kafka.base();
        CatalogTopic topic = kafka.catalogTopic();
        List<Map.Entry<String, byte[]>> records = topic.readAll();
        LiveCatalog.Replay now = LiveCatalog.replay(base, records);
        Map<String, CatalogOverlay> next = new TreeMap<>(now.version().overlays());
        Map<String, Boolean> onTopic = new TreeMap<>();
        records.forEach(r -> onTopic.put(r.getKey(), r.getValue() != null));
        for (String name : delete) {
            if (!onTopic.getOrDefault(name, false)) {
                throw new ConfigProblem("--delete " + name + ": no file '" + name + "' on " + topic.topic()
                        + "; imwatch catalog list shows what is there");
            }
            next.remove(name);
        }
        publish.forEach(file -> next.put(file.name(), file));
        CatalogVersion version;
        try {
            version = base.build(next);
        } catch (RuntimeException e) {
            throw new ConfigProblem("refused, nothing was written to " + topic.topic() + ": " + CatalogBase.oneLine(e));
        }
        topic.write(publish, delete);
        for (CatalogOverlay file : publish) {
            out.printf(
                    "published %s (%s, %s) to %s%n",
                    file.name(), file.kind().id(), file.shortFingerprint(), topic.topic());
        }
        for (String name : delete) {
            out.printf("removed %s from %s%n", name, topic.topic());
        }
        out.printf(
                "catalogue version %s (%d entries): running instances switch to it between two records%n",
                version.fingerprint(), version.entries());
        out.flush();
        return 0;
    }

    static List<CatalogOverlay> readFiles(List<Path> files) {
        List<CatalogOverlay> out = new ArrayList<>();
        for (Path file : files) {
            try {
                out.add(CatalogOverlay.of(file.getFileName().toString(), Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new ConfigProblem(
                        "cannot read " + file + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()
                                + "; give a readable catalogue or rule YAML file");
            }
        }
        Map<String, Path> seen = new TreeMap<>();
        for (Path file : files) {
            Path earlier = seen.put(file.getFileName().toString(), file);
            if (earlier != null) {
                throw new ConfigProblem(file + " and " + earlier + " would both be published as '" + file.getFileName()
                        + "' (the key is the file name); rename one");
            }
        }
        return out;
    }
}
