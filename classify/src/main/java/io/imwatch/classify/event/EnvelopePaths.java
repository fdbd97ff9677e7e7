package io.imwatch.classify.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Envelope paths ({@link JsonPaths.MixedPath}) tried in order on one object. An object without
 * dotted keys holds a path only under the path's first segment, so where it has fewer keys than
 * there are paths, its own keys say which paths to try: a lookup per key instead of one per path
 * (the generic envelope has 30 hint paths; a selected event object, a handful of keys). Immutable.
 */
final class EnvelopePaths {

    private final JsonPaths.MixedPath[] paths;
    /** Bit {@code i} set: path {@code i} starts with the key. Only for the first 64 paths. */
    private final Map<String, Long> byFirstSegment = new HashMap<>();

    EnvelopePaths(List<String> dotted) {
        this.paths = dotted.stream().map(JsonPaths.MixedPath::of).toArray(JsonPaths.MixedPath[]::new);
        for (int i = 0; i < paths.length && i < Long.SIZE; i++) {
            byFirstSegment.merge(JsonPaths.compile(paths[i].dotted())[0], 1L << i, (a, b) -> a | b);
        }
    }

    int size() {
        return paths.length;
    }

    JsonPaths.MixedPath path(int i) {
        return paths[i];
    }

    /**
     * Which paths may be found on {@code node}: path {@code i} may if {@link #mayHold} says so for
     * the returned mask.
     *
     * @param dotted whether {@code node} has a dotted key ({@link JsonPaths#hasDottedKey}): a flat
     *     key may then hold a path under no first segment, and every path is tried
     */
    long candidates(ObjectNode node, boolean dotted) {
        if (dotted || node.size() >= paths.length) {
            return -1L;
        }
        long mask = 0;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            Long paths = byFirstSegment.get(names.next());
            if (paths != null) {
                mask |= paths;
            }
        }
        return mask;
    }

    /** Whether path {@code i} may be found, by a mask from {@link #candidates}. */
    static boolean mayHold(long candidates, int i) {
        return i >= Long.SIZE || (candidates >>> i & 1) != 0;
    }
}
