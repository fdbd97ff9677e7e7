package io.imwatch.classify.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The dotted paths the envelope and the rules read, and a streaming reader that builds, in one
 * pass of Jackson's {@link JsonParser}, an object holding only the members those paths can reach:
 * every other value is skipped by the parser (still checked for syntax), never built as nodes.
 * Immutable and thread-safe.
 *
 * <p>What it builds is a part of the tree Jackson would build from the same bytes, with every node
 * a {@link JsonPaths} lookup of one of the paths visits: a key is kept when the path from the root
 * to it, its dotted parts joined ({@code resource} then {@code service.name} is {@code
 * resource.service.name}), is one of the paths (its whole value is kept) or leads into one (its
 * object is read the same way); a later duplicate key replaces an earlier one, as in Jackson's tree.
 * So a lookup of any of the paths finds on it what it finds on the whole tree.
 */
public final class FieldSelection {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Node root = new Node();

    /** One path segment's trie node. */
    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        boolean whole;

        /** The node of {@code key}, whose dots (a flat key, {@code "service.name"}) separate segments. */
        Node child(String key) {
            if (key.indexOf('.') < 0) {
                return children.get(key);
            }
            Node node = this;
            int start = 0;
            while (node != null) {
                int dot = key.indexOf('.', start);
                node = node.children.get(dot < 0 ? key.substring(start) : key.substring(start, dot));
                if (dot < 0) {
                    return node;
                }
                start = dot + 1;
            }
            return null;
        }
    }

    /** @param paths dotted paths (as rule files and envelopes write them) */
    public FieldSelection(Collection<String> paths) {
        for (String path : paths) {
            Node node = root;
            for (String segment : JsonPaths.compile(path)) {
                node = node.children.computeIfAbsent(segment, s -> new Node());
            }
            node.whole = true;
        }
    }

    /**
     * Reads the object the parser is at ({@link JsonToken#START_OBJECT} just returned), keeping the
     * selected members; on return the parser is at its {@link JsonToken#END_OBJECT}.
     *
     * @param whole reads a kept value whole
     */
    ObjectNode read(JsonParser parser, ObjectReader whole) throws IOException {
        return read(parser, root, whole);
    }

    /**
     * The node Jackson's tree holds for the value the parser is at: strings, integers, booleans and
     * null built here as its deserializer builds them (a reader's {@code readTree} sets up a
     * deserialization context per call, which cost more than the whole streaming pass); fractions,
     * objects and arrays read by {@code whole}.
     */
    private static JsonNode value(JsonParser parser, JsonToken token, ObjectReader whole) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            default:
                return whole.readTree(parser);
        }
    }

    private static ObjectNode read(JsonParser parser, Node node, ObjectReader whole) throws IOException {
        ObjectNode object = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            Node child = node.child(name);
            if (child == null) {
                parser.skipChildren();
            } else if (child.whole) {
                object.set(name, value(parser, value, whole));
            } else if (value == JsonToken.START_OBJECT) {
                object.set(name, read(parser, child, whole));
            } else {
                // a scalar or array where an object would lead to a path: no lookup goes past it, but a
                // later duplicate still replaces an earlier object, as in the whole tree
                object.remove(name);
                parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new IllegalStateException("expected the end of an object, not " + parser.currentToken());
        }
        return object;
    }
}
