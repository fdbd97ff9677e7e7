package io.imwatch.app.livecatalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One catalogue or rule file as published on the catalogue topic.
 *
 * @param name the record key: the file's name, e.g. {@code inhouse.yaml}
 * @param kind whether it is a catalogue or an extraction-rule file
 * @param yaml the file's bytes, as published
 * @param fingerprint SHA-256 (hex) of {@code yaml}; the value of the {@value #FINGERPRINT_HEADER} header
 */
public record CatalogOverlay(String name, Kind kind, byte[] yaml, String fingerprint) {

    /** Header carrying the value's fingerprint, written by {@code imwatch catalog publish}. */
    public static final String FINGERPRINT_HEADER = "imwatch.fingerprint";

    /** Header carrying the kind ({@code catalog} or {@code rules}), written by {@code imwatch catalog publish}. */
    public static final String KIND_HEADER = "imwatch.kind";

    /** How many hex digits of a fingerprint are shown (in records, metrics, the CLI). */
    public static final int SHORT = 12;

    private static final YAMLMapper YAML = new YAMLMapper();

    /** A catalogue file ({@code vendor}, {@code spaces}) or an extraction-rule file ({@code rules}). */
    public enum Kind {
        CATALOG,
        RULES;

        public String id() {
            return this == CATALOG ? "catalog" : "rules";
        }
    }

    public CatalogOverlay {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /**
     * The overlay of a published value. The kind is read from the content: a file with top-level
     * {@code spaces} is a catalogue, any other mapping a rule file; what is not YAML at all is taken
     * for a catalogue, whose reader then says what is wrong with it.
     */
    public static CatalogOverlay of(String name, byte[] yaml) {
        return new CatalogOverlay(name, kindOf(yaml), yaml.clone(), sha256(yaml));
    }

    private static Kind kindOf(byte[] yaml) {
        try {
            JsonNode root = YAML.readTree(yaml);
            return root != null && root.isObject() && !root.has("spaces") && root.has("rules")
                    ? Kind.RULES
                    : Kind.CATALOG;
        } catch (IOException e) {
            return Kind.CATALOG;
        }
    }

    /** The first {@value #SHORT} hex digits of the fingerprint. */
    public String shortFingerprint() {
        return fingerprint.substring(0, SHORT);
    }

    /** The overlay's content as text. */
    public String text() {
        return new String(yaml, StandardCharsets.UTF_8);
    }

    /** SHA-256 of {@code bytes}, hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CatalogOverlay other
                && name.equals(other.name)
                && kind == other.kind
                && fingerprint.equals(other.fingerprint);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return name + " (" + kind.id() + ", " + shortFingerprint() + ")";
    }
}
