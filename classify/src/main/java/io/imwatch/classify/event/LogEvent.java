package io.imwatch.classify.event;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event as read from the log pipeline.
 *
 * @param raw the original bytes, untouched (written back out as-is)
 * @param json the event's top-level JSON object, or {@code null} for a text line
 * @param payload the innermost JSON object, after unwrapping shipper envelopes whose line field
 *     holds JSON; {@code json} itself when there is no such envelope; {@code null} for text
 * @param line the text line that text rules read: the whole event for a text line, or the
 *     envelope's line field; {@code null} when there is none
 * @param hints lower-cased values of the envelope/payload fields that name the emitting service
 *     (service, container, app, logger, file path), newline-separated; empty when none
 * @param eventTime the event's own time in epoch ms (the line's timestamp first, then the
 *     payload's, then the envelope's), or {@link Timestamps#NONE}
 * @param nestedTooDeep whether the innermost payload read still held JSON in its line field: more
 *     envelopes than are unwrapped, so what they wrap was not read
 */
public record LogEvent(
        byte[] raw,
        ObjectNode json,
        ObjectNode payload,
        String line,
        String hints,
        long eventTime,
        boolean nestedTooDeep) {

    /** An event read in full. */
    public LogEvent(byte[] raw, ObjectNode json, ObjectNode payload, String line, String hints, long eventTime) {
        this(raw, json, payload, line, hints, eventTime, false);
    }

    /** Whether the event was a JSON object (as opposed to a text line). */
    public boolean isJson() {
        return json != null;
    }

    /** An empty value (e.g. a tombstone): nothing to read, nothing to lose. */
    public boolean isEmpty() {
        return json == null && (line == null || line.isEmpty());
    }
}
