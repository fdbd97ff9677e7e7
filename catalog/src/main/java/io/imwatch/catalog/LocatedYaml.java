package io.imwatch.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree that remembers the line each node started on, so that
 * validation errors can point at {@code file:line} instead of "somewhere in the file". Jackson's
 * own tree model drops locations, hence this small reader. Catalogue files and extraction-rule
 * files both use it.
 */
public final class LocatedYaml {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final JsonNode root;
    private final Map<JsonNode, Integer> lines;
    private final List<String> duplicateKeys;

    private LocatedYaml(JsonNode root, Map<JsonNode, Integer> lines, List<String> duplicateKeys) {
        this.root = root;
        this.lines = lines;
        this.duplicateKeys = duplicateKeys;
    }

    /** Reads one YAML document; an empty document yields a {@code null} root. */
    public static LocatedYaml read(InputStream in) throws IOException {
        Builder builder = new Builder();
        try (JsonParser parser = YAML.createParser(in)) {
            JsonNode root = parser.nextToken() == null ? null : builder.node(parser);
            return new LocatedYaml(root, builder.lines, builder.duplicateKeys);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** The 1-based line the node started on, or 0 when unknown. */
    public int line(JsonNode node) {
        Integer line = lines.get(node);
        return line == null ? 0 : line;
    }

    /** "line N: key 'k' appears twice" for every mapping that repeats a key. */
    public List<String> duplicateKeys() {
        return duplicateKeys;
    }

    private static final class Builder {
        private final JsonNodeFactory nodes = JsonNodeFactory.instance;
        private final Map<JsonNode, Integer> lines = new IdentityHashMap<>();
        private final List<String> duplicateKeys = new ArrayList<>();

        JsonNode node(JsonParser p) throws IOException {
            int line = p.currentTokenLocation().getLineNr();
            JsonToken token = p.currentToken();
            JsonNode node = switch (token) {
                case START_OBJECT -> object(p);
                case START_ARRAY -> array(p);
                case VALUE_STRING -> nodes.textNode(p.getText());
                case VALUE_NUMBER_INT -> nodes.numberNode(p.getLongValue());
                case VALUE_NUMBER_FLOAT -> nodes.numberNode(p.getDecimalValue());
                case VALUE_TRUE -> nodes.booleanNode(true);
                case VALUE_FALSE -> nodes.booleanNode(false);
                case VALUE_NULL -> nodes.nullNode();
                default -> throw new IOException("unexpected YAML token " + token + " at line " + line);
            };
            // value nodes such as BooleanNode.TRUE are shared singletons; only containers and
            // text get a reliable line, which is all the error messages need
            lines.putIfAbsent(node, line);
            return node;
        }

        private ObjectNode object(JsonParser p) throws IOException {
            ObjectNode object = nodes.objectNode();
            lines.put(object, p.currentTokenLocation().getLineNr());
            while (p.nextToken() != JsonToken.END_OBJECT) {
                String key = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                p.nextToken();
                JsonNode value = node(p);
                if (object.has(key)) {
                    duplicateKeys.add("line " + keyLine + ": key '" + key + "' appears twice");
                }
                object.set(key, value);
            }
            return object;
        }

        private ArrayNode array(JsonParser p) throws IOException {
            ArrayNode array = nodes.arrayNode();
            lines.put(array, p.currentTokenLocation().getLineNr());
            while (p.nextToken() != JsonToken.END_ARRAY) {
                array.add(node(p));
            }
            return array;
        }
    }
}
