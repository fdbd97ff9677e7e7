package io.imwatch.classify.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.catalog.CatalogEntry;
import io.imwatch.catalog.Classification;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.CodeStatus;
import io.imwatch.classify.NoCodeReason;
import io.imwatch.classify.event.LogEvent;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.redact.Redactor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
 * {@link EnrichFields#FULL}. Last, {@code catalog}: the fingerprint of the catalogue version that
 * classified the event, when the caller names one (the stream does, the CLI does not).
 */
public final class EnrichedJson {

    /** The field added to every enriched event. */
    public static final String FIELD = "imwatch";

    private static final JsonFactory JSON = LogEventParser.mapper().getFactory();
    private static final byte[] FIELD_PREFIX = ",\"imwatch\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_PREFIX = "{\"message\":\"".getBytes(StandardCharsets.US_ASCII);

    // the catalogue fields of a known code, encoded once per entry (entryFields)
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
    private static final SerializableString IMWATCH = new SerializedString(FIELD);

    /** One output buffer per thread, reused: only the finished record is allocated per event. */
    private static final ThreadLocal<ByteArrayBuilder> BUFFER = ThreadLocal.withInitial(ByteArrayBuilder::new);

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
        return write(classified, redactor, fields, null);
    }

    /**
     * As {@link #write(ClassifiedEvent, Redactor, EnrichFields)}, with the {@code imwatch} object's
     * {@code catalog} field set to {@code catalogVersion} (omitted when {@code null}).
     */
    public static byte[] write(
            ClassifiedEvent classified, Redactor redactor, EnrichFields fields, String catalogVersion) {
        LogEvent event = classified.event();
        ByteArrayBuilder out = BUFFER.get();
        out.reset();
        try {
            if (event.isJson() && !event.json().has(FIELD)) {
                spliceInto(event.raw(), classified, redactor, fields, catalogVersion, out);
            } else if (event.isJson() && redactor.isOff()) {
                rewriteReplacingField(event.wholeJson(), classified, fields, catalogVersion, out);
            } else if (event.isJson()) {
                ObjectNode copy = event.wholeJson().deepCopy();
                copy.remove(FIELD);
                spliceInto(
                        LogEventParser.mapper().writeValueAsBytes(copy),
                        classified,
                        redactor,
                        fields,
                        catalogVersion,
                        out);
            } else {
                out.write(MESSAGE_PREFIX);
                out.write(JsonStringEncoder.getInstance()
                        .quoteAsUTF8(event.line() == null ? "" : redactor.text(event.line(), event.raw())));
                out.write('"');
                out.write(FIELD_PREFIX);
                ImwatchBytes.write(classified, fields, catalogVersion, out);
                out.write('}');
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    private static void spliceInto(
            byte[] raw,
            ClassifiedEvent classified,
            Redactor redactor,
            EnrichFields fields,
            String catalogVersion,
            ByteArrayBuilder out)
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
        ImwatchBytes.write(classified, fields, catalogVersion, out);
        out.write('}');
    }

    /** The rare event that already has an {@code imwatch} field: ours replaces it. */
    private static void rewriteReplacingField(
            ObjectNode json,
            ClassifiedEvent classified,
            EnrichFields fields,
            String catalogVersion,
            ByteArrayBuilder out)
            throws IOException {
        ObjectNode copy = json.deepCopy();
        copy.remove(FIELD);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            for (var field : copy.properties()) {
                g.writeFieldName(field.getKey());
                LogEventParser.mapper().writeTree(g, field.getValue());
            }
            g.writeFieldName(IMWATCH);
            ByteArrayBuilder bytes = new ByteArrayBuilder();
            ImwatchBytes.write(classified, fields, catalogVersion, bytes);
            g.writeRawValue(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
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
        ByteArrayBuilder bytes = new ByteArrayBuilder();
        ImwatchBytes.write(classified, fields, null, bytes);
        g.writeRawValue(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
    }

    /**
     * {@code ,"name":…,"known":true,"status":"KNOWN",…,"message":…} of a known code: everything
     * between its {@code minor} and its {@code match} that depends on the entry alone, the fields
     * of {@code fields} and {@code status}.
     */
    static byte[] entryFields(CatalogEntry entry, EnrichFields fields) {
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
        return ("," + object.substring(1, object.length() - 1)).getBytes(StandardCharsets.UTF_8);
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

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
