package io.imwatch.classify.event;

import com.fasterxml.jackson.databind.JsonNode;

/** Dotted-path lookup on Jackson trees, allowing flat keys that contain dots ({@code "log.file.path"}). */
public final class JsonPaths {

    private JsonPaths() {}

    /** Splits {@code a.b.c} once, at configuration time. */
    public static String[] compile(String dotted) {
        return dotted.split("\\.");
    }

    /** The node at {@code path} under {@code node}, or {@code null}. Tries nested keys, then the flat dotted key. */
    public static JsonNode get(JsonNode node, String[] path, String dotted) {
        JsonNode current = node;
        for (String segment : path) {
            if (current == null || !current.isObject()) {
                current = null;
                break;
            }
            current = current.get(segment);
        }
        if (current == null && path.length > 1 && node != null && node.isObject()) {
            current = node.get(dotted);
        }
        return current == null || current.isNull() ? null : current;
    }
}
