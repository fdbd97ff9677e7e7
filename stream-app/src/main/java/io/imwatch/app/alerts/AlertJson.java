package io.imwatch.app.alerts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.classify.event.LogEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alerts as Alertmanager's v2 API shapes them: {@code labels, annotations, startsAt, endsAt,
 * generatorURL}, plus {@code status}. A firing alert's {@code endsAt} is Alertmanager's zero time.
 */
public final class AlertJson {

    /** Alertmanager's "not set" time. */
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private AlertJson() {}

    public static byte[] write(AlertEvent alert) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512);
                JsonGenerator g = LogEventParser.mapper().getFactory().createGenerator(out)) {
            writeAlert(g, alert, alert.endsAt());
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POST body for Alertmanager's {@code /api/v2/alerts}; firing alerts end at {@code firingEndsAt} unless re-sent. */
    public static byte[] postBody(Collection<AlertEvent> alerts, long firingEndsAt) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(1024);
                JsonGenerator g = LogEventParser.mapper().getFactory().createGenerator(out)) {
            g.writeStartArray();
            for (AlertEvent alert : alerts) {
                writeAlert(g, alert, alert.isFiring() ? firingEndsAt : alert.endsAt());
            }
            g.writeEndArray();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAlert(JsonGenerator g, AlertEvent alert, long endsAt) throws IOException {
        g.writeStartObject();
        g.writeStringField("status", alert.status());
        writeMap(g, "labels", alert.labels());
        writeMap(g, "annotations", alert.annotations());
        g.writeStringField("startsAt", Instant.ofEpochMilli(alert.startsAt()).toString());
        g.writeStringField(
                "endsAt", endsAt <= 0 ? ZERO_TIME : Instant.ofEpochMilli(endsAt).toString());
        g.writeStringField("generatorURL", alert.generatorUrl());
        g.writeEndObject();
    }

    private static void writeMap(JsonGenerator g, String field, Map<String, String> map) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Reads an alert written by {@link #write}. */
    public static AlertEvent read(byte[] json) {
        try {
            JsonNode node = LogEventParser.mapper().readTree(json);
            String ends = node.path("endsAt").asText(ZERO_TIME);
            return new AlertEvent(
                    node.path("status").asText(),
                    map(node.path("labels")),
                    map(node.path("annotations")),
                    Instant.parse(node.path("startsAt").asText()).toEpochMilli(),
                    ZERO_TIME.equals(ends) ? 0 : Instant.parse(ends).toEpochMilli(),
                    node.path("generatorURL").asText(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
