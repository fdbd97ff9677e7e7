package io.imwatch.classify.otlp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.classify.event.Timestamps;
import java.util.HexFormat;

/**
 * Builds the flat OpenTelemetry-shaped JSON object one log record becomes — the shape the default
 * envelope already reads (a {@code body} line, {@code resource} and {@code attributes} with their
 * dotted keys kept, {@code timeUnixNano} as a decimal string), so an OTLP record is read exactly as
 * the same record written by Vector's or Fluent Bit's OpenTelemetry outputs.
 */
final class FlatRecord {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private final ObjectNode node = NODES.objectNode();
    private long timeMillis = Timestamps.NONE;

    /** Sets {@code timeUnixNano} and {@code observedTimeUnixNano} (0 means unset, as in OTLP). */
    FlatRecord times(long timeUnixNano, long observedTimeUnixNano) {
        if (timeUnixNano != 0) {
            node.put("timeUnixNano", Long.toUnsignedString(timeUnixNano));
            timeMillis = Long.divideUnsigned(timeUnixNano, 1_000_000L);
        }
        if (observedTimeUnixNano != 0) {
            node.put("observedTimeUnixNano", Long.toUnsignedString(observedTimeUnixNano));
            if (timeMillis == Timestamps.NONE) {
                timeMillis = Long.divideUnsigned(observedTimeUnixNano, 1_000_000L);
            }
        }
        return this;
    }

    FlatRecord severity(String text, int number) {
        if (text != null && !text.isEmpty()) {
            node.put("severityText", text);
        }
        if (number != 0) {
            node.put("severityNumber", number);
        }
        return this;
    }

    FlatRecord body(String line) {
        if (line != null) {
            node.put("body", line);
        }
        return this;
    }

    FlatRecord text(String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
        return this;
    }

    FlatRecord hex(String field, byte[] id) {
        if (id.length > 0) {
            node.put(field, HEX.formatHex(id));
        }
        return this;
    }

    /** Puts an object of attributes ({@code resource}, {@code attributes}, {@code scope}) unless empty. */
    FlatRecord object(String field, ObjectNode value) {
        if (value != null && !value.isEmpty()) {
            node.set(field, value);
        }
        return this;
    }

    ObjectNode node() {
        return node;
    }

    long timeMillis() {
        return timeMillis;
    }
}
