package io.imwatch.classify.event;

import java.util.List;
import java.util.Objects;

/**
 * Which fields of a JSON event are shipper-envelope fields (rule files declare them; user rule
 * files can add their own).
 *
 * @param lineFields dotted paths of fields that carry the original log line or the vendor's JSON
 *     serialized as a string, in order of preference (Filebeat/Vector {@code message}, Fluent Bit
 *     {@code log}, ECS {@code event.original}, OpenTelemetry {@code body})
 * @param hintFields dotted paths whose values name the emitting service, e.g. {@code service.name}
 * @param timeFields dotted paths of the event time, in order of preference
 */
public record EnvelopeFormat(List<String> lineFields, List<String> hintFields, List<String> timeFields) {

    public EnvelopeFormat {
        lineFields = List.copyOf(Objects.requireNonNull(lineFields, "lineFields"));
        hintFields = List.copyOf(Objects.requireNonNull(hintFields, "hintFields"));
        timeFields = List.copyOf(Objects.requireNonNull(timeFields, "timeFields"));
    }

    /** The union of this format and {@code other}, this one's fields first. */
    public EnvelopeFormat merge(EnvelopeFormat other) {
        return new EnvelopeFormat(
                union(lineFields, other.lineFields),
                union(hintFields, other.hintFields),
                union(timeFields, other.timeFields));
    }

    private static List<String> union(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
    }
}
