package io.imwatch.classify.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.catalog.CatalogEntry;
import io.imwatch.catalog.Classification;
import io.imwatch.classify.ClassifiedCode;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.event.LogEvent;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.event.Timestamps;
import io.imwatch.classify.rules.RawCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;

/**
 * Writes an enriched event: the original JSON object exactly as it was with an {@code imwatch}
 * field added (spliced in before the closing brace, so the original is never re-serialized), or
 * {@code {"message": "<line>", "imwatch": ...}} for a text line. Thread-safe.
 *
 * <p>The {@code imwatch} object: {@code vendor}, {@code vendorSource}, {@code route},
 * {@code eventTime} (ISO-8601, when the event has one) and {@code codes}, each code with
 * {@code vendor, space, code, minor, name, known, status, class, severity, side, outcome,
 * retryable, sessionClose, category, message, match, rule}, plus {@code candidates} when it is
 * ambiguous or of a mismatched version.
 */
public final class EnrichedJson {

    /** The field added to every enriched event. */
    public static final String FIELD = "imwatch";

    private static final JsonFactory JSON = LogEventParser.mapper().getFactory();
    private static final byte[] FIELD_PREFIX = ",\"imwatch\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private EnrichedJson() {}

    /** The enriched event as UTF-8 JSON bytes. */
    public static byte[] write(ClassifiedEvent classified) {
        LogEvent event = classified.event();
        try (ByteArrayBuilder out = new ByteArrayBuilder(event.raw().length + 512)) {
            if (event.isJson() && !event.json().has(FIELD)) {
                spliceInto(event.raw(), classified, out);
            } else if (event.isJson()) {
                rewriteReplacingField(event.json(), classified, out);
            } else {
                try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                    g.writeStartObject();
                    g.writeStringField("message", event.line() == null ? "" : event.line());
                    g.writeFieldName(FIELD);
                    writeImwatch(g, classified);
                    g.writeEndObject();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    private static void spliceInto(byte[] raw, ClassifiedEvent classified, ByteArrayBuilder out) throws IOException {
        int start = 0;
        while (start < raw.length && raw[start] != '{') {
            start++; // BOM and leading whitespace are not part of the object
        }
        int close = raw.length - 1;
        while (close > start && raw[close] != '}') {
            close--;
        }
        int last = close - 1;
        while (last > start && isSpace(raw[last])) {
            last--;
        }
        out.write(raw, start, close - start);
        if (raw[last] == '{') {
            out.write(FIELD_PREFIX, 1, FIELD_PREFIX.length - 1); // empty object: no comma
        } else {
            out.write(FIELD_PREFIX);
        }
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            writeImwatch(g, classified);
        }
        out.write('}');
    }

    /** The rare event that already has an {@code imwatch} field: ours replaces it. */
    private static void rewriteReplacingField(ObjectNode json, ClassifiedEvent classified, ByteArrayBuilder out)
            throws IOException {
        ObjectNode copy = json.deepCopy();
        copy.remove(FIELD);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            for (var field : copy.properties()) {
                g.writeFieldName(field.getKey());
                LogEventParser.mapper().writeTree(g, field.getValue());
            }
            g.writeFieldName(FIELD);
            writeImwatch(g, classified);
            g.writeEndObject();
        }
    }

    /** Writes the {@code imwatch} object. */
    public static void writeImwatch(JsonGenerator g, ClassifiedEvent classified) throws IOException {
        g.writeStartObject();
        g.writeStringField("vendor", classified.vendor());
        g.writeStringField("vendorSource", lower(classified.vendorSource()));
        g.writeStringField("route", classified.route().id());
        long eventTime = classified.event().eventTime();
        if (eventTime != Timestamps.NONE) {
            g.writeStringField("eventTime", Instant.ofEpochMilli(eventTime).toString());
        }
        g.writeArrayFieldStart("codes");
        for (ClassifiedCode code : classified.codes()) {
            writeCode(g, code);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeCode(JsonGenerator g, ClassifiedCode code) throws IOException {
        g.writeStartObject();
        g.writeStringField("vendor", code.vendor());
        g.writeStringField("space", code.space());
        writeIntOrNull(g, "code", code.code() == RawCode.NO_CODE ? null : code.code());
        writeIntOrNull(g, "minor", code.minor() == CatalogEntry.ANY_MINOR ? null : code.minor());
        g.writeStringField("name", code.name());
        g.writeBooleanField("known", code.isKnown());
        g.writeStringField("status", code.status().name());
        CatalogEntry entry = code.entry();
        if (entry != null) {
            Classification c = entry.classification();
            g.writeStringField("class", c.codeClass().name());
            g.writeStringField("severity", c.severity().name());
            g.writeStringField("side", c.side().name());
            g.writeStringField("outcome", c.outcome().name());
            g.writeBooleanField("retryable", c.retryable());
            g.writeStringField(
                    "sessionClose",
                    c.sessionClose() == null ? null : c.sessionClose().name());
            g.writeStringField("category", entry.category());
            if (entry.message() != null) {
                g.writeStringField("message", entry.message());
            }
            g.writeStringField(
                    "match",
                    entry.isRange()
                            ? "range"
                            : entry.minor() == CatalogEntry.ANY_MINOR && code.minor() != CatalogEntry.ANY_MINOR
                                    ? "any-minor"
                                    : "exact");
            if (code.observedName() != null && !code.observedName().equals(entry.name())) {
                g.writeStringField("reportedName", code.observedName());
            }
        } else {
            g.writeStringField("class", "UNKNOWN");
            g.writeNullField("severity");
            g.writeNullField("side");
            g.writeNullField("outcome");
            g.writeNullField("retryable");
            g.writeNullField("sessionClose");
        }
        if (code.version() != null) {
            g.writeStringField("version", code.version());
        }
        g.writeStringField("rule", code.rule());
        if (!code.candidates().isEmpty()) {
            g.writeArrayFieldStart("candidates");
            for (CatalogEntry candidate : code.candidates()) {
                writeCandidate(g, candidate);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeCandidate(JsonGenerator g, CatalogEntry entry) throws IOException {
        Classification c = entry.classification();
        g.writeStartObject();
        g.writeStringField("vendor", entry.vendor());
        g.writeStringField("space", entry.space());
        g.writeStringField("name", entry.name());
        g.writeStringField("class", c.codeClass().name());
        g.writeStringField(
                "sessionClose",
                c.sessionClose() == null ? null : c.sessionClose().name());
        if (!entry.versions().isAny()) {
            g.writeStringField("versions", entry.versions().toString());
        }
        g.writeEndObject();
    }

    private static void writeIntOrNull(JsonGenerator g, String field, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
