package io.imwatch.app.topology;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.classify.event.LogEventParser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production topology redacts enriched, unknown and no-code records; dead letters keep their bytes. */
class RedactionTopologyTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.SflKxwRJSMeKKF2QT4fwpM";

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;

    private TopologyFixture fixture(Map<String, String> overrides) {
        fixture = new TopologyFixture(overrides, stateDir);
        return fixture;
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static JsonNode json(TestRecord<byte[], byte[]> record) throws Exception {
        return LogEventParser.mapper().readTree(record.value());
    }

    private static TestRecord<byte[], byte[]> record(String value, Instant time) {
        return new TestRecord<>("k".getBytes(UTF_8), value.getBytes(UTF_8), time);
    }

    @Test
    void shouldRedactEveryWrittenRouteButNotTheDeadLetters() throws Exception {
        TopologyFixture f = fixture(Map.of(
                "redact.detectors", "all",
                "redact.fields", "userID",
                "nocode.forward", "true",
                "processing.guarantee", "at_least_once"));
        Instant t = TopologyFixture.START.plusSeconds(1);
        String malformed = "{\"errCode\":1501,\"mail\":\"alice@example.com\",";

        f.logs.pipeInput(record(
                "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\",\"userID\":1893023,\"mail\":\"alice@example.com\"}",
                t));
        f.logs.pipeInput(record("{\"errCode\":987654,\"token\":\"" + JWT + "\",\"ip\":\"10.1.2.3\"}", t));
        f.logs.pipeInput(record("user bob@example.com logged in from 2001:db8::1", t));
        f.logs.pipeInput(record(malformed, t));
        f.commit();

        JsonNode enriched = json(f.enriched.readRecord());
        assertThat(enriched.get("mail").asText()).isEqualTo("[email]");
        assertThat(enriched.get("userID").asText()).isEqualTo("[redacted]");
        assertThat(enriched.get("errCode").asInt()).isEqualTo(1501);
        assertThat(enriched.at("/imwatch/codes/0/code").asInt()).isEqualTo(1501);
        assertThat(enriched.at("/imwatch/codes/0/name").asText()).isEqualTo("TokenExpiredError");

        JsonNode unknown = json(f.unknown.readRecord());
        assertThat(unknown.get("token").asText()).isEqualTo("[token]");
        assertThat(unknown.get("ip").asText()).isEqualTo("[ipv4]");
        assertThat(unknown.at("/imwatch/codes/0/code").asInt()).isEqualTo(987654);

        JsonNode noCode = json(f.noCode.readRecord());
        assertThat(noCode.get("message").asText()).isEqualTo("user [email] logged in from [ipv6]");
        assertThat(noCode.at("/imwatch/route").asText()).isEqualTo("no-code");

        assertThat(new String(f.deadLetter.readRecord().value(), UTF_8)).isEqualTo(malformed);
    }

    @Test
    void shouldMaskCredentialsOnlyByDefault() throws Exception {
        TopologyFixture f = fixture(Map.of());
        Instant t = TopologyFixture.START.plusSeconds(1);

        f.logs.pipeInput(record(
                "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\",\"token\":\"" + JWT
                        + "\",\"mail\":\"alice@example.com\"}",
                t));

        JsonNode enriched = json(f.enriched.readRecord());
        assertThat(enriched.get("token").asText()).isEqualTo("[token]");
        assertThat(enriched.get("mail").asText()).isEqualTo("alice@example.com");
        assertThat(enriched.get("errMsg").asText()).isEqualTo("TokenExpiredError");
    }

    @Test
    void shouldWriteOriginalBytesWhenRedactionIsOff() {
        TopologyFixture f = fixture(Map.of("redact.detectors", "none"));
        String event = "{\"errCode\":1501,\"token\":\"" + JWT + "\"}";

        f.logs.pipeInput(record(event, TopologyFixture.START.plusSeconds(1)));

        assertThat(new String(f.enriched.readRecord().value(), UTF_8))
                .startsWith(event.substring(0, event.length() - 1));
    }
}
