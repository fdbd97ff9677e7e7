package io.imwatch.classify.rules;

/**
 * A code as found in an event, before the catalogue is consulted.
 *
 * @param vendor the vendor the rule belongs to or the event was attributed to; {@code null} when
 *     nothing says which vendor it is
 * @param space the code space the rule decided, or {@code null}
 * @param code the number, or {@link #NO_CODE} when the event gave only a name
 * @param minor the minor code, or {@link io.imwatch.catalog.CatalogEntry#ANY_MINOR}
 * @param name the symbolic name or message seen beside the code, or {@code null}
 * @param version the product/SDK version the event states, or {@code null}
 * @param rule the id of the rule that found it
 */
public record RawCode(String vendor, String space, int code, int minor, String name, String version, String rule) {

    /** {@link #code} when the event named the code without its number. */
    public static final int NO_CODE = Integer.MIN_VALUE;

    public boolean hasNumber() {
        return code != NO_CODE;
    }
}
