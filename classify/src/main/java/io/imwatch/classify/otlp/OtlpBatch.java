package io.imwatch.classify.otlp;

import io.imwatch.classify.event.LogEvent;
import io.imwatch.classify.event.MalformedReason;
import java.util.List;
import java.util.Objects;

/**
 * What one OTLP log batch (one {@code ExportLogsServiceRequest}, one Kafka record) holds: one event
 * per log record that could be read, and one failure per log record that could not. Every log
 * record is in exactly one of the two lists; {@code index} numbers the records of the batch from
 * 0 in document order (resources, then their scopes, then their records).
 *
 * @param encoding how the batch was written
 * @param events the readable log records, in index order
 * @param failures the unreadable log records, in index order
 */
public record OtlpBatch(Encoding encoding, List<Event> events, List<Failure> failures) {

    /** The two OTLP encodings the OpenTelemetry Collector's {@code kafkaexporter} writes. */
    public enum Encoding {
        /** {@code otlp_proto}: the exporter's default. */
        PROTOBUF("otlp_proto"),
        /** {@code otlp_json}. */
        JSON("otlp_json");

        private final String id;

        Encoding(String id) {
            this.id = id;
        }

        /** The exporter's name for it, e.g. {@code otlp_proto}. */
        public String id() {
            return id;
        }
    }

    /**
     * One log record, read.
     *
     * @param index the record's position in the batch
     * @param event the record as an event: a flat OpenTelemetry-shaped JSON object ({@code body},
     *     {@code timeUnixNano}, {@code resource}, {@code attributes}, ...; see classify/README.md)
     * @param timeMillis the record's {@code timeUnixNano}, else its {@code observedTimeUnixNano},
     *     in epoch ms; {@link io.imwatch.classify.event.Timestamps#NONE} when both are unset
     */
    public record Event(int index, LogEvent event, long timeMillis) {
        public Event {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * One log record that could not be read; the rest of its batch still is.
     *
     * @param index the record's position in the batch
     * @param reason why
     * @param message what was wrong, one line
     * @param raw the record's own bytes: its protobuf {@code LogRecord} encoding, or its OTLP/JSON
     *     text
     */
    public record Failure(int index, MalformedReason reason, String message, byte[] raw) {
        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(raw, "raw");
        }
    }

    public OtlpBatch {
        Objects.requireNonNull(encoding, "encoding");
        events = List.copyOf(events);
        failures = List.copyOf(failures);
    }

    /** How many log records the batch held, read or not. */
    public int size() {
        return events.size() + failures.size();
    }
}
