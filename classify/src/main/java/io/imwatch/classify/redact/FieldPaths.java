package io.imwatch.classify.redact;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Field paths compiled for matching while a JSON object is read: at each key, the paths that
 * matched every key above it are a bit set; arrays are looked through. A key may also hold the
 * rest of a path with its dots ({@code "log.file.path"}), as in {@code JsonPaths}.
 */
final class FieldPaths {

    private static final byte[] ANY = {'*'};

    /** Per path, per depth: the key bytes ({@code *}: any key). */
    private final byte[][][] segments;

    /** Per path, per depth: the rest of the path from that depth joined by dots. */
    private final byte[][][] rests;

    /** All paths. */
    final long all;

    FieldPaths(List<String> paths) {
        segments = new byte[paths.size()][][];
        rests = new byte[paths.size()][][];
        for (int p = 0; p < paths.size(); p++) {
            String[] parts = paths.get(p).split("\\.");
            segments[p] = new byte[parts.length][];
            rests[p] = new byte[parts.length][];
            for (int d = 0; d < parts.length; d++) {
                segments[p][d] = parts[d].getBytes(StandardCharsets.UTF_8);
                rests[p][d] = String.join(".", Arrays.asList(parts).subList(d, parts.length))
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        all = paths.isEmpty() ? 0 : -1L >>> (64 - paths.size());
    }

    boolean isEmpty() {
        return all == 0;
    }

    /** The paths of {@code candidates} that go on below the key {@code s[from..to)} at {@code depth}. */
    long below(long candidates, int depth, byte[] s, int from, int to) {
        long out = 0;
        for (long bits = candidates; bits != 0; bits &= bits - 1) {
            int p = Long.numberOfTrailingZeros(bits);
            if (depth + 1 < segments[p].length && matches(segments[p][depth], s, from, to)) {
                out |= 1L << p;
            }
        }
        return out;
    }

    /** Whether a path of {@code candidates} ends at the key {@code s[from..to)} at {@code depth}. */
    boolean ends(long candidates, int depth, byte[] s, int from, int to) {
        for (long bits = candidates; bits != 0; bits &= bits - 1) {
            int p = Long.numberOfTrailingZeros(bits);
            if (depth < segments[p].length
                    && ((depth + 1 == segments[p].length && matches(segments[p][depth], s, from, to))
                            || Arrays.equals(rests[p][depth], 0, rests[p][depth].length, s, from, to))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] segment, byte[] s, int from, int to) {
        return Arrays.equals(segment, ANY) || Arrays.equals(segment, 0, segment.length, s, from, to);
    }
}
