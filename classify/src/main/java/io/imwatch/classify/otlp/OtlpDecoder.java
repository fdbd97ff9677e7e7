package io.imwatch.classify.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.imwatch.classify.event.LogEvent;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.event.MalformedReason;
import io.imwatch.classify.event.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads one OTLP log batch — one {@code ExportLogsServiceRequest}, what the OpenTelemetry
 * Collector's {@code kafkaexporter} (and Grafana Alloy's {@code otelcol.exporter.kafka}) writes as
 * one Kafka record — into one {@link LogEvent} per log record. Thread-safe.
 *
 * <p>The encoding is decided per record: a value whose first byte after whitespace is {@code {} is
 * OTLP/JSON ({@code otlp_json}), anything else protobuf ({@code otlp_proto}, parsed with the
 * OpenTelemetry project's generated classes). Each log record becomes the flat OpenTelemetry-shaped
 * JSON object the default envelope reads ({@code body} as the line — a string body, or the string
 * values of a kvlist or array body —, {@code timeUnixNano}, {@code severityText}, {@code resource}
 * and {@code attributes} with their dotted keys, {@code scope}, {@code traceId}, {@code spanId}),
 * read by the classifier's own {@link LogEventParser}: so {@code resource.service.name} is a vendor
 * hint and a JSON body is unwrapped, as for any other event.
 *
 * <p>Bounded: a batch of more than {@code maxRecords} log records is refused whole, and each
 * record's event is held to the parser's {@code max.event.bytes}. Outcomes, never other exceptions:
 * a batch that cannot be read at all throws {@link MalformedEventException} (reason {@code
 * malformed-otlp}, {@code malformed-json} or {@code too-large}); a log record that cannot be read is
 * an {@link OtlpBatch.Failure} beside the others' events.
 */
public final class OtlpDecoder {

    /** Default cap on the log records of one batch (the Collector's default batch is 8,192). */
    public static final int DEFAULT_MAX_RECORDS = 10_000;

    /** How deep a kvlist or array body is searched for string values. */
    static final int MAX_BODY_DEPTH = 8;

    /** How deep attribute values may nest. */
    static final int MAX_ATTRIBUTE_DEPTH = 16;

    private final LogEventParser parser;
    private final int maxRecords;

    /**
     * @param parser reads each log record's flat form (envelope, hints, {@code max.event.bytes})
     * @param maxRecords batches with more log records than this are refused whole; positive
     */
    public OtlpDecoder(LogEventParser parser, int maxRecords) {
        this.parser = Objects.requireNonNull(parser, "parser");
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive, not " + maxRecords);
        }
        this.maxRecords = maxRecords;
    }

    public int maxRecords() {
        return maxRecords;
    }

    /**
     * Reads one batch.
     *
     * @param value the Kafka record's value; {@code null} or empty is an empty batch
     * @param recordTimestamp the Kafka record's timestamp: the time of log records without one
     *     (and what completes year-less times in their lines)
     * @throws MalformedEventException when the batch cannot be read at all
     */
    public OtlpBatch decode(byte[] value, long recordTimestamp) {
        if (value == null || value.length == 0) {
            return new OtlpBatch(OtlpBatch.Encoding.PROTOBUF, List.of(), List.of());
        }
        int start = firstNonSpace(value);
        boolean json = start < value.length && value[start] == '{';
        List<RecordRead> reads;
        try {
            reads = json ? JsonBatchReader.read(value, start, maxRecords) : ProtoBatchReader.read(value, maxRecords);
        } catch (MalformedEventException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new MalformedEventException(
                    MalformedReason.MALFORMED_OTLP,
                    "not a readable OTLP logs batch: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
        List<OtlpBatch.Event> events = new ArrayList<>(reads.size());
        List<OtlpBatch.Failure> failures = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            RecordRead read = reads.get(i);
            if (read.isFailure()) {
                failures.add(new OtlpBatch.Failure(
                        i, read.reason(), read.message(), read.raw().get()));
                continue;
            }
            long time = read.flat().timeMillis();
            try {
                byte[] flat =
                        LogEventParser.mapper().writeValueAsBytes(read.flat().node());
                LogEvent event = parser.parse(flat, time == Timestamps.NONE ? recordTimestamp : time);
                events.add(new OtlpBatch.Event(i, event, time));
            } catch (MalformedEventException e) {
                failures.add(new OtlpBatch.Failure(
                        i, e.reason(), e.getMessage(), read.raw().get()));
            } catch (JsonProcessingException e) {
                failures.add(new OtlpBatch.Failure(
                        i,
                        MalformedReason.PROCESSING_ERROR,
                        e.getOriginalMessage(),
                        read.raw().get()));
            }
        }
        return new OtlpBatch(json ? OtlpBatch.Encoding.JSON : OtlpBatch.Encoding.PROTOBUF, events, failures);
    }

    static void checkCount(long count, int maxRecords) {
        if (count > maxRecords) {
            throw new MalformedEventException(
                    MalformedReason.TOO_LARGE,
                    count + " log records in one batch is over the limit of " + maxRecords + " (otlp.max.records)");
        }
    }

    private static int firstNonSpace(byte[] v) {
        int i = 0;
        while (i < v.length && (v[i] == ' ' || v[i] == '\t' || v[i] == '\r' || v[i] == '\n')) {
            i++;
        }
        return i;
    }
}
