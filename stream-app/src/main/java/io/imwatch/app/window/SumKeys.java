package io.imwatch.app.window;

import io.imwatch.classify.ClassifiedCode;

/**
 * Which sums one code counts towards in one branch of the summing step (the counts, the alert
 * signals). Asked once per distinct code and batch, not per occurrence, so the keys must depend
 * only on what identifies a code: its vendor, space, code, minor and catalogue entry.
 */
@FunctionalInterface
public interface SumKeys {

    /** Calls {@code out} with each key {@code code} counts towards and the size of that key's windows. */
    void keys(ClassifiedCode code, Sink out);

    /** Receives the keys of one code. */
    @FunctionalInterface
    interface Sink {
        void add(String key, long windowMillis);
    }
}
