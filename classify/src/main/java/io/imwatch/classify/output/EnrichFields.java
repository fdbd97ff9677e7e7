package io.imwatch.classify.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which catalogue fields each code of the {@code imwatch} object carries (the stream's {@code
 * enrich.fields}, {@code classify --enrich-fields}). A code always carries what identifies it and
 * how it was found: {@code vendor, space, code, minor, status, rule}, and {@code version},
 * {@code reportedName}, {@code candidates} when they apply. The fields of {@link Field} are what the
 * catalogue says about the code; {@link #LEAN}, the default, keeps those an operator filters and
 * groups by, {@link #FULL} every one. Immutable.
 */
public final class EnrichFields {

    /** A catalogue field a code may carry, in the order they are written. */
    public enum Field {
        NAME("name"),
        KNOWN("known"),
        CLASS("class"),
        SEVERITY("severity"),
        SIDE("side"),
        OUTCOME("outcome"),
        RETRYABLE("retryable"),
        SESSION_CLOSE("sessionClose"),
        CATEGORY("category"),
        MESSAGE("message"),
        MATCH("match");

        private final String key;

        Field(String key) {
            this.key = key;
        }

        /** The field's key in the {@code imwatch} object. */
        public String key() {
            return key;
        }
    }

    /**
     * The default: {@code name, class, severity, outcome, sessionClose} — what the built-in alert
     * rules match on (with {@code status}, which every code carries) and what an operator filters
     * and groups by. The long texts ({@code category}, {@code message}) and the rest are one
     * {@code imwatch explain} or {@code catalog export} away.
     */
    public static final EnrichFields LEAN = new EnrichFields(
            "lean", EnumSet.of(Field.NAME, Field.CLASS, Field.SEVERITY, Field.OUTCOME, Field.SESSION_CLOSE));

    /** Every catalogue field of the code, as imwatch wrote before the choice existed. */
    public static final EnrichFields FULL = new EnrichFields("full", EnumSet.allOf(Field.class));

    private final String name;
    private final Set<Field> fields;

    /** The encoded catalogue fields of each entry met so far ({@link EnrichedJson}). */
    final EntryBytes encodedEntries = new EntryBytes(entry -> EnrichedJson.entryFields(entry, this));

    private EnrichFields(String name, Set<Field> fields) {
        this.name = name;
        this.fields = fields;
    }

    /** The given fields (written in {@link Field}'s order, whatever the order given). */
    public static EnrichFields of(Set<Field> fields) {
        EnumSet<Field> set = fields.isEmpty() ? EnumSet.noneOf(Field.class) : EnumSet.copyOf(fields);
        if (set.equals(LEAN.fields)) {
            return LEAN;
        }
        if (set.equals(FULL.fields)) {
            return FULL;
        }
        return new EnrichFields(set.stream().map(Field::key).collect(Collectors.joining(",")), set);
    }

    /**
     * Reads a setting: {@code lean}, {@code full}, or a comma-separated list of {@link Field} keys
     * (e.g. {@code name,class,sessionClose,message}), where {@code lean} stands for its fields
     * ({@code lean,message}); {@code none} for no catalogue field at all.
     *
     * @throws IllegalArgumentException naming what is wrong and what may be written instead
     */
    public static EnrichFields parse(String setting) {
        String text = Objects.requireNonNull(setting, "setting").strip();
        switch (text.toLowerCase(Locale.ROOT)) {
            case "lean":
                return LEAN;
            case "full":
                return FULL;
            case "none":
                return of(EnumSet.noneOf(Field.class));
            default:
                break;
        }
        EnumSet<Field> set = EnumSet.noneOf(Field.class);
        List<String> unknown = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String key = part.strip();
            if (key.equalsIgnoreCase(LEAN.name)) {
                set.addAll(LEAN.fields); // lean,message: the default plus a field
                continue;
            }
            Field field = Arrays.stream(Field.values())
                    .filter(f -> f.key.equalsIgnoreCase(key))
                    .findFirst()
                    .orElse(null);
            if (field == null) {
                unknown.add("'" + key + "'");
            } else {
                set.add(field);
            }
        }
        if (!unknown.isEmpty() || text.isEmpty()) {
            throw new IllegalArgumentException(
                    (text.isEmpty() ? "is empty" : "has no field " + String.join(", ", unknown))
                            + "; use lean, full, none, or a comma-separated list of " + keys());
        }
        return of(set);
    }

    /** Every field key, comma-separated, for messages. */
    public static String keys() {
        return Arrays.stream(Field.values()).map(Field::key).collect(Collectors.joining(", "));
    }

    /** Whether codes carry {@code field}. */
    public boolean has(Field field) {
        return fields.contains(field);
    }

    /** {@code lean}, {@code full}, or the fields' keys comma-separated. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
