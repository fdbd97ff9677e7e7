package io.imwatch.classify.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.event.MalformedReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads an {@code otlp_json} batch (OTLP/JSON: lowerCamelCase fields, 64-bit integers as decimal
 * strings or numbers, AnyValue as {@code {"stringValue":…}}, trace and span ids in hex) with Jackson.
 */
final class JsonBatchReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectReader TREE = LogEventParser.mapper().reader();

    private JsonBatchReader() {}

    /**
     * @throws MalformedEventException when the bytes are not a JSON object with a {@code
     *     resourceLogs} array of resources and scopes, or hold more than {@code maxRecords} log records
     */
    static List<RecordRead> read(byte[] value, int start, int maxRecords) {
        JsonNode root;
        try {
            root = TREE.readTree(value, start, value.length - start);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(MalformedReason.MALFORMED_JSON, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException(MalformedReason.MALFORMED_JSON, e.getMessage(), e);
        }
        JsonNode resources = root == null ? null : root.get("resourceLogs");
        if (resources == null || !resources.isArray()) {
            throw batchProblem("a JSON object without a resourceLogs array is not an OTLP/JSON logs batch");
        }
        long count = 0;
        for (JsonNode resource : resources) {
            for (JsonNode scope : array(resource, "scopeLogs", "resourceLogs[]")) {
                count += array(scope, "logRecords", "scopeLogs[]").size();
            }
        }
        OtlpDecoder.checkCount(count, maxRecords);
        List<RecordRead> reads = new ArrayList<>((int) count);
        for (JsonNode resourceLogs : resources) {
            JsonNode resourceNode = resourceLogs.get("resource");
            ObjectNode resource = attributes(resourceNode == null ? null : resourceNode.get("attributes"));
            for (JsonNode scopeLogs : array(resourceLogs, "scopeLogs", "resourceLogs[]")) {
                ObjectNode scope = scope(scopeLogs.get("scope"));
                for (JsonNode record : array(scopeLogs, "logRecords", "scopeLogs[]")) {
                    reads.add(read(record, resource, scope));
                }
            }
        }
        return reads;
    }

    private static RecordRead read(JsonNode record, ObjectNode resource, ObjectNode scope) {
        try {
            if (!record.isObject()) {
                throw new RecordProblem(MalformedReason.MALFORMED_OTLP, "a logRecords entry is not a JSON object");
            }
            FlatRecord flat = new FlatRecord()
                    .times(nanos(record, "timeUnixNano"), nanos(record, "observedTimeUnixNano"))
                    .severity(text(record, "severityText"), severityNumber(record))
                    .body(line(record.get("body")))
                    .text("eventName", text(record, "eventName"))
                    .text("traceId", hexId(record, "traceId"))
                    .text("spanId", hexId(record, "spanId"))
                    .object("resource", resource)
                    .object("scope", scope)
                    .object("attributes", attributes(record.get("attributes")));
            return RecordRead.ok(flat, () -> record.toString().getBytes(StandardCharsets.UTF_8));
        } catch (RecordProblem e) {
            return RecordRead.failed(
                    e.reason(), e.getMessage(), () -> record.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static JsonNode array(JsonNode parent, String field, String where) {
        JsonNode node = parent.isObject() ? parent.get(field) : null;
        if (node == null || node.isNull()) {
            return NODES.arrayNode();
        }
        if (!node.isArray()) {
            throw batchProblem(where + "." + field + " is not an array");
        }
        return node;
    }

    /** A 64-bit time: OTLP/JSON writes it as a decimal string; numbers are accepted too. Unset: 0. */
    private static long nanos(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        try {
            if (node.isTextual()) {
                return Long.parseUnsignedLong(node.asText());
            }
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return node.asLong();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RecordProblem(
                MalformedReason.MALFORMED_OTLP, field + " is not a 64-bit integer: " + abbreviate(node));
    }

    private static int severityNumber(JsonNode record) {
        JsonNode node = record.get("severityNumber");
        return node != null && node.isInt() ? node.asInt() : 0;
    }

    private static String text(JsonNode record, String field) {
        JsonNode node = record.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static String hexId(JsonNode record, String field) {
        String id = text(record, field);
        if (id != null && !id.isEmpty() && !isHex(id)) {
            throw new RecordProblem(
                    MalformedReason.MALFORMED_OTLP, field + " is not hex: " + abbreviate(record.get(field)));
        }
        return id;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!HexFormat.isHexDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The body as the line: a string, or the string values of a kvlist or array body, space-separated. */
    private static String line(JsonNode body) {
        if (body == null || body.isNull()) {
            return null;
        }
        if (!body.isObject()) {
            throw new RecordProblem(
                    MalformedReason.MALFORMED_OTLP, "body is not an AnyValue object: " + abbreviate(body));
        }
        JsonNode string = body.get("stringValue");
        if (string != null) {
            return string.asText();
        }
        if (body.has("kvlistValue") || body.has("arrayValue")) {
            StringBuilder line = new StringBuilder();
            strings(body, 0, line);
            return line.toString();
        }
        for (String scalar : List.of("boolValue", "intValue", "doubleValue")) {
            JsonNode value = body.get(scalar);
            if (value != null && value.isValueNode()) {
                return value.asText();
            }
        }
        return null;
    }

    private static void strings(JsonNode anyValue, int depth, StringBuilder line) {
        if (depth > OtlpDecoder.MAX_BODY_DEPTH || anyValue == null || !anyValue.isObject()) {
            return;
        }
        JsonNode string = anyValue.get("stringValue");
        if (string != null && string.isTextual()) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(string.asText());
            return;
        }
        JsonNode kvlist = anyValue.path("kvlistValue").path("values");
        for (JsonNode kv : kvlist) {
            strings(kv.get("value"), depth + 1, line);
        }
        for (JsonNode value : anyValue.path("arrayValue").path("values")) {
            strings(value, depth + 1, line);
        }
    }

    private static ObjectNode scope(JsonNode scope) {
        ObjectNode node = NODES.objectNode();
        if (scope != null && scope.isObject()) {
            for (String field : List.of("name", "version")) {
                JsonNode value = scope.get(field);
                if (value != null && value.isTextual() && !value.asText().isEmpty()) {
                    node.put(field, value.asText());
                }
            }
        }
        return node;
    }

    /** {@code [{"key":…,"value":{AnyValue}}]} as an object keeping the dotted keys. */
    private static ObjectNode attributes(JsonNode keyValues) {
        ObjectNode node = NODES.objectNode();
        if (keyValues == null || !keyValues.isArray()) {
            return node;
        }
        for (JsonNode kv : keyValues) {
            JsonNode key = kv.get("key");
            if (key != null && key.isTextual()) {
                node.set(key.asText(), json(kv.get("value"), 0));
            }
        }
        return node;
    }

    private static JsonNode json(JsonNode anyValue, int depth) {
        if (depth > OtlpDecoder.MAX_ATTRIBUTE_DEPTH) {
            throw new RecordProblem(
                    MalformedReason.MALFORMED_OTLP,
                    "an attribute is nested deeper than " + OtlpDecoder.MAX_ATTRIBUTE_DEPTH + " levels");
        }
        if (anyValue == null || !anyValue.isObject()) {
            return NODES.nullNode();
        }
        if (anyValue.has("stringValue")) {
            return NODES.textNode(anyValue.get("stringValue").asText());
        }
        JsonNode integer = anyValue.get("intValue");
        if (integer != null) {
            try {
                return NODES.numberNode(integer.isNumber() ? integer.asLong() : Long.parseLong(integer.asText()));
            } catch (NumberFormatException e) {
                return NODES.textNode(integer.asText());
            }
        }
        for (String scalar : List.of("boolValue", "doubleValue", "bytesValue")) {
            JsonNode value = anyValue.get(scalar);
            if (value != null && value.isValueNode()) {
                return value;
            }
        }
        if (anyValue.has("arrayValue")) {
            ArrayNode array = NODES.arrayNode();
            anyValue.path("arrayValue").path("values").forEach(v -> array.add(json(v, depth + 1)));
            return array;
        }
        if (anyValue.has("kvlistValue")) {
            ObjectNode object = NODES.objectNode();
            for (JsonNode kv : anyValue.path("kvlistValue").path("values")) {
                JsonNode key = kv.get("key");
                if (key != null && key.isTextual()) {
                    object.set(key.asText(), json(kv.get("value"), depth + 1));
                }
            }
            return object;
        }
        return NODES.nullNode();
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }

    private static MalformedEventException batchProblem(String message) {
        return new MalformedEventException(MalformedReason.MALFORMED_OTLP, message);
    }
}
