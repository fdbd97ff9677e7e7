package io.imwatch.catalog;

/** What kind of thing a code reports; only {@link #ERROR} codes count towards error ratios. */
public enum Outcome {
    SUCCESS,
    ERROR,
    /** A non-error event, e.g. Easemob 300–317 message events. */
    EVENT,
    /** A state report, e.g. Easemob 400–406 connection statuses. */
    STATUS
}
