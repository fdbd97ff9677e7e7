package io.imwatch.classify.event;

import java.util.Locale;

/** Why an event could not be read. The lower-case {@link #id()} is what dead letters and metrics carry. */
public enum MalformedReason {
    /** The bytes are not valid UTF-8. */
    INVALID_UTF8,
    /** The event starts like a JSON object but is not valid JSON. */
    MALFORMED_JSON,
    /** The event is larger than the configured limit. */
    TOO_LARGE,
    /**
     * The rules examined the event for longer than the per-record budget (a backstop: matching is
     * linear in the event's length), so it was not classified.
     */
    OVER_BUDGET,
    /**
     * An OTLP log batch (or one log record in it) that cannot be read: truncated or malformed
     * protobuf, or OTLP/JSON without the OTLP shape.
     */
    MALFORMED_OTLP,
    /** Reading or classifying the event failed unexpectedly. */
    PROCESSING_ERROR;

    /** E.g. {@code invalid-utf8}: stable, label-safe. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
