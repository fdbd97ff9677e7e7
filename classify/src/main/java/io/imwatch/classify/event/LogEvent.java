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
 * @param payloadText the JSON text {@code payload} was read from when it came from an envelope's
 *     line field; {@code null} when {@code payload} is {@code json} (or there is none)
 * @param partial whether {@code json} and {@code payload} hold only the members the envelope and the
 *     rules read ({@link FieldSelection}); {@link #wholeJson()} and {@link #wholePayload()} read
 *     the rest when something needs it
 */
public record LogEvent(
        byte[] raw,
        ObjectNode json,
        ObjectNode payload,
        String line,
        String hints,
        long eventTime,
        boolean nestedTooDeep,
        String payloadText,
        boolean partial) {

    /** An event read in full. */
    public LogEvent(byte[] raw, ObjectNode json, ObjectNode payload, String line, String hints, long eventTime) {
        this(raw, json, payload, line, hints, eventTime, false);
    }

    /** An event read in full, perhaps with an envelope too many. */
    public LogEvent(
            byte[] raw,
            ObjectNode json,
            ObjectNode payload,
            String line,
            String hints,
            long eventTime,
            boolean nestedTooDeep) {
        this(raw, json, payload, line, hints, eventTime, nestedTooDeep, null, false);
    }

    /**
     * The event's whole top-level object: {@code json} itself, or, when that holds only what the
     * rules read, the object read again in full from {@code raw}; {@code null} for a text line.
     */
    public ObjectNode wholeJson() {
        return partial && json != null ? LogEventParser.readWhole(raw) : json;
    }

    /**
     * The whole innermost payload: {@code payload} itself, or, when that holds only what the rules
     * read, the payload read again in full; {@code null} for a text line.
     */
    public ObjectNode wholePayload() {
        if (!partial || payload == null) {
            return payload;
        }
        return payloadText == null ? wholeJson() : LogEventParser.readWhole(payloadText);
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
