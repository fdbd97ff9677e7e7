package io.imwatch.classify.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.event.MalformedReason;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads an {@code otlp_proto} batch with the OpenTelemetry project's generated classes (whose parser
 * rejects truncated input, wrong wire types and lengths past the end, and limits nesting to 100).
 */
final class ProtoBatchReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProtoBatchReader() {}

    /**
     * @throws MalformedEventException when the bytes are not an {@code ExportLogsServiceRequest} or
     *     hold more than {@code maxRecords} log records
     */
    static List<RecordRead> read(byte[] value, int maxRecords) {
        ExportLogsServiceRequest request;
        try {
            request = ExportLogsServiceRequest.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedEventException(
                    MalformedReason.MALFORMED_OTLP, "not an OTLP protobuf logs batch: " + e.getMessage(), e);
        }
        if (request.getResourceLogsCount() == 0) {
            // arbitrary bytes can parse as a request made only of unknown fields: never drop them silently
            throw new MalformedEventException(
                    MalformedReason.MALFORMED_OTLP,
                    "not an OTLP protobuf logs batch: " + value.length + " bytes without any resourceLogs");
        }
        long count = 0;
        for (ResourceLogs resource : request.getResourceLogsList()) {
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                count += scope.getLogRecordsCount();
            }
        }
        OtlpDecoder.checkCount(count, maxRecords);
        List<RecordRead> reads = new ArrayList<>((int) count);
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            ObjectNode resource = attributes(resourceLogs.getResource().getAttributesList());
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                ObjectNode scope = scope(scopeLogs.getScope());
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    reads.add(read(record, resource, scope));
                }
            }
        }
        return reads;
    }

    private static RecordRead read(LogRecord record, ObjectNode resource, ObjectNode scope) {
        try {
            FlatRecord flat = new FlatRecord()
                    .times(record.getTimeUnixNano(), record.getObservedTimeUnixNano())
                    .severity(record.getSeverityText(), record.getSeverityNumberValue())
                    .body(line(record.getBody()))
                    .text("eventName", record.getEventName())
                    .hex("traceId", record.getTraceId().toByteArray())
                    .hex("spanId", record.getSpanId().toByteArray())
                    .object("resource", resource)
                    .object("scope", scope)
                    .object("attributes", attributes(record.getAttributesList()));
            return RecordRead.ok(flat, record::toByteArray);
        } catch (RecordProblem e) {
            return RecordRead.failed(e.reason(), e.getMessage(), record::toByteArray);
        }
    }

    /** The body as the line: a string, or the string values of a kvlist or array body, space-separated. */
    private static String line(AnyValue body) {
        return switch (body.getValueCase()) {
            case STRING_VALUE -> body.getStringValue();
            case BOOL_VALUE -> Boolean.toString(body.getBoolValue());
            case INT_VALUE -> Long.toString(body.getIntValue());
            case DOUBLE_VALUE -> Double.toString(body.getDoubleValue());
            case BYTES_VALUE -> utf8(body.getBytesValue());
            case KVLIST_VALUE, ARRAY_VALUE -> {
                StringBuilder line = new StringBuilder();
                strings(body, 0, line);
                yield line.toString();
            }
            default -> null;
        };
    }

    private static void strings(AnyValue value, int depth, StringBuilder line) {
        if (depth > OtlpDecoder.MAX_BODY_DEPTH) {
            return;
        }
        switch (value.getValueCase()) {
            case STRING_VALUE -> {
                if (!line.isEmpty()) {
                    line.append(' ');
                }
                line.append(value.getStringValue());
            }
            case KVLIST_VALUE ->
                value.getKvlistValue().getValuesList().forEach(kv -> strings(kv.getValue(), depth + 1, line));
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().forEach(v -> strings(v, depth + 1, line));
            default -> {}
        }
    }

    private static String utf8(ByteString bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RecordProblem(MalformedReason.INVALID_UTF8, "the bytes body is not valid UTF-8 text");
        }
    }

    private static ObjectNode scope(InstrumentationScope scope) {
        ObjectNode node = NODES.objectNode();
        if (!scope.getName().isEmpty()) {
            node.put("name", scope.getName());
        }
        if (!scope.getVersion().isEmpty()) {
            node.put("version", scope.getVersion());
        }
        return node;
    }

    private static ObjectNode attributes(List<KeyValue> attributes) {
        ObjectNode node = NODES.objectNode();
        for (KeyValue kv : attributes) {
            node.set(kv.getKey(), json(kv.getValue(), 0));
        }
        return node;
    }

    private static JsonNode json(AnyValue value, int depth) {
        if (depth > OtlpDecoder.MAX_ATTRIBUTE_DEPTH) {
            throw new RecordProblem(
                    MalformedReason.MALFORMED_OTLP,
                    "an attribute is nested deeper than " + OtlpDecoder.MAX_ATTRIBUTE_DEPTH + " levels");
        }
        return switch (value.getValueCase()) {
            case STRING_VALUE -> NODES.textNode(value.getStringValue());
            case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
            case INT_VALUE -> NODES.numberNode(value.getIntValue());
            case DOUBLE_VALUE -> NODES.numberNode(value.getDoubleValue());
            case BYTES_VALUE ->
                NODES.textNode(
                        Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                ArrayNode array = NODES.arrayNode();
                value.getArrayValue().getValuesList().forEach(v -> array.add(json(v, depth + 1)));
                yield array;
            }
            case KVLIST_VALUE -> {
                ObjectNode object = NODES.objectNode();
                value.getKvlistValue()
                        .getValuesList()
                        .forEach(kv -> object.set(kv.getKey(), json(kv.getValue(), depth + 1)));
                yield object;
            }
            default -> NODES.nullNode();
        };
    }
}
