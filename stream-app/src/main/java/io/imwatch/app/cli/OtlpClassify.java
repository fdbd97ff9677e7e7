package io.imwatch.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.Route;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.otlp.OtlpBatch;
import io.imwatch.classify.otlp.OtlpDecoder;
import io.imwatch.classify.output.EnrichFields;
import io.imwatch.classify.output.EnrichedJson;
import io.imwatch.classify.redact.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.Map;

/**
 * {@code imwatch classify --format otlp-…}: one output line per log record of each batch (the
 * record as the stream writes it, with its {@code imwatch} object); an unreadable record gives an
 * error line with its batch and index, an unreadable batch one error line for the batch.
 */
final class OtlpClassify {

    private final Classifier classifier;
    private final OtlpDecoder decoder;
    private final String vendor;
    private final Redactor redactor;
    private final EnrichFields fields;

    OtlpClassify(Classifier classifier, String vendor, Redactor redactor, EnrichFields fields) {
        this.classifier = classifier;
        this.decoder = new OtlpDecoder(classifier.parser(), OtlpDecoder.DEFAULT_MAX_RECORDS);
        this.vendor = vendor;
        this.redactor = redactor;
        this.fields = fields;
    }

    /** Classifies every batch of {@code in}, counting each log record's route in {@code counts}. */
    void classifyAll(String source, InputStream in, ClassifyFormat format, OutputStream out, Map<Route, Long> counts)
            throws IOException {
        OtlpBatchReader batches = new OtlpBatchReader(in, format);
        long number = 0;
        for (OtlpBatchReader.Batch batch = next(batches); batch != null; batch = next(batches)) {
            number++;
            if (batch.bytes() == null) {
                String reason = batch.problem().substring(0, batch.problem().indexOf(':'));
                writeError(out, source, number, -1, reason, batch.problem(), null);
                counts.merge(Route.DEAD_LETTER, 1L, Long::sum);
                continue;
            }
            OtlpBatch read;
            try {
                read = decoder.decode(batch.bytes(), System.currentTimeMillis());
            } catch (MalformedEventException e) {
                writeError(out, source, number, -1, e.reason().id(), e.getMessage(), null);
                counts.merge(Route.DEAD_LETTER, 1L, Long::sum);
                continue;
            }
            for (OtlpBatch.Event event : read.events()) {
                Route route;
                try {
                    ClassifiedEvent classified = classifier.classify(event.event(), vendor);
                    out.write(EnrichedJson.write(classified, redactor, fields));
                    out.write('\n');
                    route = classified.route();
                } catch (MalformedEventException e) {
                    writeError(out, source, number, event.index(), e.reason().id(), e.getMessage(), null);
                    route = Route.DEAD_LETTER;
                }
                counts.merge(route, 1L, Long::sum);
            }
            for (OtlpBatch.Failure failure : read.failures()) {
                writeError(
                        out, source, number, failure.index(), failure.reason().id(), failure.message(), failure.raw());
                counts.merge(Route.DEAD_LETTER, 1L, Long::sum);
            }
        }
    }

    private static OtlpBatchReader.Batch next(OtlpBatchReader batches) {
        try {
            return batches.next();
        } catch (IOException e) {
            throw new ClassifyCommand.InputProblem(e);
        }
    }

    /** An error line: {@code record} is the log record's index, or -1 for the whole batch. */
    private static void writeError(
            OutputStream out, String source, long batch, int record, String reason, String message, byte[] raw)
            throws IOException {
        try (JsonGenerator g = LogEventParser.mapper().getFactory().createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeStringField("reason", reason);
            g.writeStringField("source", source);
            g.writeNumberField("batch", batch);
            if (record >= 0) {
                g.writeNumberField("record", record);
            }
            if (raw != null) {
                g.writeStringField("rawBase64", Base64.getEncoder().encodeToString(raw));
            }
            g.writeEndObject();
        }
        out.write('\n');
    }
}
