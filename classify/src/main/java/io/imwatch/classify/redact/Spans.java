package io.imwatch.classify.redact;

import java.util.Arrays;

/**
 * The ranges of one text to replace, each with its kind; overlapping ranges are resolved in
 * {@link #resolve()}: the earliest start wins, then the longest. Not thread-safe; one per use.
 */
final class Spans {

    /** Kinds after the detectors' ordinals. */
    static final int FIELD = Detector.values().length;

    static final int PATTERN = FIELD + 1;

    private static final String[] LABELS = labels();

    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int[] kinds = new int[8];
    private int size;

    void add(int start, int end, int kind) {
        if (end <= start) {
            return;
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            kinds = Arrays.copyOf(kinds, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        kinds[size] = kind;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    int kind(int i) {
        return kinds[i];
    }

    void clear() {
        size = 0;
    }

    /** Sorts by start (longest first on ties) and drops every range overlapping an earlier one. */
    void resolve() {
        // insertion sort: a value rarely has more than a handful of findings
        for (int i = 1; i < size; i++) {
            int s = starts[i];
            int e = ends[i];
            int k = kinds[i];
            int j = i - 1;
            while (j >= 0 && (starts[j] > s || (starts[j] == s && ends[j] < e))) {
                starts[j + 1] = starts[j];
                ends[j + 1] = ends[j];
                kinds[j + 1] = kinds[j];
                j--;
            }
            starts[j + 1] = s;
            ends[j + 1] = e;
            kinds[j + 1] = k;
        }
        int kept = 0;
        int reach = Integer.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            if (starts[i] >= reach) {
                starts[kept] = starts[i];
                ends[kept] = ends[i];
                kinds[kept] = kinds[i];
                reach = ends[i];
                kept++;
            }
        }
        size = kept;
    }

    /** The label of a kind in masks and hashes: {@code email}, {@code token}, {@code redacted}. */
    static String label(int kind) {
        return LABELS[kind];
    }

    private static String[] labels() {
        String[] out = new String[PATTERN + 1];
        for (Detector d : Detector.values()) {
            out[d.ordinal()] = d.id();
        }
        out[FIELD] = "redacted";
        out[PATTERN] = "redacted";
        return out;
    }
}
