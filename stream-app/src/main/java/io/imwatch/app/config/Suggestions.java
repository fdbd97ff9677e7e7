package io.imwatch.app.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean": the known name closest to a misspelt one. */
final class Suggestions {

    /** Edits a name may be away from a known one to be taken for a misspelling of it. */
    private static final int MAX_EDITS = 2;

    private Suggestions() {}

    static Optional<String> closest(String name, Collection<String> known) {
        return known.stream()
                .filter(k -> isNear(name, k))
                .min(Comparator.comparingInt((String k) -> distance(name, k)).thenComparing(Comparator.naturalOrder()));
    }

    static boolean isNear(String name, String known) {
        return Math.abs(name.length() - known.length()) <= MAX_EDITS && distance(name, known) <= MAX_EDITS;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
