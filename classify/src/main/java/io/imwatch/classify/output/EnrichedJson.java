package io.imwatch.classify.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.catalog.CatalogEntry;
import io.imwatch.catalog.Classification;
import io.imwatch.classify.ClassifiedCode;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.CodeStatus;
import io.imwatch.classify.NoCodeReason;
import io.imwatch.classify.Route;
import io.imwatch.classify.VendorSource;
import io.imwatch.classify.event.LogEvent;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.event.Timestamps;
import io.imwatch.classify.redact.Redactor;
import io.imwatch.classify.rules.RawCode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes an enriched event: the original JSON object exactly as it was with an {@code imwatch}
 * field added (spliced in before the closing brace, so the original is never re-serialized), or
 * {@code {"message": "<line>", "imwatch": ...}} for a text line. Thread-safe.
 *
 * <p>The {@code imwatch} object: {@code vendor}, {@code vendorSource}, {@code route},
 * {@code reason} (only on the no-code route: why, a {@link NoCodeReason} id),
 * {@code eventTime} (ISO-8601, when the event has one) and {@code codes}, each code with
 * {@code vendor, space, code, minor, name, known, status, class, severity, side, outcome,
 * retryable, sessionClose, category, message, match, rule}, plus {@code candidates} when it is
 * ambiguous or of a mismatched version. Which of the catalogue's fields ({@code name} …
 * {@code match}) a code carries is an {@link EnrichFields} choice; the methods without one write
 * {@link EnrichFields#FULL}.
 */
public final class EnrichedJson {

    /** The field added to every enriched event. */
    public static final String FIELD = "imwatch";

    private static final JsonFactory JSON = LogEventParser.mapper().getFactory();
    private static final byte[] FIELD_PREFIX = ",\"imwatch\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final SerializableString VENDOR = new SerializedString("vendor");
    private static final SerializableString VENDOR_SOURCE = new SerializedString("vendorSource");
    private static final SerializableString ROUTE = new SerializedString("route");
    private static final SerializableString NO_CODE_REASON = new SerializedString("reason");
    private static final SerializableString EVENT_TIME = new SerializedString("eventTime");
    private static final SerializableString CODES = new SerializedString("codes");
    private static final SerializableString SPACE = new SerializedString("space");
    private static final SerializableString CODE = new SerializedString("code");
    private static final SerializableString MINOR = new SerializedString("minor");
    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString KNOWN = new SerializedString("known");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString CLASS = new SerializedString("class");
    private static final SerializableString SEVERITY = new SerializedString("severity");
    private static final SerializableString SIDE = new SerializedString("side");
    private static final SerializableString OUTCOME = new SerializedString("outcome");
    private static final SerializableString RETRYABLE = new SerializedString("retryable");
    private static final SerializableString SESSION_CLOSE = new SerializedString("sessionClose");
    private static final SerializableString CATEGORY = new SerializedString("category");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString MATCH = new SerializedString("match");
    private static final SerializableString REPORTED_NAME = new SerializedString("reportedName");
    private static final SerializableString VERSION = new SerializedString("version");
    private static final SerializableString VERSIONS = new SerializedString("versions");
    private static final SerializableString RULE = new SerializedString("rule");
    private static final SerializableString CANDIDATES = new SerializedString("candidates");
    private static final SerializableString IMWATCH = new SerializedString(FIELD);
    private static final SerializableString MATCH_RANGE = new SerializedString("range");
    private static final SerializableString MATCH_ANY_MINOR = new SerializedString("any-minor");
    private static final SerializableString MATCH_EXACT = new SerializedString("exact");

    /** The fields an unknown code writes as {@code null}: the catalogue has no value for it. */
    private static final List<EnrichFields.Field> NULL_WHEN_UNKNOWN = List.of(
            EnrichFields.Field.SEVERITY,
            EnrichFields.Field.SIDE,
            EnrichFields.Field.OUTCOME,
            EnrichFields.Field.RETRYABLE,
            EnrichFields.Field.SESSION_CLOSE);

    private static final SerializableString[] NULL_WHEN_UNKNOWN_KEYS =
            serialized(EnrichFields.Field.values(), EnrichFields.Field::key);

    /** One output buffer per thread, reused: only the finished record is allocated per event. */
    private static final ThreadLocal<ByteArrayBuilder> BUFFER = ThreadLocal.withInitial(ByteArrayBuilder::new);

    // computed and encoded once: lower-casing them per event allocated ~100 bytes
    private static final SerializableString[] VENDOR_SOURCE_IDS =
            serialized(VendorSource.values(), EnrichedJson::lower);
    private static final SerializableString[] ROUTE_IDS = serialized(Route.values(), Route::id);
    private static final SerializableString[] NO_CODE_REASON_IDS = serialized(NoCodeReason.values(), NoCodeReason::id);

    private EnrichedJson() {}

    /** The enriched event as UTF-8 JSON bytes, nothing redacted, every catalogue field. */
    public static byte[] write(ClassifiedEvent classified) {
        return write(classified, Redactor.OFF, EnrichFields.FULL);
    }

    /** As {@link #write(ClassifiedEvent, Redactor, EnrichFields)} with every catalogue field. */
    public static byte[] write(ClassifiedEvent classified, Redactor redactor) {
        return write(classified, redactor, EnrichFields.FULL);
    }

    /**
     * The enriched event as UTF-8 JSON bytes, the event's own content redacted by {@code redactor}
     * (the {@code imwatch} object is written after redaction and never redacted), each code with the
     * catalogue fields of {@code fields}.
     */
    public static byte[] write(ClassifiedEvent classified, Redactor redactor, EnrichFields fields) {
        LogEvent event = classified.event();
        ByteArrayBuilder out = BUFFER.get();
        out.reset();
        try {
            if (event.isJson() && !event.json().has(FIELD)) {
                spliceInto(event.raw(), classified, redactor, fields, out);
            } else if (event.isJson() && redactor.isOff()) {
                rewriteReplacingField(event.wholeJson(), classified, fields, out);
            } else if (event.isJson()) {
                ObjectNode copy = event.wholeJson().deepCopy();
                copy.remove(FIELD);
                spliceInto(LogEventParser.mapper().writeValueAsBytes(copy), classified, redactor, fields, out);
            } else {
                try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                    g.writeStartObject();
                    writeString(g, MESSAGE, event.line() == null ? "" : redactor.text(event.line(), event.raw()));
                    g.writeFieldName(IMWATCH);
                    writeImwatch(g, classified, fields);
                    g.writeEndObject();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    private static void spliceInto(
            byte[] raw, ClassifiedEvent classified, Redactor redactor, EnrichFields fields, ByteArrayBuilder out)
            throws IOException {
        int start = 0;
        while (start < raw.length && raw[start] != '{') {
            start++; // BOM and leading whitespace are not part of the object
        }
        int close = raw.length - 1;
        while (close > start && raw[close] != '}') {
            close--;
        }
        byte[] redacted = redactor.isOff() ? null : redactor.json(raw, start, close + 1);
        if (redacted != null) {
            raw = redacted;
            start = 0;
            close = raw.length - 1;
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
            writeImwatch(g, classified, fields);
        }
        out.write('}');
    }

    /** The rare event that already has an {@code imwatch} field: ours replaces it. */
    private static void rewriteReplacingField(
            ObjectNode json, ClassifiedEvent classified, EnrichFields fields, ByteArrayBuilder out) throws IOException {
        ObjectNode copy = json.deepCopy();
        copy.remove(FIELD);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            for (var field : copy.properties()) {
                g.writeFieldName(field.getKey());
                LogEventParser.mapper().writeTree(g, field.getValue());
            }
            g.writeFieldName(IMWATCH);
            writeImwatch(g, classified, fields);
            g.writeEndObject();
        }
    }

    /** Writes the {@code imwatch} object, every catalogue field. */
    public static void writeImwatch(JsonGenerator g, ClassifiedEvent classified) throws IOException {
        writeImwatch(g, classified, EnrichFields.FULL);
    }

    /** Writes the {@code imwatch} object, each code with the catalogue fields of {@code fields}. */
    public static void writeImwatch(JsonGenerator g, ClassifiedEvent classified, EnrichFields fields)
            throws IOException {
        g.writeStartObject();
        writeString(g, VENDOR, classified.vendor());
        g.writeFieldName(VENDOR_SOURCE);
        g.writeString(VENDOR_SOURCE_IDS[classified.vendorSource().ordinal()]);
        g.writeFieldName(ROUTE);
        g.writeString(ROUTE_IDS[classified.route().ordinal()]);
        if (classified.noCodeReason() != null) {
            g.writeFieldName(NO_CODE_REASON);
            g.writeString(NO_CODE_REASON_IDS[classified.noCodeReason().ordinal()]);
        }
        long eventTime = classified.event().eventTime();
        if (eventTime != Timestamps.NONE) {
            writeString(g, EVENT_TIME, IsoInstant.format(eventTime));
        }
        g.writeFieldName(CODES);
        g.writeStartArray();
        for (ClassifiedCode code : classified.codes()) {
            writeCode(g, code, fields);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeCode(JsonGenerator g, ClassifiedCode code, EnrichFields fields) throws IOException {
        g.writeStartObject();
        writeString(g, VENDOR, code.vendor());
        writeString(g, SPACE, code.space());
        writeIntOrNull(g, CODE, code.code(), RawCode.NO_CODE);
        writeIntOrNull(g, MINOR, code.minor(), CatalogEntry.ANY_MINOR);
        CatalogEntry entry = code.entry();
        if (entry != null) {
            // name to message come from the catalogue entry alone: encoded once per entry
            g.writeRaw(fields.encodedEntries.computeIfAbsent(entry, e -> entryFields(e, fields)));
            if (fields.has(EnrichFields.Field.MATCH)) {
                g.writeFieldName(MATCH);
                g.writeString(
                        entry.isRange()
                                ? MATCH_RANGE
                                : entry.minor() == CatalogEntry.ANY_MINOR && code.minor() != CatalogEntry.ANY_MINOR
                                        ? MATCH_ANY_MINOR
                                        : MATCH_EXACT);
            }
            if (code.observedName() != null && !code.observedName().equals(entry.name())) {
                writeString(g, REPORTED_NAME, code.observedName());
            }
        } else {
            if (fields.has(EnrichFields.Field.NAME)) {
                writeString(g, NAME, code.name());
            }
            if (fields.has(EnrichFields.Field.KNOWN)) {
                writeBoolean(g, KNOWN, false);
            }
            writeString(g, STATUS, code.status().name());
            if (fields.has(EnrichFields.Field.CLASS)) {
                writeString(g, CLASS, "UNKNOWN");
            }
            for (EnrichFields.Field nullable : NULL_WHEN_UNKNOWN) {
                if (fields.has(nullable)) {
                    writeNull(g, NULL_WHEN_UNKNOWN_KEYS[nullable.ordinal()]);
                }
            }
        }
        if (code.version() != null) {
            writeString(g, VERSION, code.version());
        }
        writeString(g, RULE, code.rule());
        if (!code.candidates().isEmpty()) {
            g.writeFieldName(CANDIDATES);
            g.writeStartArray();
            for (CatalogEntry candidate : code.candidates()) {
                writeCandidate(g, candidate);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /**
     * {@code ,"name":…,"known":true,"status":"KNOWN",…,"message":…} of a known code: everything
     * between its {@code minor} and its {@code match} that depends on the entry alone, the fields
     * of {@code fields} and {@code status}.
     */
    private static SerializableString entryFields(CatalogEntry entry, EnrichFields fields) {
        Classification c = entry.classification();
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            if (fields.has(EnrichFields.Field.NAME)) {
                writeString(g, NAME, entry.name());
            }
            if (fields.has(EnrichFields.Field.KNOWN)) {
                writeBoolean(g, KNOWN, true);
            }
            writeString(g, STATUS, CodeStatus.KNOWN.name());
            if (fields.has(EnrichFields.Field.CLASS)) {
                writeString(g, CLASS, c.codeClass().name());
            }
            if (fields.has(EnrichFields.Field.SEVERITY)) {
                writeString(g, SEVERITY, c.severity().name());
            }
            if (fields.has(EnrichFields.Field.SIDE)) {
                writeString(g, SIDE, c.side().name());
            }
            if (fields.has(EnrichFields.Field.OUTCOME)) {
                writeString(g, OUTCOME, c.outcome().name());
            }
            if (fields.has(EnrichFields.Field.RETRYABLE)) {
                writeBoolean(g, RETRYABLE, c.retryable());
            }
            if (fields.has(EnrichFields.Field.SESSION_CLOSE)) {
                writeString(
                        g,
                        SESSION_CLOSE,
                        c.sessionClose() == null ? null : c.sessionClose().name());
            }
            if (fields.has(EnrichFields.Field.CATEGORY)) {
                writeString(g, CATEGORY, entry.category());
            }
            if (fields.has(EnrichFields.Field.MESSAGE) && entry.message() != null) {
                writeString(g, MESSAGE, entry.message());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        String object = text.toString();
        return new SerializedString("," + object.substring(1, object.length() - 1));
    }

    private static void writeCandidate(JsonGenerator g, CatalogEntry entry) throws IOException {
        Classification c = entry.classification();
        g.writeStartObject();
        writeString(g, VENDOR, entry.vendor());
        writeString(g, SPACE, entry.space());
        writeString(g, NAME, entry.name());
        writeString(g, CLASS, c.codeClass().name());
        writeString(
                g,
                SESSION_CLOSE,
                c.sessionClose() == null ? null : c.sessionClose().name());
        if (!entry.versions().isAny()) {
            writeString(g, VERSIONS, entry.versions().toString());
        }
        g.writeEndObject();
    }

    // the same bytes as writeStringField & co. with a String name; a SerializedString is quoted and
    // encoded once, not on every event
    private static void writeString(JsonGenerator g, SerializableString field, String value) throws IOException {
        g.writeFieldName(field);
        g.writeString(value);
    }

    private static void writeBoolean(JsonGenerator g, SerializableString field, boolean value) throws IOException {
        g.writeFieldName(field);
        g.writeBoolean(value);
    }

    private static void writeNull(JsonGenerator g, SerializableString field) throws IOException {
        g.writeFieldName(field);
        g.writeNull();
    }

    private static void writeIntOrNull(JsonGenerator g, SerializableString field, int value, int absent)
            throws IOException {
        g.writeFieldName(field);
        if (value == absent) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static <E extends Enum<E>> SerializableString[] serialized(E[] values, Function<E, String> text) {
        SerializableString[] out = new SerializableString[values.length];
        for (E value : values) {
            out[value.ordinal()] = new SerializedString(text.apply(value));
        }
        return out;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
