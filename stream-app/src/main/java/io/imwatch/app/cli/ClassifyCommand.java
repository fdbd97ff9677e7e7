package io.imwatch.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imwatch.app.config.ConfigProblem;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.Route;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.event.MalformedReason;
import io.imwatch.classify.output.EnrichFields;
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
            "A line that cannot be read yields {\"error\": ..., \"reason\": ..., \"raw\": ...}; the run goes on.",
            "A line over --max-event-bytes is skipped, never held whole: its error record carries its first bytes"
                    + " in \"raw\", \"truncated\": true and its length in \"bytes\".",
            "--format otlp-proto|otlp-proto-batch|otlp-json reads OTLP log batches instead: one output line per log"
                    + " record; an unreadable record or batch gives an error line with \"batch\" (from 1) and"
                    + " \"record\" (its index, from 0)."
        })
public final class ClassifyCommand implements Callable<Integer> {

    /** How much of a too-large line its error record carries. */
    static final int RAW_PREFIX_BYTES = 1024;

    // the bounds of the stream's max.event.bytes
    private static final int MIN_EVENT_BYTES = 64;
    private static final int MAX_EVENT_BYTES = 64 << 20;

    @Option(
            names = "--vendor",
            paramLabel = "VENDOR",
            description = "Default vendor for events whose format or hints do not say (e.g. turms, openim).")
    String vendor;

