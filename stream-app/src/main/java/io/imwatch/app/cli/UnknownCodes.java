package io.imwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.classify.event.LogEventParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Unknown, ambiguous and version-mismatched codes gathered from enriched-format records (the unknown
 * topic's values, or {@code imwatch classify} output), grouped by vendor, space, code and minor.
 */
final class UnknownCodes {

    /** How many example messages each code keeps, and how long each may be. */
    static final int EXAMPLES = 3;

    static final int EXAMPLE_CHARS = 160;

    /** One code as seen: how often, when, reported as what, with examples. */
    static final class Seen {
        final String vendor;
        final String space;
        final Integer code;
        final Integer minor;
        final Set<String> statuses = new LinkedHashSet<>();
        final Set<String> reportedNames = new LinkedHashSet<>();
        final Set<String> candidates = new LinkedHashSet<>();
        final Set<String> examples = new LinkedHashSet<>();
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        Seen(String vendor, String space, Integer code, Integer minor) {
            this.vendor = vendor;
            this.space = space;
            this.code = code;
            this.minor = minor;
        }

        /** Whether a catalogue entry can be drafted for it: a new code of a known vendor and space. */
        boolean draftable() {
            return vendor != null && space != null && code != null && statuses.equals(Set.of("UNKNOWN"));
        }

        boolean hasTime() {
            return first != Long.MAX_VALUE;
        }
    }

    private final Map<String, Seen> byKey = new TreeMap<>();
    private long records;
    private long unreadable;

    /**
     * Adds one record.
     *
     * @param time the record's time in epoch ms, or {@code -1} to take the event's {@code imwatch.eventTime}
     */
    void add(byte[] value, long time) {
        records++;
        JsonNode root;
        try {
            root = value == null ? null : LogEventParser.mapper().readTree(value);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject() || !root.path("imwatch").isObject()) {
            unreadable++;
            return;
        }
        JsonNode imwatch = root.path("imwatch");
        if (time < 0 && imwatch.hasNonNull("eventTime")) {
            time = java.time.Instant.parse(imwatch.get("eventTime").asText()).toEpochMilli();
        }
        String example = example((ObjectNode) root);
        for (JsonNode code : imwatch.path("codes")) {
            if (code.path("known").asBoolean(false)) {
                continue;
            }
            String vendor = text(code, "vendor");
            String space = text(code, "space");
            Integer number = code.path("code").isInt() ? code.get("code").asInt() : null;
            Integer minor = code.path("minor").isInt() ? code.get("minor").asInt() : null;
            String key = vendor + "\0" + space + "\0" + (number == null ? "name:" + text(code, "name") : number) + "\0"
                    + minor;
            Seen seen = byKey.computeIfAbsent(key, k -> new Seen(vendor, space, number, minor));
            seen.count++;
            seen.statuses.add(code.path("status").asText("UNKNOWN"));
            if (text(code, "name") != null) {
                seen.reportedNames.add(text(code, "name"));
            }
            for (JsonNode candidate : code.path("candidates")) {
                seen.candidates.add(
                        text(candidate, "vendor") + "/" + text(candidate, "space") + " " + text(candidate, "name"));
            }
            if (seen.examples.size() < EXAMPLES) {
                seen.examples.add(example);
            }
            if (time >= 0) {
                seen.first = Math.min(seen.first, time);
                seen.last = Math.max(seen.last, time);
            }
        }
    }

    /** The original event, one line: a text line's message, else the JSON without the imwatch object. */
    private static String example(ObjectNode root) {
        ObjectNode copy = root.deepCopy();
        copy.remove("imwatch");
        String text = copy.size() == 1 && copy.path("message").isTextual()
                ? copy.get("message").asText()
                : copy.toString();
        text = text.replaceAll("[\\r\\n]+", " ");
        return text.length() <= EXAMPLE_CHARS ? text : text.substring(0, EXAMPLE_CHARS) + "…";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Every code seen, most frequent first. */
    List<Seen> all() {
        List<Seen> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparingLong((Seen s) -> -s.count));
        return out;
    }

    /** The draftable codes by vendor, then space, in code order. */
    Map<String, Map<String, List<Seen>>> draftable() {
        Map<String, Map<String, List<Seen>>> out = new TreeMap<>();
        byKey.values().stream()
                .filter(Seen::draftable)
                .sorted(Comparator.comparing((Seen s) -> s.code).thenComparing(s -> s.minor == null ? -1 : s.minor))
                .forEach(s -> out.computeIfAbsent(s.vendor, v -> new TreeMap<>())
                        .computeIfAbsent(s.space, sp -> new ArrayList<>())
                        .add(s));
        return out;
    }

    /** The codes no entry can be drafted for (no vendor or space decided, ambiguous, version mismatch). */
    Collection<Seen> notDraftable() {
        return all().stream().filter(s -> !s.draftable()).toList();
    }

    long records() {
        return records;
    }

    long unreadable() {
        return unreadable;
    }
}
