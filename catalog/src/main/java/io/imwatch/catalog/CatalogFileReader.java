package io.imwatch.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one catalogue YAML file (format: {@code catalog/README.md}) and validates it completely,
 * reporting every problem with file, line, entry and the fix rather than stopping at the first.
 */
final class CatalogFileReader {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Set<String> FILE_KEYS = Set.of("vendor", "product", "source", "override", "spaces");
    private static final Set<String> SPACE_KEYS = Set.of("id", "description", "versions", "defaults", "range", "codes");
    private static final Set<String> ENTRY_KEYS = Set.of(
            "code",
            "minor",
            "name",
            "message",
            "category",
            "description",
            "class",
            "severity",
            "side",
            "outcome",
            "retryable",
            "sessionClose",
            "versions");
    private static final Set<String> DEFAULT_KEYS =
            Set.of("category", "class", "severity", "side", "outcome", "retryable", "versions");
    private static final Set<String> RANGE_KEYS = Set.of(
            "from",
            "to",
            "name",
            "message",
            "category",
            "description",
            "class",
            "severity",
            "side",
            "outcome",
            "retryable");

    private final String source;
    private YamlProblems problems;
    private LocatedYaml yaml;

    private CatalogFileReader(String source) {
        this.source = source;
    }

    /**
     * Reads and validates one file.
     *
     * @throws CatalogException listing every problem in the file
     */
    static CatalogFile read(String source, InputStream in) {
        return new CatalogFileReader(source).read(in);
    }