    @Option(
            names = "--max-event-bytes",
            paramLabel = "N",
            defaultValue = "" + Classifier.DEFAULT_MAX_EVENT_BYTES,
            description = "Longer lines are reported as too-large errors carrying only their first "
                    + RAW_PREFIX_BYTES + " bytes; the rest of such a line is skipped, never held (as the stream's"
                    + " max.event.bytes: " + MIN_EVENT_BYTES + " to " + MAX_EVENT_BYTES
                    + ", default: ${DEFAULT-VALUE}).")
    int maxEventBytes;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "lines",
            description = "lines (default: one event per line), otlp-proto (OTLP protobuf batches, each behind its"
                    + " varint length, as protobuf's writeDelimitedTo writes them), otlp-proto-batch (each input is"
                    + " one protobuf batch, e.g. one Kafka record's value saved to a file) or otlp-json (one OTLP/JSON"
                    + " batch per line).")
    String format;

    @Option(
            names = "--enrich-fields",
            paramLabel = "FIELDS",
            defaultValue = "lean",
            description = "Catalogue fields each code carries (as the stream's enrich.fields): lean (name, class,"
                    + " severity, outcome, sessionClose), full, none, or a comma-separated list of fields"
                    + " (default: ${DEFAULT-VALUE}).")
    String enrichFieldsSetting;

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

    private ClassifyFormat inputFormat = ClassifyFormat.LINES;
    private EnrichFields enrichFields = EnrichFields.LEAN;

    @Override
    public Integer call() throws IOException {
        if (maxEventBytes < MIN_EVENT_BYTES || maxEventBytes > MAX_EVENT_BYTES) {
            throw new ConfigProblem("--max-event-bytes " + maxEventBytes + " is out of range; use " + MIN_EVENT_BYTES
                    + " to " + MAX_EVENT_BYTES + " (the default is " + Classifier.DEFAULT_MAX_EVENT_BYTES + ")");
        }
        inputFormat = ClassifyFormat.of(format);
        if (inputFormat == null) {
            throw new ConfigProblem("--format " + format
                    + " is not a format imwatch reads; use lines, otlp-proto, otlp-proto-batch or otlp-json");
        }
        try {
            enrichFields = EnrichFields.parse(enrichFieldsSetting);
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("--enrich-fields " + e.getMessage());
        }
        Classifier classifier = catalogOptions.classifier(maxEventBytes);
        redactor = redactOptions.redactor(environment);
        if (vendor != null && !classifier.catalog().vendors().contains(vendor)) {
            throw new ConfigProblem("--vendor '" + vendor + "' is not in the catalogue; known vendors are "
                    + classifier.catalog().vendors() + " (add one with --catalog FILE)");
        }
        for (Path file : files) {
            if (file.toString().equals("-")) {
                continue;
            }
            if (Files.isDirectory(file)) {
                throw new ConfigProblem("cannot read input file " + file
                        + ": it is a directory; name the files in it (e.g. " + file + "/*.log) or use '-' for stdin");
            }
            if (!Files.isReadable(file)) {
                throw new ConfigProblem("cannot read input file " + file
                        + ": it does not exist or is not readable; check the path and its permissions");
            }
        }
        Map<Route, Long> counts = new EnumMap<>(Route.class);
        OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
        try {
            classifyInputs(classifier, out, counts);
        } finally {
            out.flush(); // what was classified before an input failed is written all the same
        }
        if (summary) {
            stderr.println("imwatch classify: " + counts);
        }
        return 0;
    }

    private void classifyInputs(Classifier classifier, OutputStream out, Map<Route, Long> counts) throws IOException {
        if (files.isEmpty()) {
            classifyStdin(classifier, out, counts);
        }
        for (Path file : files) {
            if (file.toString().equals("-")) {
                classifyStdin(classifier, out, counts);
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                classifyAll(file.toString(), in, classifier, out, counts);
            } catch (NoSuchFileException e) {
                throw new ConfigProblem("cannot read input file " + file + ": it does not exist", e);
            } catch (InputProblem e) {
                throw new ConfigProblem(
                        "cannot read input file " + file + ": " + e.getCause().getMessage()
                                + "; check that it is a readable regular file",
                        e.getCause());
            }
        }
    }

    private void classifyStdin(Classifier classifier, OutputStream out, Map<Route, Long> counts) throws IOException {
        try {
            classifyAll("-", stdin, classifier, out, counts);
        } catch (InputProblem e) {
            throw new ConfigProblem(
                    "cannot read standard input: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** An input (not output) read failure: the file's fault, reported as such. */
    static final class InputProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputProblem(IOException cause) {
            super(cause);
        }
    }

    private void classifyAll(
            String source, InputStream in, Classifier classifier, OutputStream out, Map<Route, Long> counts)
            throws IOException {
        if (inputFormat != ClassifyFormat.LINES) {
            new OtlpClassify(classifier, vendor, redactor, enrichFields)
                    .classifyAll(source, in, inputFormat, out, counts);
            return;
        }
        LineReader lines = new LineReader(in, maxEventBytes, RAW_PREFIX_BYTES);
        long number = 0;
        for (LineReader.Line read = nextLine(lines); read != null; read = nextLine(lines)) {
            number++;
            byte[] line = read.bytes();
            Route route;
            if (read.isTooLong()) {
                writeTooLarge(out, source, number, read);
                out.write('\n');
                counts.merge(Route.DEAD_LETTER, 1L, Long::sum);
                continue;
            }
            try {
                ClassifiedEvent event = classifier.classify(line, vendor, System.currentTimeMillis());
                out.write(EnrichedJson.write(event, redactor, enrichFields));
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

    private static LineReader.Line nextLine(LineReader lines) {
        try {
            return lines.next();
        } catch (IOException e) {
            throw new InputProblem(e);
        }
    }

    /** The error record of a line over the limit: its length and only the start of it. */
    private void writeTooLarge(OutputStream out, String source, long line, LineReader.Line read) throws IOException {
        byte[] prefix = read.bytes();
        try (JsonGenerator g = LogEventParser.mapper().getFactory().createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeStringField(
                    "error",
                    MalformedReason.TOO_LARGE.id() + ": " + read.length() + " bytes is over the limit of "
                            + maxEventBytes + " (--max-event-bytes)");
            g.writeStringField("reason", MalformedReason.TOO_LARGE.id());
            g.writeStringField("source", source);
            g.writeNumberField("line", line);
            g.writeStringField("raw", new String(prefix, 0, wholeCharacters(prefix), StandardCharsets.UTF_8));
            g.writeBooleanField("truncated", true);
            g.writeNumberField("bytes", read.length());
            g.writeEndObject();
        }
    }

    /** The length of {@code prefix} without a UTF-8 sequence cut at its end. */
    static int wholeCharacters(byte[] prefix) {
        int end = prefix.length;
        int lead = end - 1;
        while (lead >= 0 && end - lead < 4 && (prefix[lead] & 0xC0) == 0x80) {
            lead--;
        }
        if (lead < 0) {
            return end;
        }
        int b = prefix[lead] & 0xFF;
        int size = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return end - lead < size ? lead : end;
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
