package io.imwatch.app.alerts.detection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.classify.event.LogEventParser;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde of {@link SeriesState}: readable in the changelog, and tolerant of added fields. */
final class SeriesStateSerde implements Serde<SeriesState> {

    private static final ObjectMapper JSON = LogEventParser.mapper();

    @Override
    public Serializer<SeriesState> serializer() {
        return (topic, s) -> {
            if (s == null) {
                return null;
            }
            ObjectNode node = JSON.createObjectNode();
            DetectorState d = s.detector();
            node.put("mean", d.mean())
                    .put("variance", d.variance())
                    .put("windows", d.windows())
                    .put("firing", d.firing())
                    .put("calm", d.calmWindows())
                    .put("since", d.firingSince())
                    .put("peak", d.peak())
                    .put("firstSeen", s.firstSeen())
                    .put("lastClosed", s.lastClosed());
            node.set("labels", JSON.valueToTree(s.labels()));
            try {
                return JSON.writeValueAsBytes(node);
            } catch (JsonProcessingException e) {
                throw new SerializationException(e);
            }
        };
    }

    @Override
    public Deserializer<SeriesState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                JsonNode n = JSON.readTree(bytes);
                DetectorState d = new DetectorState(
                        n.path("mean").asDouble(),
                        n.path("variance").asDouble(),
                        n.path("windows").asLong(),
                        n.path("firing").asBoolean(),
                        n.path("calm").asInt(),
                        n.path("since").asLong(),
                        n.path("peak").asLong());
                Map<String, String> labels =
                        JSON.convertValue(n.path("labels"), new TypeReference<Map<String, String>>() {});
                return new SeriesState(
                        d, n.path("firstSeen").asLong(), n.path("lastClosed").asLong(Long.MIN_VALUE), labels);
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }
}
