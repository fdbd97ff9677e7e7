package io.imwatch.classify.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;

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

    /**
     * A dotted path that also matches where a shipper flattened only part of it: {@code
     * resource.service.name} finds {@code {"resource":{"service.name":…}}} as well as the nested
     * and the fully flat forms (OpenTelemetry attributes keep their dots inside a nested map).
     */
    public static final class MixedPath {
        private final String dotted;
        private final String[] segments;
        // rests[i]: segments i.. joined with dots, the flat key tried at depth i; built once here
        private final String[] rests;

        private MixedPath(String dotted) {
            this.dotted = dotted;
            this.segments = compile(dotted);
            this.rests = new String[segments.length];
            for (int i = 0; i < segments.length; i++) {
                rests[i] = String.join(".", Arrays.asList(segments).subList(i, segments.length));
            }
        }

        /** Compiles {@code dotted} once, at configuration time. */
        public static MixedPath of(String dotted) {
            return new MixedPath(dotted);
        }

        /** Whether the path is a single key (looked up with one {@code get}). */
        public boolean isSingleKey() {
            return segments.length == 1;
        }

        public String dotted() {
            return dotted;
        }

        /**
         * The non-null node at this path under {@code node}, or {@code null}. At each depth the
         * nested key is tried first, then the rest of the path as one flat key; where the first
         * segment is absent that is two lookups, as for {@link JsonPaths#get}.
         */
        public JsonNode get(JsonNode node) {
            return get(node, true);
        }

        /**
         * As {@link #get(JsonNode)}, but {@code mayHaveDottedKeys == false} (from {@link
         * #hasDottedKey}) skips the flat lookup at the top: one lookup, not two, for an absent path.
         */
        public JsonNode get(JsonNode node, boolean mayHaveDottedKeys) {
            JsonNode found = node != null && node.isObject() ? find(node, 0, mayHaveDottedKeys) : null;
            return found == null || found.isNull() ? null : found;
        }

        private JsonNode find(JsonNode node, int depth, boolean flatKeys) {
            JsonNode child = node.get(segments[depth]);
            if (depth == segments.length - 1) {
                return child;
            }
            if (child != null && child.isObject()) {
                JsonNode deeper = find(child, depth + 1, true);
                if (deeper != null && !deeper.isNull()) {
                    return deeper;
                }
            }
            return flatKeys ? node.get(rests[depth]) : null;
        }
    }

    /** Whether any key of {@code node} (not of its children) contains a dot. */
    public static boolean hasDottedKey(JsonNode node) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            if (it.next().indexOf('.') >= 0) {
                return true;
            }
        }
        return false;
    }
}
