package io.imwatch.classify.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.classify.event.JsonPaths;
import io.imwatch.classify.event.LogEvent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds codes in a JSON payload: when every {@code when} field has one of its listed values and
 * every {@code require}d field is present, each {@link CodeField} is read.
 */
public final class JsonRule {

    private final String id;
    private final String vendor;
    private final boolean needsVendor;
    private final List<Condition> when;
    private final List<String> require;
    private final String[][] requireSegments;
    private final List<CodeField> codes;
    private final String versionPath;
    private final String[] versionSegments;

    /** A field that must hold one of {@code values}. */
    record Condition(String path, String[] segments, Set<String> values) {
        boolean holds(JsonNode payload) {
            JsonNode value = JsonPaths.get(payload, segments, path);
            return value != null && value.isValueNode() && values.contains(value.asText());
        }
    }

    JsonRule(
            String id,
            String vendor,
            boolean needsVendor,
            Map<String, Set<String>> when,
            List<String> require,
            List<CodeField> codes,
            String versionPath) {
        this.id = id;
        this.vendor = vendor;
        this.needsVendor = needsVendor;
        this.when = when.entrySet().stream()
                .map(e -> new Condition(e.getKey(), JsonPaths.compile(e.getKey()), Set.copyOf(e.getValue())))
                .toList();
        this.require = List.copyOf(require);
        this.requireSegments = require.stream().map(JsonPaths::compile).toArray(String[][]::new);
        this.codes = List.copyOf(codes);
        this.versionPath = versionPath;
        this.versionSegments = versionPath == null ? null : JsonPaths.compile(versionPath);
    }

    public String id() {
        return id;
    }

    /** The vendor whose format this is, or {@code null} for a generic rule. */
    public String vendor() {
        return vendor;
    }

    /** Whether the rule only applies once the vendor is known from hints or configuration. */
    public boolean needsVendor() {
        return needsVendor;
    }

    List<CodeField> codes() {
        return codes;
    }

    /** Adds the dotted paths this rule reads to {@code paths} ({@code *} for "every string"). */
    void addPaths(Collection<String> paths) {
        when.forEach(condition -> paths.add(condition.path()));
        paths.addAll(require);
        if (versionPath != null) {
            paths.add(versionPath);
        }
        codes.forEach(field -> field.addPaths(paths));
    }

    /**
     * Adds the codes this rule finds in {@code event}'s payload to {@code out}. A code field that
     * scans every string ({@code path: "*"}) reads {@link LogEvent#wholePayload()}, the only rule
     * that needs the whole tree; every other field reads the paths it names.
     *
     * @param attributedVendor the vendor to give codes when the rule is generic (may be null)
     */
    public void extract(LogEvent event, String attributedVendor, Findings out) {
        JsonNode payload = event.payload();
        for (Condition condition : when) {
            if (!condition.holds(payload)) {
                return;
            }
        }
        for (int i = 0; i < requireSegments.length; i++) {
            if (JsonPaths.get(payload, requireSegments[i], require.get(i)) == null) {
                return;
            }
        }
        String owner = vendor != null ? vendor : attributedVendor;
        String version = null;
        if (versionSegments != null) {
            JsonNode v = JsonPaths.get(payload, versionSegments, versionPath);
            version = v != null && v.isValueNode() ? v.asText() : null;
        }
        JsonNode whole = null;
        for (CodeField field : codes) {
            if (field.readsEveryString()) {
                whole = whole != null ? whole : event.wholePayload();
                field.extract(whole, owner, version, id, out);
            } else {
                field.extract(payload, owner, version, id, out);
            }
        }
    }
}
