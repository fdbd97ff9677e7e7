package io.imwatch.catalog;

import java.util.Objects;

/**
 * The normalized, cross-vendor fields of a catalogue entry: what a dashboard groups and an alert
 * matches on, whatever the vendor called the code.
 *
 * @param codeClass the cross-vendor class of the code
 * @param severity how much one occurrence matters
 * @param side where the code is produced
 * @param outcome success, error, event or status
 * @param retryable whether sending the same request again later can succeed
 * @param sessionClose why a session was closed, or {@code null} when the code is not a close
 */
public record Classification(
        CodeClass codeClass,
        Severity severity,
        Side side,
        Outcome outcome,
        boolean retryable,
        SessionCloseReason sessionClose) {

    public Classification {
        Objects.requireNonNull(codeClass, "codeClass");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** True when the code means a session or connection was closed or a user was kicked out. */
    public boolean isSessionClose() {
        return sessionClose != null;
    }
}
