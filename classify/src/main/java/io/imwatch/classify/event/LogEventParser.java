package io.imwatch.classify.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Turns the bytes of one Kafka record (or one input line) into a {@link LogEvent}: JSON or text is
 * decided per record by its first character; shipper envelopes are unwrapped. Thread-safe.
 */
public final class LogEventParser {

    /** Envelopes nest (Fluent Bit around Filebeat around the vendor's JSON) but not deeper than this. */
    private static final int MAX_ENVELOPE_DEPTH = 3;

    /** Read whatever the rules need: an event's own {@code imwatch} field is replaced on output. */
    private static final String IMWATCH_FIELD = "imwatch";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    // a reader resolves the tree type once; the mapper's readTree resolved it on every event
    private static final ObjectReader TREE = JSON.reader();

    // a value inside an object being read: what follows it is the rest of that object, not trailing
    private static final ObjectReader SUBTREE = TREE.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final JsonFactory FACTORY = JSON.getFactory();

    private final int maxBytes;
    private final FieldSelection selection;
    private final EnvelopePaths linePaths;
    private final EnvelopePaths hintPaths;
    private final EnvelopePaths timePaths;

    /**
     * A parser that reads JSON events into whole trees.
     *
     * @param envelope the envelope fields to recognise
     * @param maxBytes events larger than this are {@link MalformedReason#TOO_LARGE}
     */
    public LogEventParser(EnvelopeFormat envelope, int maxBytes) {
        this(envelope, maxBytes, null);
    }

    /**
     * A parser that reads of a JSON event only the members at {@code ruleFields} and the envelope's
     * fields, in one streaming pass ({@link FieldSelection}); {@link LogEvent#wholeJson()} reads the
     * rest on demand.
     *
     * @param envelope the envelope fields to recognise
     * @param maxBytes events larger than this are {@link MalformedReason#TOO_LARGE}
     * @param ruleFields dotted paths the rules read, or {@code null} to read whole trees
     */
    public LogEventParser(EnvelopeFormat envelope, int maxBytes, Collection<String> ruleFields) {
        this.maxBytes = maxBytes;
        if (ruleFields == null) {
            this.selection = null;
        } else {
            List<String> paths = new ArrayList<>(ruleFields);
            paths.addAll(envelope.lineFields());
            paths.addAll(envelope.hintFields());
            paths.addAll(envelope.timeFields());
            paths.add(IMWATCH_FIELD);
            this.selection = new FieldSelection(paths);
        }
        this.linePaths = new EnvelopePaths(envelope.lineFields());
        this.hintPaths = new EnvelopePaths(envelope.hintFields());
        this.timePaths = new EnvelopePaths(envelope.timeFields());
    }

    /** Events larger than this many bytes are {@link MalformedReason#TOO_LARGE}. */
    public int maxBytes() {
        return maxBytes;
    }

    /** The mapper events are read with; shared so that writers agree with readers. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /**
     * Reads one event.
     *
     * @param value the record value (may be {@code null} for a tombstone)
     * @param recordTimestamp the record's timestamp, used to complete year-less log times
     * @throws MalformedEventException if the bytes are not UTF-8, not valid JSON where JSON was
     *     expected, or too large
     */
    public LogEvent parse(byte[] value, long recordTimestamp) {
        if (value == null || value.length == 0) {
            return new LogEvent(value == null ? new byte[0] : value, null, null, null, "", Timestamps.NONE);
        }
        if (value.length > maxBytes) {
            throw new MalformedEventException(
                    MalformedReason.TOO_LARGE,
                    value.length + " bytes is over the limit of " + maxBytes + " (max.event.bytes)");
        }
        int start = skipBomAndSpace(value);
        int invalid = Utf8.firstInvalid(value, start, value.length);
        if (invalid >= 0) {
            throw new MalformedEventException(
                    MalformedReason.INVALID_UTF8,
                    String.format(
                            Locale.ROOT,
                            "byte 0x%02X at offset %d is not valid UTF-8",
                            value[invalid] & 0xFF,
                            invalid));
        }
        if (start < value.length && value[start] == '{') {
            return fromJson(value, readObject(value, start, selection), recordTimestamp);
        }
        int end = value.length;
        while (end > start && (value[end - 1] == '\n' || value[end - 1] == '\r' || value[end - 1] == ' ')) {
            end--;
        }
        String line = new String(value, start, end - start, StandardCharsets.UTF_8);
        return new LogEvent(value, null, null, line, "", Timestamps.parseLeading(line, recordTimestamp));
    }

