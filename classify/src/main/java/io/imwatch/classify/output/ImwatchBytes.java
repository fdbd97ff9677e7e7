package io.imwatch.classify.output;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.imwatch.catalog.CatalogEntry;
import io.imwatch.catalog.Classification;
import io.imwatch.classify.ClassifiedCode;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.CodeStatus;
import io.imwatch.classify.NoCodeReason;
import io.imwatch.classify.Route;
import io.imwatch.classify.VendorSource;
import io.imwatch.classify.event.Timestamps;
import io.imwatch.classify.rules.RawCode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Writes the {@code imwatch} object straight into the output bytes: the same bytes a Jackson
 * generator writes (no spaces; strings escaped as Jackson escapes them), without creating a
 * generator per event. What comes from the catalogue and the rules — a known code's fields, vendor,
 * space and rule names, candidates — is encoded once and copied; only what comes from the event (a
 * reported name, a version, an unknown code's name) is escaped per event.
 */
final class ImwatchBytes {

    private static final byte[] NULL = ascii("null");
    private static final byte[] VENDOR = ascii("{\"vendor\":");
    private static final byte[] VENDOR_SOURCE = ascii(",\"vendorSource\":");
    private static final byte[] ROUTE = ascii(",\"route\":");
    private static final byte[] REASON = ascii(",\"reason\":");
    private static final byte[] EVENT_TIME = ascii(",\"eventTime\":\"");
    private static final byte[] CODES = ascii(",\"codes\":[");
    private static final byte[] SPACE = ascii(",\"space\":");
    private static final byte[] CODE = ascii(",\"code\":");
    private static final byte[] MINOR = ascii(",\"minor\":");
    private static final byte[] MATCH_RANGE = ascii(",\"match\":\"range\"");
    private static final byte[] MATCH_ANY_MINOR = ascii(",\"match\":\"any-minor\"");
    private static final byte[] MATCH_EXACT = ascii(",\"match\":\"exact\"");
    private static final byte[] REPORTED_NAME = ascii(",\"reportedName\":");
    private static final byte[] NAME = ascii(",\"name\":");
    private static final byte[] KNOWN_FALSE = ascii(",\"known\":false");
    private static final byte[] STATUS = ascii(",\"status\":");
    private static final byte[] CLASS_UNKNOWN = ascii(",\"class\":\"UNKNOWN\"");
    private static final byte[] VERSION = ascii(",\"version\":");
    private static final byte[] RULE = ascii(",\"rule\":");
    private static final byte[] CANDIDATES = ascii(",\"candidates\":[");
    private static final byte[] CATALOG = ascii(",\"catalog\":");

    private static final byte[][] VENDOR_SOURCE_IDS =
            quoted(VendorSource.values(), v -> v.name().toLowerCase(Locale.ROOT));
    private static final byte[][] ROUTE_IDS = quoted(Route.values(), Route::id);
    private static final byte[][] NO_CODE_REASON_IDS = quoted(NoCodeReason.values(), NoCodeReason::id);
    private static final byte[][] STATUS_IDS = quoted(CodeStatus.values(), CodeStatus::name);

    /** The fields an unknown code writes as {@code null}, in their order. */
    private static final EnrichFields.Field[] NULL_WHEN_UNKNOWN = {
        EnrichFields.Field.SEVERITY,
        EnrichFields.Field.SIDE,
        EnrichFields.Field.OUTCOME,
        EnrichFields.Field.RETRYABLE,
        EnrichFields.Field.SESSION_CLOSE
    };

    private static final byte[][] NULL_FIELDS = nullFields();

    /**
     * Vendor, space and rule names, quoted: bounded by the catalogue and the rules (an event's own
     * strings never come here).
     */
    private static final Map<String, byte[]> NAMES = new ConcurrentHashMap<>();

    /** Each candidate entry's whole object. */
    private static final EntryBytes CANDIDATE_OBJECTS = new EntryBytes(ImwatchBytes::candidate);

    private ImwatchBytes() {}

    /**
     * Appends the {@code imwatch} object of {@code classified}, ending with {@code catalog} unless
     * {@code catalogVersion} is null.
     */
    static void write(ClassifiedEvent classified, EnrichFields fields, String catalogVersion, ByteArrayBuilder out) {
        out.write(VENDOR);
        name(classified.vendor(), out);
        out.write(VENDOR_SOURCE);
        out.write(VENDOR_SOURCE_IDS[classified.vendorSource().ordinal()]);
        out.write(ROUTE);
        out.write(ROUTE_IDS[classified.route().ordinal()]);
        if (classified.noCodeReason() != null) {
            out.write(REASON);
            out.write(NO_CODE_REASON_IDS[classified.noCodeReason().ordinal()]);
        }
        long eventTime = classified.event().eventTime();
        if (eventTime != Timestamps.NONE) {
            out.write(EVENT_TIME);
            out.write(IsoInstant.bytes(eventTime));
            out.write('"');
        }
        out.write(CODES);
        boolean first = true;
        for (ClassifiedCode code : classified.codes()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            code(code, fields, out);
        }
        out.write(']');
        if (catalogVersion != null) {
            out.write(CATALOG);
            string(catalogVersion, out);
        }
        out.write('}');
    }

    private static void code(ClassifiedCode code, EnrichFields fields, ByteArrayBuilder out) {
        out.write(VENDOR);
        name(code.vendor(), out);
        out.write(SPACE);
        name(code.space(), out);
        out.write(CODE);
        intOrNull(code.code(), RawCode.NO_CODE, out);
        out.write(MINOR);
        intOrNull(code.minor(), CatalogEntry.ANY_MINOR, out);
        CatalogEntry entry = code.entry();
        if (entry != null) {
            out.write(fields.encodedEntries.of(entry));
            if (fields.has(EnrichFields.Field.MATCH)) {
                out.write(
                        entry.isRange()
                                ? MATCH_RANGE
                                : entry.minor() == CatalogEntry.ANY_MINOR && code.minor() != CatalogEntry.ANY_MINOR
                                        ? MATCH_ANY_MINOR
                                        : MATCH_EXACT);
            }
            if (code.observedName() != null && !code.observedName().equals(entry.name())) {
                out.write(REPORTED_NAME);
                string(code.observedName(), out);
            }
        } else {
            if (fields.has(EnrichFields.Field.NAME)) {
                out.write(NAME);
                string(code.name(), out);
            }
            if (fields.has(EnrichFields.Field.KNOWN)) {
                out.write(KNOWN_FALSE);
            }
            out.write(STATUS);
            out.write(STATUS_IDS[code.status().ordinal()]);
            if (fields.has(EnrichFields.Field.CLASS)) {
                out.write(CLASS_UNKNOWN);
            }
            for (EnrichFields.Field nullable : NULL_WHEN_UNKNOWN) {
                if (fields.has(nullable)) {
                    out.write(NULL_FIELDS[nullable.ordinal()]);
                }
            }
        }
        if (code.version() != null) {
            out.write(VERSION);
            string(code.version(), out);
        }
        out.write(RULE);
        name(code.rule(), out);
        if (!code.candidates().isEmpty()) {
            out.write(CANDIDATES);
            boolean first = true;
            for (CatalogEntry candidate : code.candidates()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.write(CANDIDATE_OBJECTS.of(candidate));
            }
            out.write(']');
        }
        out.write('}');
    }

    private static byte[] candidate(CatalogEntry entry) {
        Classification c = entry.classification();
        ByteArrayBuilder out = new ByteArrayBuilder();
        out.write(VENDOR);
        string(entry.vendor(), out);
        out.write(SPACE);
        string(entry.space(), out);
        out.write(NAME);
        string(entry.name(), out);
        out.write(ascii(",\"class\":"));
        string(c.codeClass().name(), out);
        out.write(ascii(",\"sessionClose\":"));
        string(c.sessionClose() == null ? null : c.sessionClose().name(), out);
        if (!entry.versions().isAny()) {
            out.write(ascii(",\"versions\":"));
            string(entry.versions().toString(), out);
        }
        out.write('}');
        return out.toByteArray();
    }

    /** A name from the catalogue or the rules, quoted once and copied after. */
    private static void name(String name, ByteArrayBuilder out) {
        out.write(name == null ? NULL : NAMES.computeIfAbsent(name, ImwatchBytes::quote));
    }

    /** A string from the event, escaped as Jackson's generator escapes it. */
    private static void string(String value, ByteArrayBuilder out) {
        out.write(value == null ? NULL : quote(value));
    }

    private static byte[] quote(String value) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        byte[] quoted = new byte[escaped.length + 2];
        quoted[0] = '"';
        System.arraycopy(escaped, 0, quoted, 1, escaped.length);
        quoted[quoted.length - 1] = '"';
        return quoted;
    }

    private static void intOrNull(int value, int absent, ByteArrayBuilder out) {
        if (value == absent) {
            out.write(NULL);
            return;
        }
        if (value >= 0 && value < 10) {
            out.write('0' + value);
            return;
        }
        out.write(Integer.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static <E extends Enum<E>> byte[][] quoted(E[] values, Function<E, String> text) {
        byte[][] out = new byte[values.length][];
        for (E value : values) {
            out[value.ordinal()] = quote(text.apply(value));
        }
        return out;
    }

    private static byte[][] nullFields() {
        byte[][] out = new byte[EnrichFields.Field.values().length][];
        for (EnrichFields.Field field : EnrichFields.Field.values()) {
            out[field.ordinal()] = ascii(",\"" + field.key() + "\":null");
        }
        return out;
    }
}