    private CatalogFile read(InputStream in) {
        try {
            yaml = LocatedYaml.read(in);
        } catch (IOException e) {
            throw new CatalogException(
                    "catalogue file " + source + " is not valid YAML", List.of(source + ": " + e.getMessage()));
        }
        problems = new YamlProblems(source, yaml);
        JsonNode root = yaml.root();
        if (root == null || !root.isObject()) {
            fail(root, "file", "must be a mapping with keys vendor, product, spaces");
            throw failure();
        }
        unknownKeys(root, FILE_KEYS, "file");
        String vendor = id(root, "vendor", "file");
        String product = optionalText(root, "product", "file", vendor);
        boolean override = root.path("override").asBoolean(false);
        List<CatalogFile.Space> spaces = new ArrayList<>();
        JsonNode spaceNodes = root.get("spaces");
        if (spaceNodes == null || !spaceNodes.isArray() || spaceNodes.isEmpty()) {
            fail(root, "file", "'spaces' must be a non-empty list of code spaces");
        } else {
            Set<String> seen = new java.util.HashSet<>();
            for (JsonNode spaceNode : spaceNodes) {
                CatalogFile.Space space = space(vendor, spaceNode);
                if (space != null && !seen.add(space.id())) {
                    fail(spaceNode, "space '" + space.id() + "'", "is declared twice; merge the two lists");
                }
                if (space != null) {
                    spaces.add(space);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw failure();
        }
        return new CatalogFile(source, vendor, product, override, List.copyOf(spaces));
    }

    private CatalogFile.Space space(String vendor, JsonNode node) {
        if (!node.isObject()) {
            fail(node, "space", "must be a mapping with keys id, description, codes");
            return null;
        }
        unknownKeys(node, SPACE_KEYS, "space");
        String id = id(node, "id", "space");
        String where = "space '" + id + "'";
        String description = optionalText(node, "description", where, null);
        JsonNode defaults = node.path("defaults");
        if (!defaults.isMissingNode() && !defaults.isObject()) {
            fail(defaults, where, "'defaults' must be a mapping");
            defaults = JsonNodeFactoryHolder.EMPTY;
        } else if (defaults.isObject()) {
            unknownKeys(defaults, DEFAULT_KEYS, where + " defaults");
        }
        if (node.has("versions")) {
            ObjectNode merged =
                    defaults.isObject() ? ((ObjectNode) defaults).deepCopy() : JsonNodeFactoryHolder.object();
            merged.set("versions", node.get("versions"));
            defaults = merged;
        }
        List<CatalogEntry> entries = new ArrayList<>();
        JsonNode range = node.get("range");
        if (range != null) {
            CatalogEntry entry = range(vendor, id, range, defaults);
            if (entry != null) {
                entries.add(entry);
            }
        }
        JsonNode codes = node.get("codes");
        if (codes == null && range == null) {
            fail(node, where, "needs 'codes' (a list of entries) or a 'range'");
        } else if (codes != null && !codes.isArray()) {
            fail(codes, where, "'codes' must be a list of entries");
        } else if (codes != null) {
            Map<Long, JsonNode> keys = new HashMap<>();
            for (JsonNode entryNode : codes) {
                CatalogEntry entry = entry(vendor, id, entryNode, defaults);
                if (entry == null) {
                    continue;
                }
                JsonNode earlier = keys.putIfAbsent(((long) entry.code() << 20) | (entry.minor() & 0xFFFFF), entryNode);
                if (earlier != null) {
                    fail(
                            entryNode,
                            entryLabel(id, entryNode),
                            "duplicate key: code " + entry.code() + " minor " + entry.minorText()
                                    + " is already defined at line " + yaml.line(earlier));
                } else {
                    entries.add(entry);
                }
            }
        }
        return new CatalogFile.Space(id, description, List.copyOf(entries));
    }

    private CatalogEntry entry(String vendor, String space, JsonNode node, JsonNode defaults) {
        String where = entryLabel(space, node);
        if (!node.isObject()) {
            fail(node, where, "must be a mapping such as {code: 1, name: X, ...}");
            return null;
        }
        unknownKeys(node, ENTRY_KEYS, where);
        int before = problems.count();
        Fields f = new Fields(node, defaults, where);
        int code = f.integer("code", Integer.MIN_VALUE, Integer.MAX_VALUE);
        int minor = minor(node, where);
        CatalogEntry entry = f.entry(vendor, space, code, code, minor);
        return problems.count() == before ? entry : null;
    }

    private CatalogEntry range(String vendor, String space, JsonNode node, JsonNode defaults) {
        String where = "space '" + space + "' range";
        if (!node.isObject()) {
            fail(node, where, "must be a mapping {from, to, name, class, ...}");
            return null;
        }
        unknownKeys(node, RANGE_KEYS, where);
        int before = problems.count();
        Fields f = new Fields(node, defaults, where);
        int from = f.integer("from", Integer.MIN_VALUE, Integer.MAX_VALUE);
        int to = f.integer("to", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (problems.count() == before && to <= from) {
            fail(node, where, "'to' (" + to + ") must be greater than 'from' (" + from + ")");
        }
        CatalogEntry entry = f.entry(vendor, space, from, Math.max(from, to), CatalogEntry.ANY_MINOR);
        return problems.count() == before ? entry : null;
    }

    private int minor(JsonNode node, String where) {
        JsonNode minor = node.get("minor");
        if (minor == null
                || minor.isNull()
                || (minor.isTextual() && minor.asText().equals("*"))) {
            return CatalogEntry.ANY_MINOR;
        }
        if (minor.isIntegralNumber() && minor.asLong() >= 0 && minor.asLong() <= CatalogEntry.MAX_MINOR) {
            return minor.asInt();
        }
        fail(
                minor,
                where,
                "'minor' must be \"*\" or an integer 0.." + CatalogEntry.MAX_MINOR + ", not '" + minor.asText() + "'");
        return CatalogEntry.ANY_MINOR;
    }

    /** Reads entry fields, falling back to the space defaults, and records what is missing or wrong. */
    private final class Fields {
        private final JsonNode node;
        private final JsonNode defaults;
        private final String where;

        Fields(JsonNode node, JsonNode defaults, String where) {
            this.node = node;
            this.defaults = defaults;
            this.where = where;
        }

        CatalogEntry entry(String vendor, String space, int code, int codeTo, int minor) {
            String name = text("name", true);
            String message = text("message", false);
            String category = text("category", true);
            String description = text("description", false);
            CodeClass codeClass = enumValue("class", CodeClass.class, true);
            if (codeClass == CodeClass.UNKNOWN) {
                fail(node, where, "class UNKNOWN is reserved for codes not in the catalogue; pick another class");
            }
            Severity severity = enumValue("severity", Severity.class, true);
            Side side = enumValue("side", Side.class, true);
            Outcome outcome = enumValue("outcome", Outcome.class, true);
            Boolean retryable = bool("retryable");
            SessionCloseReason sessionClose = enumValue("sessionClose", SessionCloseReason.class, false);
            VersionRange versions = versions();
            if (name == null
                    || category == null
                    || codeClass == null
                    || severity == null
                    || side == null
                    || outcome == null
                    || retryable == null) {
                return null;
            }
            Classification classification =
                    new Classification(codeClass, severity, side, outcome, retryable, sessionClose);
            return new CatalogEntry(
                    vendor,
                    space,
                    code,
                    codeTo,
                    minor,
                    name,
                    message,
                    category,
                    description,
                    classification,
                    versions,
                    source);
        }

        int integer(String key, long min, long max) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                fail(node, where, "missing '" + key + "' (an integer)");
                return 0;
            }
            if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
                fail(value, where, "'" + key + "' must be an integer, not '" + value.asText() + "'");
                return 0;
            }
            return value.asInt();
        }

        private JsonNode value(String key) {
            JsonNode value = node.get(key);
            return value != null && !value.isNull() ? value : defaults.get(key);
        }

        String text(String key, boolean required) {
            JsonNode value = value(key);
            if (value == null || value.isNull()) {
                if (required) {
                    fail(node, where, "missing '" + key + "'");
                }
                return null;
            }
            if (value.isContainerNode()) {
                fail(value, where, "'" + key + "' must be text");
                return null;
            }
            String text = value.asText().strip();
            if (required && text.isEmpty()) {
                fail(value, where, "'" + key + "' must not be empty");
                return null;
            }
            return text.isEmpty() ? null : text;
        }

        Boolean bool(String key) {
            JsonNode value = value(key);
            if (value == null || value.isNull()) {
                fail(node, where, "missing '" + key + "' (true or false)");
                return null;
            }
            if (!value.isBoolean()) {
                fail(value, where, "'" + key + "' must be true or false, not '" + value.asText() + "'");
                return null;
            }
            return value.asBoolean();
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, boolean required) {
            String text = text(key, required);
            if (text == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                String allowed =
                        Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
                fail(value(key), where, "unknown " + key + " '" + text + "'; expected one of " + allowed);
                return null;
            }
        }

        VersionRange versions() {
            String text = text("versions", false);
            if (text == null) {
                return VersionRange.ANY;
            }
            try {
                return VersionRange.parse(text);
            } catch (IllegalArgumentException e) {
                fail(value("versions"), where, "bad 'versions': " + e.getMessage());
                return VersionRange.ANY;
            }
        }
    }

