package io.imwatch.app.cli;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.config.Durations;
import io.imwatch.app.run.TopicReader;
import io.imwatch.catalog.Catalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code imwatch catalog suggest}: groups the codes imwatch did not know (from the unknown topic or
 * a file of its records) by vendor, space and code, with counts, first and last seen and examples,
 * and drafts a catalogue stub per vendor for a human to name and publish.
 */
@Command(
        name = "suggest",
        mixinStandardHelpOptions = true,
        description = {
            "Groups unknown and ambiguous codes (from topic.unknown or a file of its records) by vendor, space and",
            "code, and drafts a catalogue YAML stub per vendor: fill in each name, then catalog validate and publish."
        })
final class CatalogSuggestCommand implements Callable<Integer> {

    static final class Source {
        @Option(
                names = "--from-topic",
                paramLabel = "TOPIC",
                description = "Read the unknown records of this topic, e.g. im.codes.unknown.")
        String topic;

        @Option(
                names = "--from-file",
                paramLabel = "FILE",
                description =
                        "Read unknown records, one JSON object per line (the topic's values, or classify output).")
        Path file;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            description = "With --from-topic: only records of the last DURATION, e.g. 1h, 30m (default: all).")
    String since;

    @Option(
            names = "--output-dir",
            paramLabel = "DIR",
            description = "Write one stub per vendor, DIR/<vendor>-suggested.yaml (default: print them).")
    Path outputDir;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    CatalogOptions catalogOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        UnknownCodes codes = new UnknownCodes();
        String from;
        if (source.topic != null) {
            long fromMillis = 0;
            if (since != null) {
                Duration window;
                try {
                    window = Durations.parse(since);
                } catch (RuntimeException e) {
                    throw new ConfigProblem("--since " + since + ": not a duration; use e.g. 1h, 30m, 2d");
                }
                fromMillis = Instant.now().minus(window).toEpochMilli();
            }
            TopicReader.read(
                    kafka.clientProperties(),
                    source.topic,
                    fromMillis,
                    KafkaOptions.TIMEOUT,
                    record -> codes.add(record.value(), record.timestamp()));
            from = source.topic + (since == null ? "" : " (last " + since + ")");
        } else {
            if (since != null) {
                throw new ConfigProblem("--since works with --from-topic; a file is read whole");
            }
            readFile(source.file, codes);
            from = source.file.toString();
        }
        // with a cluster, the instances' own base (catalog.files): the stub's defaults follow their spaces
        Catalog catalog =
                source.topic != null ? kafka.base().build(Map.of()).classifier().catalog() : catalogOptions.catalog();
        summary(codes, from, err);
        Map<String, Map<String, List<UnknownCodes.Seen>>> draftable = codes.draftable();
        for (var vendor : draftable.entrySet()) {
            String stub = CatalogStub.write(vendor.getKey(), vendor.getValue(), catalog, from);
            if (outputDir == null) {
                out.println("---");
                out.print(stub);
            } else {
                Files.createDirectories(outputDir);
                Path file = outputDir.resolve(vendor.getKey() + "-suggested.yaml");
                Files.writeString(file, stub, StandardCharsets.UTF_8);
                err.println("wrote " + file);
            }
        }
        out.flush();
        err.flush();
        return 0;
    }

    private static void readFile(Path file, UnknownCodes codes) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    codes.add(line.getBytes(StandardCharsets.UTF_8), -1);
                }
            }
        } catch (IOException e) {
            throw new ConfigProblem(
                    "cannot read --from-file " + file + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The grouped codes, most frequent first, on stderr: stdout carries only the stubs. */
    private static void summary(UnknownCodes codes, String from, PrintWriter err) {
        List<UnknownCodes.Seen> all = codes.all();
        err.printf(
                "%d record(s) from %s, %d code(s) not in the catalogue%s%n",
                codes.records(),
                from,
                all.size(),
                codes.unreadable() == 0 ? "" : "; " + codes.unreadable() + " record(s) were not imwatch records");
        err.printf(
                "%-10s %-14s %-8s %-18s %7s  %-24s  %-24s  %s%n",
                "VENDOR", "SPACE", "CODE", "STATUS", "COUNT", "FIRST", "LAST", "NOTE");
        for (UnknownCodes.Seen s : all) {
            err.printf(
                    "%-10s %-14s %-8s %-18s %7d  %-24s  %-24s  %s%n",
                    s.vendor == null ? "?" : s.vendor,
                    s.space == null ? "?" : s.space,
                    s.code == null ? "?" : s.minor == null ? s.code.toString() : s.code + "." + s.minor,
                    String.join(",", s.statuses),
                    s.count,
                    s.hasTime() ? Instant.ofEpochMilli(s.first).toString() : "-",
                    s.hasTime() ? Instant.ofEpochMilli(s.last).toString() : "-",
                    s.draftable() ? "drafted" : note(s));
        }
        err.flush();
    }

    private static String note(UnknownCodes.Seen s) {
        if (s.vendor == null) {
            return "vendor not known: give the topic a vendor (input.topics=topic:vendor)"
                    + (s.candidates.isEmpty() ? "" : "; candidates " + s.candidates);
        }
        if (s.space == null || s.statuses.contains("AMBIGUOUS")) {
            return "space not decided: a rule of " + s.vendor + " should name it"
                    + (s.candidates.isEmpty() ? "" : "; candidates " + s.candidates);
        }
        if (s.statuses.contains("VERSION_MISMATCH")) {
            return "known for other versions: widen the entry's versions";
        }
        return "no number: codes reported by name only";
    }
}
