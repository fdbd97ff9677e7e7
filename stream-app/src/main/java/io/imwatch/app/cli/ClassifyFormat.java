package io.imwatch.app.cli;

import java.util.Locale;

/** What {@code imwatch classify --format} reads. */
enum ClassifyFormat {
    /** One event (JSON object or text line) per line: the default. */
    LINES,
    /** OTLP protobuf batches, each behind its varint length (protobuf's {@code writeDelimitedTo}). */
    OTLP_PROTO,
    /** The whole input is one OTLP protobuf batch (one Kafka record's value saved to a file). */
    OTLP_PROTO_BATCH,
    /** One OTLP/JSON batch per line. */
    OTLP_JSON;

    /** E.g. {@code otlp-proto}, as given on the command line. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static ClassifyFormat of(String id) {
        for (ClassifyFormat format : values()) {
            if (format.id().equals(id)) {
                return format;
            }
        }
        return null;
    }
}
