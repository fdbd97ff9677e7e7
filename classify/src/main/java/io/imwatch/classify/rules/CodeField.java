package io.imwatch.classify.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import io.imwatch.catalog.CatalogEntry;
import io.imwatch.classify.event.JsonPaths;
import java.util.Collection;
import java.util.Iterator;

/** Where one code sits in a JSON payload, per a JSON rule. Immutable; paths are compiled once. */
final class CodeField {

    static final String ANY_STRING = "*";

    private final String path;
    private final String[] pathSegments;
    private final String minorPath;
    private final String[] minorSegments;
    private final String namePath;
    private final String[] nameSegments;
    private final SpaceChoice spaces;
    private final SearchPattern pattern;
    private final Pattern accept;
    private final boolean byName;

    /**
     * @param path dotted path of the code field, or {@code *} for "scan every string value"
     * @param minorPath dotted path of the minor code, or {@code null}
     * @param namePath dotted path of a name/message reported beside the code, or {@code null}
     * @param spaces how to choose the code space
     * @param pattern for text values: a regex with named groups {@code code} (and optionally
     *     {@code minor}, {@code name}) that finds codes inside the text; {@code null} for plain values
     * @param accept a regex the code's text must match for the field to count, or {@code null}
     * @param byName whether a non-numeric value is a symbolic name to look up (Turms close status)
     */
    CodeField(
            String path,
            String minorPath,
            String namePath,
            SpaceChoice spaces,
            Pattern pattern,
            Pattern accept,
            boolean byName) {
        this.path = path;
        this.pathSegments = JsonPaths.compile(path);
        this.minorPath = minorPath;
        this.minorSegments = minorPath == null ? null : JsonPaths.compile(minorPath);
        this.namePath = namePath;
        this.nameSegments = namePath == null ? null : JsonPaths.compile(namePath);
        this.spaces = spaces;
        this.pattern = pattern == null ? null : SearchPattern.of(pattern);
        this.accept = accept;
        this.byName = byName;
    }

    String path() {
        return path;
    }

    SpaceChoice spaces() {
        return spaces;
    }

    /** Whether this field scans every string of the payload ({@code path: "*"}). */
    boolean readsEveryString() {
        return ANY_STRING.equals(path);
    }

    /** Adds the dotted paths this field reads to {@code paths}; nothing for {@code *}, which reads all. */
    void addPaths(Collection<String> paths) {
        if (readsEveryString()) {
            return;
        }
        paths.add(path);
        if (minorPath != null) {
            paths.add(minorPath);
        }
        if (namePath != null) {
            paths.add(namePath);
        }
    }

    /** Finds this field's code(s) in {@code payload} and adds them to {@code out}. */
    void extract(JsonNode payload, String vendor, String version, String rule, Findings out) {
        if (ANY_STRING.equals(path)) {
            scanStrings(payload, vendor, version, rule, out, 0);
            return;
        }
        if (out.isConsumed(path)) {
            return;
        }
        JsonNode value = JsonPaths.get(payload, pathSegments, path);
        if (value == null) {
            return;
        }
        if (pattern != null) {
            if (value.isTextual()) {
                out.consume(path);
                findInText(value.asText(), vendor, version, rule, out);
            }
            return;
        }
        int code = RawCode.NO_CODE;
        String name = null;
        if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() != RawCode.NO_CODE) {
            code = value.intValue();
        } else if (value.isNumber()) {
            out.noteCodeOutOfRange();
            return;
        } else if (value.isTextual()) {
            String text = value.asText().strip();
            code = Numbers.parse(text);
            if (code == RawCode.NO_CODE) {
                if (Numbers.isOutOfRange(text)) {
                    out.noteCodeOutOfRange(); // a number, if not a code one: no name either
                    return;
                }
                if (!byName || text.isEmpty() || text.length() > 200) {
                    return;
                }
                name = text;
            }
        } else {
            return;
        }
        if (accept != null && (code == RawCode.NO_CODE || !accept.matches(Integer.toString(code)))) {
            return;
        }
        int minor = minorPath == null ? CatalogEntry.ANY_MINOR : intAt(payload, minorSegments, minorPath);
        if (name == null && namePath != null) {
            JsonNode named = JsonPaths.get(payload, nameSegments, namePath);
            name = named != null && named.isValueNode() ? named.asText() : null;
        }
        out.consume(path);
        String space = code == RawCode.NO_CODE ? spaces.first() : spaces.pick(code);
        out.add(new RawCode(vendor, space, code, minor, name, version, rule));
    }

    void findInText(String text, String vendor, String version, String rule, Findings out) {
        TextRule.find(pattern, text, vendor, spaces, version, rule, accept, out);
    }

    private void scanStrings(JsonNode node, String vendor, String version, String rule, Findings out, int depth) {
        if (depth > 16) {
            if (node.isTextual() || node.isContainerNode()) {
                out.noteTooDeep();
            }
            return;
        }
        out.spend(1);
        if (node.isTextual()) {
            findInText(node.asText(), vendor, version, rule, out);
        } else if (node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                scanStrings(it.next(), vendor, version, rule, out, depth + 1);
            }
        }
    }

    private static int intAt(JsonNode payload, String[] segments, String path) {
        JsonNode v = JsonPaths.get(payload, segments, path);
        if (v == null) {
            return CatalogEntry.ANY_MINOR;
        }
        int parsed = v.isIntegralNumber() && v.canConvertToInt() ? v.intValue() : Numbers.parse(v.asText());
        return parsed == RawCode.NO_CODE || parsed < 0 ? CatalogEntry.ANY_MINOR : parsed;
    }
}
