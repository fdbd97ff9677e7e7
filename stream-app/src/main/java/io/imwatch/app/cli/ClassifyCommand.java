package io.imwatch.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.Route;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.event.MalformedReason;
import io.imwatch.classify.output.EnrichedJson;
import io.imwatch.classify.redact.Redactor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code imwatch classify}: enriches events from files or stdin, one JSON object per input line. */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Reads events (one JSON object or text line per line) and writes one JSON object per input line:",
            "the event (or {\"message\": line} for text) plus an \"imwatch\" object with the codes found.",
            "A line that cannot be read yields {\"error\": ..., \"raw\": ...}; the run goes on."
        })
public final class ClassifyCommand implements Callable<Integer> {

    @Option(
            names = "--vendor",
            paramLabel = "VENDOR",
            description = "Default vendor for events whose format or hints do not say (e.g. turms, openim).")
    String vendor;

    @Option(
            names = "--max-event-bytes",
            paramLabel = "N",
            defaultValue = "1048576",
            description = "Larger events are reported as errors (default: ${DEFAULT-VALUE}).")
    int maxEventBytes;

    @Option(names = "--summary", description = "Print counts per route to stderr at the end.")
    boolean summary;

    @Mixin
    CatalogOptions catalogOptions;

    @Mixin
    RedactOptions redactOptions;

    @Parameters(paramLabel = "FILE", description = "Files to read ('-' or none: standard input).")
    List<Path> files = new ArrayList<>();

    /** Where output goes; tests replace it. */
    OutputStream stdout = System.out;

    InputStream stdin = System.in;

    PrintStream stderr = System.err;

    Map<String, String> environment = System.getenv();

    private Redactor redactor = Redactor.OFF;

    @Override
    public Integer call() throws IOException {
        Classifier classifier = catalogOptions.classifier(maxEventBytes);
        redactor = redactOptions.redactor(environment);
        if (vendor != null && !classifier.catalog().vendors().contains(vendor)) {
            throw new ConfigProblem("--vendor '" + vendor + "' is not in the catalogue; known vendors are "
                    + classifier.catalog().vendors() + " (add one with --catalog FILE)");
        }
        for (Path file : files) {
            if (!file.toString().equals("-") && !Files.isReadable(file)) {
                throw new ConfigProblem("cannot read input file " + file + ": it does not exist or is not readable");
            }
        }
        Map<Route, Long> counts = new EnumMap<>(Route.class);
        OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
        if (files.isEmpty()) {
            classifyAll("-", stdin, classifier, out, counts);
        }
        for (Path file : files) {
            if (file.toString().equals("-")) {
                classifyAll("-", stdin, classifier, out, counts);
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                classifyAll(file.toString(), in, classifier, out, counts);
            } catch (NoSuchFileException e) {
                throw new ConfigProblem("cannot read input file " + file + ": it does not exist", e);
            }
        }
        out.flush();
        if (summary) {
            stderr.println("imwatch classify: " + counts);
        }
        return 0;
    }

    private void classifyAll(
            String source, InputStream in, Classifier classifier, OutputStream out, Map<Route, Long> counts)
            throws IOException {
        LineReader lines = new LineReader(in);
        long number = 0;
        for (byte[] line = lines.next(); line != null; line = lines.next()) {
            number++;
            Route route;
            try {
                ClassifiedEvent event = classifier.classify(line, vendor, System.currentTimeMillis());
                out.write(EnrichedJson.write(event, redactor));
                route = event.route();
            } catch (MalformedEventException e) {
                writeError(out, source, number, e.reason(), e.getMessage(), line);
                route = Route.DEAD_LETTER;
            } catch (RuntimeException e) {
                writeError(out, source, number, MalformedReason.PROCESSING_ERROR, e.toString(), line);
                route = Route.DEAD_LETTER;
            }
            out.write('\n');
            counts.merge(route, 1L, Long::sum);
        }
    }

    private static void writeError(
            OutputStream out, String source, long line, MalformedReason reason, String message, byte[] raw)
            throws IOException {
        try (JsonGenerator g = LogEventParser.mapper().getFactory().createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeStringField("reason", reason.id());
            g.writeStringField("source", source);
            g.writeNumberField("line", line);
            g.writeStringField("raw", new String(raw, StandardCharsets.UTF_8));
            if (reason == MalformedReason.INVALID_UTF8) {
                g.writeStringField("rawBase64", java.util.Base64.getEncoder().encodeToString(raw));
            }
            g.writeEndObject();
        }
    }
}