    private LogEvent fromJson(byte[] raw, ObjectNode json, long recordTimestamp) {
        StringBuilder hints = new StringBuilder();
        boolean jsonDotted = JsonPaths.hasDottedKey(json);
        collectHints(json, jsonDotted, hints);
        ObjectNode payload = json;
        String line = null;
        boolean tooDeep = false;
        String payloadText = null;
        boolean payloadDotted = jsonDotted;
        for (int depth = 0; ; depth++) {
            String text = lineField(payload, payloadDotted);
            if (text == null) {
                break;
            }
            String trimmed = stripBom(text).strip();
            if (depth == MAX_ENVELOPE_DEPTH && trimmed.startsWith("{")) {
                // another envelope, perhaps: not parsed, and said so rather than passed over in silence
                tooDeep = true;
                break;
            }
            ObjectNode inner = trimmed.startsWith("{") ? tryReadObject(trimmed, selection) : null;
            if (inner == null) {
                line = trimmed;
                break;
            }
            payload = inner;
            payloadText = trimmed;
            payloadDotted = JsonPaths.hasDottedKey(inner);
            collectHints(inner, payloadDotted, hints);
        }
        long eventTime = line == null ? Timestamps.NONE : Timestamps.parseLeading(line, recordTimestamp);
        if (eventTime == Timestamps.NONE && payload != json) {
            eventTime = time(payload, payloadDotted, recordTimestamp);
        }
        if (eventTime == Timestamps.NONE) {
            eventTime = time(json, jsonDotted, recordTimestamp);
        }
        return new LogEvent(
                raw, json, payload, line, hints.toString(), eventTime, tooDeep, payloadText, selection != null);
    }

    // dotted: whether the node has a key with a dot (JsonPaths.hasDottedKey), read once per node
    private String lineField(ObjectNode node, boolean dotted) {
        long candidates = linePaths.candidates(node, dotted);
        for (int i = 0; i < linePaths.size(); i++) {
            if (!EnvelopePaths.mayHold(candidates, i)) {
                continue;
            }
            JsonPaths.MixedPath path = linePaths.path(i);
            JsonNode value = path.isSingleKey() ? node.get(path.dotted()) : path.get(node, dotted);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        return null;
    }

    private void collectHints(ObjectNode node, boolean dotted, StringBuilder hints) {
        long candidates = hintPaths.candidates(node, dotted);
        for (int i = 0; i < hintPaths.size(); i++) {
            if (!EnvelopePaths.mayHold(candidates, i)) {
                continue;
            }
            JsonNode value = hintPaths.path(i).get(node, dotted);
            if (value != null && value.isValueNode()) {
                hints.append(value.asText().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
    }

    private long time(ObjectNode node, boolean dotted, long recordTimestamp) {
        long candidates = timePaths.candidates(node, dotted);
        for (int i = 0; i < timePaths.size(); i++) {
            if (!EnvelopePaths.mayHold(candidates, i)) {
                continue;
            }
            JsonNode value = timePaths.path(i).get(node, dotted);
            if (value == null) {
                continue;
            }
            long t = value.isNumber()
                    ? Timestamps.fromEpochNumber(value.asDouble())
                    : value.isTextual() ? textTime(value.asText(), recordTimestamp) : Timestamps.NONE;
            if (t != Timestamps.NONE) {
                return t;
            }
        }
        return Timestamps.NONE;
    }

    /** A date-time, or epoch digits in a string (OTLP JSON writes its 64-bit {@code timeUnixNano} so). */
    private static long textTime(String text, long recordTimestamp) {
        long t = Timestamps.parseLeading(text, recordTimestamp);
        return t != Timestamps.NONE ? t : Timestamps.fromEpochNanoDigits(text);
    }

    /** The whole object of an event already read once (it is valid JSON). */
    static ObjectNode readWhole(byte[] raw) {
        return readObject(raw, skipBomAndSpace(raw), null);
    }

    /** The whole object of a payload already read once from an envelope's line field. */
    static ObjectNode readWhole(String text) {
        return tryReadObject(text, null);
    }

    private static ObjectNode readObject(byte[] value, int start, FieldSelection selection) {
        try {
            if (selection != null) {
                try (JsonParser parser = FACTORY.createParser(value, start, value.length - start)) {
                    return readSelected(parser, selection);
                }
            }
            JsonNode node = TREE.readTree(value, start, value.length - start);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new MalformedEventException(MalformedReason.MALFORMED_JSON, "not a JSON object");
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(MalformedReason.MALFORMED_JSON, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException(MalformedReason.MALFORMED_JSON, e.getMessage(), e);
        }
    }

    /** Inner JSON that does not parse is just text: the envelope itself was valid. */
    private static ObjectNode tryReadObject(String text, FieldSelection selection) {
        try {
            if (selection != null) {
                try (JsonParser parser = FACTORY.createParser(text)) {
                    return readSelected(parser, selection);
                }
            }
            return TREE.readTree(text) instanceof ObjectNode object ? object : null;
        } catch (MalformedEventException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** One object, and nothing after it (as {@link DeserializationFeature#FAIL_ON_TRAILING_TOKENS}). */
    private static ObjectNode readSelected(JsonParser parser, FieldSelection selection) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedEventException(MalformedReason.MALFORMED_JSON, "not a JSON object");
        }
        ObjectNode object = selection.read(parser, SUBTREE);
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw new MalformedEventException(
                    MalformedReason.MALFORMED_JSON,
                    "Trailing token (of type " + trailing + ") found after the object: not allowed");
        }
        return object;
    }

    private static int skipBomAndSpace(byte[] v) {
        int i = v.length >= 3 && (v[0] & 0xFF) == 0xEF && (v[1] & 0xFF) == 0xBB && (v[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < v.length && (v[i] == ' ' || v[i] == '\t' || v[i] == '\r' || v[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }
}
