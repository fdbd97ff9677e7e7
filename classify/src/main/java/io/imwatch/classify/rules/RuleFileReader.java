package io.imwatch.classify.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import io.imwatch.catalog.LocatedYaml;
import io.imwatch.catalog.YamlProblems;
import io.imwatch.classify.event.EnvelopeFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads and validates one extraction-rule YAML file (format: {@code classify/README.md}). */
final class RuleFileReader {

    private static final Set<String> FILE_KEYS = Set.of("vendor", "hints", "envelope", "rules");
    private static final Set<String> ENVELOPE_KEYS = Set.of("lineFields", "hintFields", "timeFields");
    private static final Set<String> RULE_KEYS =
            Set.of("id", "description", "needsVendor", "space", "spaces", "accept", "text", "json");
    private static final Set<String> TEXT_KEYS = Set.of("contains", "regex", "delimited");
    private static final Set<String> DELIMITED_KEYS = Set.of("after", "separator", "fields", "codeField");
    private static final Set<String> JSON_KEYS = Set.of("when", "require", "version", "codes");
    private static final Set<String> CODE_KEYS =
            Set.of("path", "minor", "name", "space", "spaces", "pattern", "accept", "byName");
    private static final Set<String> SPACE_OPTION_KEYS = Set.of("space", "min", "max");

    private final String source;
    private YamlProblems problems;
    private final List<RuleFile.SpaceRef> spaceRefs = new ArrayList<>();
    private LocatedYaml yaml;
    private String vendor;

    private RuleFileReader(String source) {
        this.source = source;
    }

    /** @throws RuleException listing every problem in the file */
    static RuleFile read(String source, InputStream in) {
        return new RuleFileReader(source).read(in);
    }

