package io.imwatch.catalog;

/** How much an operator should care about one occurrence of a code. */
public enum Severity {
    /** Expected traffic: successes, events, statuses, ordinary user mistakes. */
    INFO,
    /** A rejected request or degraded behaviour worth watching in aggregate. */
    WARN,
    /** A failure a user notices. */
    ERROR,
    /** The service itself is failing (internal errors, unavailable, shutdown). */
    CRITICAL
}
