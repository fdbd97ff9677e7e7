package io.imwatch.classify;

import java.util.Locale;

/**
 * Why an event took {@link Route#NO_CODE}. A fixed few, so that they can label a metric; the
 * lower-case {@link #id()} is what the {@code imwatch} object and metrics carry.
 */
public enum NoCodeReason {
    /** The event is empty (a tombstone or a blank line): nothing to read. */
    EMPTY,
    /** No rule found anything code-like: the common case, e.g. an access log line. */
    NONE_FOUND,
    /**
     * A code field (or a rule's code group) held a number that cannot be a code: codes are 32-bit
     * integers written as integers, so {@code 99999999999999999999999}, {@code 2147483648},
     * {@code 1e400} and {@code 1501.0} are all reported here instead of being guessed at.
     */
    CODE_OUT_OF_RANGE,
    /**
     * The event was nested deeper than imwatch reads: shipper envelopes whose line field still
     * held JSON after the last envelope unwrapped, or JSON values deeper than a rule scans.
     */
    TOO_DEEP;

    /** E.g. {@code code-out-of-range}: stable, label-safe. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