    private RuleFile read(InputStream in) {
        try {
            yaml = LocatedYaml.read(in);
        } catch (IOException e) {
            throw new RuleException(
                    "rule file " + source + " is not valid YAML", List.of(source + ": " + e.getMessage()));
        }
        problems = new YamlProblems(source, yaml);
        JsonNode root = yaml.root();
        if (root == null || !root.isObject()) {
            fail(root, "file", "must be a mapping with keys vendor, hints, rules");
            throw failure();
        }
        unknownKeys(root, FILE_KEYS, "file");
        vendor = root.hasNonNull("vendor") ? root.get("vendor").asText() : null;
        List<String> hints = strings(root.get("hints"), "file", "hints").stream()
                .map(h -> h.toLowerCase(Locale.ROOT))
                .toList();
        if (!hints.isEmpty() && vendor == null) {
            fail(root.get("hints"), "file", "'hints' name a vendor, so the file needs 'vendor'");
        }
        EnvelopeFormat envelope = envelope(root.get("envelope"));
        List<JsonRule> jsonRules = new ArrayList<>();
        List<TextRule> textRules = new ArrayList<>();
        JsonNode rules = root.get("rules");
        if (rules != null && !rules.isArray()) {
            fail(rules, "file", "'rules' must be a list");
        } else if (rules != null) {
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode rule : rules) {
                rule(rule, ids, jsonRules, textRules);
            }
        }
        if (!problems.isEmpty()) {
            throw failure();
        }
        return new RuleFile(
                source,
                vendor,
                hints,
                envelope,
                List.copyOf(jsonRules),
                List.copyOf(textRules),
                List.copyOf(spaceRefs));
    }

    private EnvelopeFormat envelope(JsonNode node) {
        if (node == null) {
            return new EnvelopeFormat(List.of(), List.of(), List.of());
        }
        if (!node.isObject()) {
            fail(node, "envelope", "must be a mapping with lineFields, hintFields, timeFields");
            return new EnvelopeFormat(List.of(), List.of(), List.of());
        }
        unknownKeys(node, ENVELOPE_KEYS, "envelope");
        return new EnvelopeFormat(
                strings(node.get("lineFields"), "envelope", "lineFields"),
                strings(node.get("hintFields"), "envelope", "hintFields"),
                strings(node.get("timeFields"), "envelope", "timeFields"));
    }

    private void rule(JsonNode node, Set<String> ids, List<JsonRule> jsonRules, List<TextRule> textRules) {
        if (!node.isObject() || !node.hasNonNull("id")) {
            fail(node, "rule", "needs an 'id' and one of 'text' or 'json'");
            return;
        }
        String id = node.get("id").asText();
        String where = "rule '" + id + "'";
        if (!ids.add(id)) {
            fail(node, where, "id is used twice in this file");
        }
        unknownKeys(node, RULE_KEYS, where);
        boolean needsVendor = node.path("needsVendor").asBoolean(false);
        SpaceChoice spaces = spaces(node, where);
        Pattern accept = regex(node.get("accept"), where, "accept", false);
        boolean hasText = node.has("text");
        boolean hasJson = node.has("json");
        if (hasText == hasJson) {
            fail(node, where, "needs exactly one of 'text' or 'json'");
            return;
        }
        if (hasText) {
            TextRule rule = text(id, needsVendor, node.get("text"), spaces, accept, where);
            if (rule != null) {
                textRules.add(rule);
            }
        } else {
            JsonRule rule = json(id, needsVendor, node.get("json"), spaces, accept, where);
            if (rule != null) {
                jsonRules.add(rule);
            }
        }
    }

    private TextRule text(
            String id, boolean needsVendor, JsonNode node, SpaceChoice spaces, Pattern accept, String where) {
        if (!node.isObject()) {
            fail(node, where, "'text' must be a mapping with contains and regex or delimited");
            return null;
        }
        unknownKeys(node, TEXT_KEYS, where + " text");
        String[] contains = strings(node.get("contains"), where, "contains").toArray(String[]::new);
        Pattern regex = regex(node.get("regex"), where, "regex", true);
        JsonNode delimitedNode = node.get("delimited");
        TextRule.Delimited delimited = null;
        if (delimitedNode != null) {
            delimited = delimited(delimitedNode, where);
        }
        if (node.hasNonNull("regex") == (delimitedNode != null)) {
            fail(node, where, "'text' needs exactly one of 'regex' or 'delimited'");
            return null;
        }
        if (regex == null && delimited == null) {
            return null; // already reported
        }
        return new TextRule(id, vendor, needsVendor, contains, regex, delimited, spaces, accept);
    }

    private TextRule.Delimited delimited(JsonNode node, String where) {
        unknownKeys(node, DELIMITED_KEYS, where + " delimited");
        String after = node.path("after").asText("");
        String separator = node.path("separator").asText("");
        int fields = node.path("fields").asInt(0);
        int codeField = node.path("codeField").asInt(-1);
        if (after.isEmpty() || separator.length() != 1 || fields < 2 || codeField < 0 || codeField >= fields) {
            fail(
                    node,
                    where,
                    "'delimited' needs after (text), separator (one character), fields (>= 2) and"
                            + " codeField (0-based, below fields)");
            return null;
        }
        return new TextRule.Delimited(after, separator.charAt(0), fields, codeField);
    }

    private JsonRule json(
            String id, boolean needsVendor, JsonNode node, SpaceChoice spaces, Pattern accept, String where) {
        if (!node.isObject()) {
            fail(node, where, "'json' must be a mapping with codes (and optionally when, require, version)");
            return null;
        }
        unknownKeys(node, JSON_KEYS, where + " json");
        Map<String, Set<String>> when = new LinkedHashMap<>();
        JsonNode whenNode = node.get("when");
        if (whenNode != null && !whenNode.isObject()) {
            fail(whenNode, where, "'when' must map field paths to a value or a list of values");
        } else if (whenNode != null) {
            whenNode.properties()
                    .forEach(e -> when.put(
                            e.getKey(),
                            new LinkedHashSet<>(
                                    e.getValue().isArray()
                                            ? strings(e.getValue(), where, "when." + e.getKey())
                                            : List.of(e.getValue().asText()))));
        }
        List<String> require = strings(node.get("require"), where, "require");
        String version = node.hasNonNull("version") ? node.get("version").asText() : null;
        JsonNode codes = node.get("codes");
        if (codes == null || !codes.isArray() || codes.isEmpty()) {
            fail(node, where, "'json' needs 'codes', a non-empty list of {path, ...}");
            return null;
        }
        List<CodeField> fields = new ArrayList<>();
        for (JsonNode code : codes) {
            CodeField field = codeField(code, spaces, accept, where);
            if (field != null) {
                fields.add(field);
            }
        }
        return new JsonRule(id, vendor, needsVendor, when, require, fields, version);
    }

    private CodeField codeField(JsonNode node, SpaceChoice ruleSpaces, Pattern ruleAccept, String where) {
        if (!node.isObject() || !node.hasNonNull("path")) {
            fail(node, where, "each of 'codes' needs a 'path' (dotted, or * for every string value)");
            return null;
        }
        unknownKeys(node, CODE_KEYS, where + " code");
        String path = node.get("path").asText();
        SpaceChoice spaces = node.has("space") || node.has("spaces") ? spaces(node, where) : ruleSpaces;
        Pattern pattern = regex(node.get("pattern"), where, "pattern", true);
        Pattern accept = node.has("accept") ? regex(node.get("accept"), where, "accept", false) : ruleAccept;
        if (CodeField.ANY_STRING.equals(path) && pattern == null) {
            fail(node, where, "path '*' scans every string value and needs a 'pattern' with a (?<code>...) group");
        }
        return new CodeField(
                path,
                textOrNull(node, "minor"),
                textOrNull(node, "name"),
                spaces,
                pattern,
                accept,
                node.path("byName").asBoolean(false));
    }

    private SpaceChoice spaces(JsonNode node, String where) {
        if (node.hasNonNull("space")) {
            String space = node.get("space").asText();
            spaceRefs.add(new RuleFile.SpaceRef(location(node.get("space")) + where, vendor, space));
            return SpaceChoice.of(space);
        }
        JsonNode list = node.get("spaces");
        if (list == null) {
            return SpaceChoice.UNDECIDED;
        }
        if (!list.isArray() || list.isEmpty()) {
            fail(list, where, "'spaces' must be a list of {space, min, max}");
            return SpaceChoice.UNDECIDED;
        }
        List<SpaceChoice.Option> options = new ArrayList<>();
        for (JsonNode option : list) {
            unknownKeys(option, SPACE_OPTION_KEYS, where + " spaces");
            if (!option.hasNonNull("space")) {
                fail(option, where, "each of 'spaces' needs a 'space'");
                continue;
            }
            String space = option.get("space").asText();
            spaceRefs.add(new RuleFile.SpaceRef(location(option.get("space")) + where, vendor, space));
            options.add(new SpaceChoice.Option(
                    space,
                    option.path("min").asLong(Long.MIN_VALUE),
                    option.path("max").asLong(Long.MAX_VALUE)));
        }
        return new SpaceChoice(options);
    }

    private Pattern regex(JsonNode node, String where, String key, boolean needsCodeGroup) {
        if (node == null || node.isNull()) {
            return null;
        }
        Pattern pattern;
        try {
            pattern = RulePatterns.compile(node.asText());
        } catch (RulePatterns.Refused e) {
            fail(node, where, "'" + key + "' " + e.getMessage());
            return null;
        }
        if (needsCodeGroup) {
            Set<String> groups = pattern.namedGroups().keySet();
            if (!groups.contains("code")) {
                fail(node, where, "'" + key + "' needs a named group (?<code>...)");
            }
            groups.stream()
                    .filter(g -> !CodeGroups.NAMES.contains(g))
                    .sorted()
                    .forEach(g -> fail(
                            node,
                            where,
                            "'" + key + "' has group '" + g + "'; the groups read are code, minor, name, version"));
        }
        return pattern;
    }

    private List<String> strings(JsonNode node, String where, String key) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isValueNode()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            fail(node, where, "'" + key + "' must be a list of text");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        node.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String textOrNull(JsonNode node, String key) {
        return node.hasNonNull(key) ? node.get(key).asText() : null;
    }

    private void unknownKeys(JsonNode node, Set<String> allowed, String where) {
        problems.unknownKeys(node, allowed, where);
    }

    private String location(JsonNode node) {
        return problems.location(node);
    }

    private void fail(JsonNode at, String where, String what) {
        problems.add(at, where, what);
    }

    private RuleException failure() {
        return new RuleException("rule file " + source + " has " + problems.count() + " problem(s)", problems.list());
    }
}