    private String id(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            fail(node, where, "missing '" + key + "' (lower-case letters, digits and '-')");
            return "?";
        }
        String id = value.asText();
        if (!ID.matcher(id).matches()) {
            fail(value, where, "'" + key + "' is '" + id + "'; use lower-case letters, digits and '-' only");
        }
        return id;
    }

    private String optionalText(JsonNode node, String key, String where, String fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isValueNode()) {
            fail(value, where, "'" + key + "' must be text");
            return fallback;
        }
        return value.asText();
    }

    private void unknownKeys(JsonNode node, Set<String> allowed, String where) {
        problems.unknownKeys(node, allowed, where);
    }

    private String entryLabel(String space, JsonNode node) {
        JsonNode code = node.path("code");
        String minor = node.has("minor") ? " minor " + node.get("minor").asText() : "";
        return "space '" + space + "' entry " + (code.isMissingNode() ? "(no code)" : "code " + code.asText()) + minor;
    }

    private void fail(JsonNode at, String where, String what) {
        problems.add(at, where, what);
    }

    private CatalogException failure() {
        return new CatalogException(
                "catalogue file " + source + " has " + problems.count() + " problem(s)", problems.list());
    }

    /** Shared empty nodes for absent defaults. */
    private static final class JsonNodeFactoryHolder {
        static final ObjectNode EMPTY = object();

        static ObjectNode object() {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
    }
}
