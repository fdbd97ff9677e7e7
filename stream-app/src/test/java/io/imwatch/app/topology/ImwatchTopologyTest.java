package io.imwatch.app.topology;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.app.alerts.rules.AlertRules;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ConfigValidator;
import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.NoCodeReason;
import io.imwatch.classify.event.LogEventParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImwatchTopologyTest {

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

    private static TestRecord<byte[], byte[]> record(String key, String value, Instant time, Headers headers) {
        return new TestRecord<>(key == null ? null : key.getBytes(UTF_8), value.getBytes(UTF_8), headers, time);
    }

    private static Headers trace(String id) {
        return new RecordHeaders().add("trace-id", id.getBytes(UTF_8));
    }

    private static JsonNode json(byte[] value) throws Exception {
        return LogEventParser.mapper().readTree(value);
    }

    private static String header(TestRecord<?, ?> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    @Test
    void shouldWriteTheEnrichFieldsChoiceLeanByDefault() throws Exception {
        String event = "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}";
        TopologyFixture lean = fixture(Map.of());
        lean.logs.pipeInput(record("k", event, TopologyFixture.START, trace("t")));
        JsonNode leanCode =
                json(lean.enriched.readValue()).path("imwatch").path("codes").get(0);
        lean.close();
        TopologyFixture full = fixture(Map.of("enrich.fields", "full"));
        full.logs.pipeInput(record("k", event, TopologyFixture.START, trace("t")));
        JsonNode fullCode =
                json(full.enriched.readValue()).path("imwatch").path("codes").get(0);

        assertThat(leanCode.path("class").asText()).isEqualTo("AUTH");
        assertThat(leanCode.has("message") || leanCode.has("category")).isFalse();
        assertThat(fullCode.path("message").asText()).isEqualTo("Token has expired");
        assertThat(fullCode.path("category").asText()).isEqualTo("Server Error Codes");
    }

    @Test
    void shouldRouteKnownCodesToEnrichedKeepingKeyHeadersAndTimestamp() throws Exception {
        TopologyFixture f = fixture(Map.of());
        Instant t = TopologyFixture.START.plusSeconds(3);
        f.logs.pipeInput(record("user-1", "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}", t, trace("abc")));

        TestRecord<byte[], byte[]> out = f.enriched.readRecord();
        assertThat(new String(out.key(), UTF_8)).isEqualTo("user-1");
        assertThat(header(out, "trace-id")).isEqualTo("abc");
        assertThat(out.getRecordTime()).isEqualTo(t);
        JsonNode code = json(out.value()).path("imwatch").path("codes").get(0);
        assertThat(code.path("name").asText()).isEqualTo("TokenExpiredError");
        assertThat(code.path("sessionClose").asText()).isEqualTo("AUTH_EXPIRED");
        assertThat(f.unknown.isEmpty()).isTrue();
        assertThat(f.deadLetter.isEmpty()).isTrue();
    }

    @Test
    void shouldRouteUnknownAndAmbiguousCodesToUnknownWithCandidates() throws Exception {
        TopologyFixture f = fixture(Map.of());
        Instant t = TopologyFixture.START.plusSeconds(4);
        f.logs.pipeInput(record(null, "{\"errCode\":90002,\"errMsg\":\"DatabaseError\"}", t, trace("u1")));
        f.logs.pipeInput(record("k", "request done code=1001", t, trace("u2")));

        TestRecord<byte[], byte[]> unknown = f.unknown.readRecord();
        assertThat(unknown.key()).isNull();
        assertThat(header(unknown, "trace-id")).isEqualTo("u1");
        assertThat(json(unknown.value())
                        .path("imwatch")
                        .path("codes")
                        .get(0)
                        .path("status")
                        .asText())
                .isEqualTo("UNKNOWN");
        TestRecord<byte[], byte[]> ambiguous = f.unknown.readRecord();
        assertThat(ambiguous.getRecordTime()).isEqualTo(t);
        JsonNode code = json(ambiguous.value()).path("imwatch").path("codes").get(0);
        assertThat(code.path("status").asText()).isEqualTo("AMBIGUOUS");
        assertThat(code.path("candidates")).hasSize(2);
        assertThat(json(ambiguous.value()).path("message").asText()).isEqualTo("request done code=1001");
        assertThat(f.enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldUseTheTopicsDefaultVendor() throws Exception {
        TopologyFixture f = fixture(Map.of());
        f.turmsLogs.pipeInput(record("k", "request done code=1001", TopologyFixture.START, trace("t")));

        JsonNode code =
                json(f.enriched.readValue()).path("imwatch").path("codes").get(0);
        assertThat(code.path("vendor").asText()).isEqualTo("turms");
        assertThat(code.path("name").asText()).isEqualTo("NO_CONTENT");
    }

    @Test
    void shouldCountAndDropEventsWithoutCodesByDefault() {
        TopologyFixture f = fixture(Map.of());
        f.logs.pipeInput(record("k", "GET /health 200 3ms", TopologyFixture.START, trace("n")));

        assertThat(f.enriched.isEmpty() && f.unknown.isEmpty() && f.noCode.isEmpty() && f.deadLetter.isEmpty())
                .isTrue();
        assertThat(f.registry
                        .get(ImwatchMetrics.EVENTS)
                        .tag("route", "no-code")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldForwardEventsWithoutCodesWhenSwitchedOn() {
        TopologyFixture f = fixture(Map.of("nocode.forward", "true"));
        Instant t = TopologyFixture.START.plusSeconds(1);
        f.logs.pipeInput(record("k", "GET /health 200 3ms", t, trace("n")));

        TestRecord<byte[], byte[]> out = f.noCode.readRecord();
        assertThat(header(out, "trace-id")).isEqualTo("n");
        assertThat(out.getRecordTime()).isEqualTo(t);
        assertThat(new String(out.key(), UTF_8)).isEqualTo("k");
    }

    @Test
    void shouldWriteEachRouteFromTheClassifyStepToTheSinksOfBefore() {
        for (boolean forwardNoCode : new boolean[] {false, true}) {
            Map<String, String> config = Map.of(
                    ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG,
                    "x:1",
                    ImwatchConfig.NOCODE_FORWARD_CONFIG,
                    Boolean.toString(forwardNoCode));
            ConfigSources sources = new ConfigSources().add("test", config);
            StreamSettings settings = ConfigValidator.validate(
                    sources.build(), sources, Classifier.builtin().catalog());
            TopologyDescription description = ImwatchTopology.build(
                            settings,
                            ImwatchTopology.Outputs.of(settings),
                            Classifier.builtin(),
                            AlertRules.defaults(settings.countsWindow()),
                            new ImwatchMetrics(new SimpleMeterRegistry()))
                    .describe();
            Map<String, TopologyDescription.Node> nodes = new HashMap<>();
            description.subtopologies().forEach(s -> s.nodes().forEach(n -> nodes.put(n.name(), n)));

            Map<String, String> sinks = new HashMap<>(Map.of(
                    "to-enriched",
                    settings.topics().enriched(),
                    "to-unknown",
                    settings.topics().unknown()));
            if (forwardNoCode) {
                sinks.put("to-no-code", settings.topics().noCode());
            }
            Set<String> classifyChildren = new HashSet<>(sinks.keySet());
            classifyChildren.add("sum-codes");
            assertThat(names(nodes.get("classify").successors())).isEqualTo(classifyChildren);
            sinks.forEach((name, topic) -> {
                TopologyDescription.Sink sink = (TopologyDescription.Sink) nodes.get(name);
                assertThat(sink.topic()).isEqualTo(topic);
                assertThat(names(sink.predecessors())).containsExactly("classify");
            });
            assertThat(nodes).doesNotContainKeys("route-", "write-enriched", "write-unknown");
            if (!forwardNoCode) {
                assertThat(nodes).doesNotContainKey("to-no-code");
            }
        }
    }

    private static Set<String> names(Set<TopologyDescription.Node> nodes) {
        return nodes.stream().map(TopologyDescription.Node::name).collect(Collectors.toSet());
    }

    @Test
    void shouldCountAndForwardWhyEventsHaveNoCode() throws Exception {
        TopologyFixture f = fixture(Map.of("nocode.forward", "true"));
        for (NoCodeReason reason : NoCodeReason.values()) {
            assertThat(noCodeCount(f, reason))
                    .as("registered at zero: %s", reason)
                    .isZero();
        }
        String code = "{\"errCode\":1501}";
        String fourEnvelopes = code;
        for (int i = 0; i < 4; i++) {
            fourEnvelopes = LogEventParser.mapper().writeValueAsString(Map.of("log", fourEnvelopes));
        }
        Instant t = TopologyFixture.START.plusSeconds(2);
        f.logs.pipeInput(record("a", "GET /health 200 3ms", t, trace("none")));
        f.logs.pipeInput(record("b", "{\"errCode\":99999999999999999999999,\"errMsg\":\"x\"}", t, trace("big")));
        f.logs.pipeInput(record("c", "{\"code\":1e400}", t, trace("exp")));
        f.turmsLogs.pipeInput(record(
                "d",
                "2026-11-20 10:15:03.020  INFO S svc-02 turms-service-5 i.t.s.i.l.ClientApiLogging : 1893023|IOS"
                        + "|10.1.4.9|7713|UPDATE_GROUP_REQUEST|96|2026-11-20 10:15:03.011|2147483648|null|9",
                t,
                trace("turms")));
        f.logs.pipeInput(record("e", fourEnvelopes, t, trace("deep")));
        f.logs.pipeInput(record("f", code, t, trace("known")));

        Map<String, String> reasons = new java.util.LinkedHashMap<>();
        for (TestRecord<byte[], byte[]> out : f.noCode.readRecordsToList()) {
            JsonNode imwatch = json(out.value()).path("imwatch");
            assertThat(imwatch.path("route").asText()).isEqualTo("no-code");
            reasons.put(header(out, "trace-id"), imwatch.path("reason").asText());
        }
        assertThat(reasons)
                .containsExactly(
                        Map.entry("none", "none-found"),
                        Map.entry("big", "code-out-of-range"),
                        Map.entry("exp", "code-out-of-range"),
                        Map.entry("turms", "code-out-of-range"),
                        Map.entry("deep", "too-deep"));
        assertThat(json(f.enriched.readValue()).path("imwatch").has("reason")).isFalse();
        assertThat(noCodeCount(f, NoCodeReason.NONE_FOUND)).isEqualTo(1.0);
        assertThat(noCodeCount(f, NoCodeReason.CODE_OUT_OF_RANGE)).isEqualTo(3.0);
        assertThat(noCodeCount(f, NoCodeReason.TOO_DEEP)).isEqualTo(1.0);
        assertThat(noCodeCount(f, NoCodeReason.EMPTY)).isZero();
        assertThat(f.registry
                        .get(ImwatchMetrics.EVENTS)
                        .tag("route", "no-code")
                        .counter()
                        .count())
                .isEqualTo(5.0);
    }

    private static double noCodeCount(TopologyFixture f, NoCodeReason reason) {
        return f.registry
                .get(ImwatchMetrics.NO_CODE)
                .tag("reason", reason.id())
                .counter()
                .count();
    }

    /*
     * The dead-letter tests run at_least_once: TopologyTestDriver never surfaces a transactional
     * send made while a record is being deserialized. Under exactly_once_v2 on a real broker,
     * ExactlyOnceIT shows every dead letter delivered once.
     */
    private static final Map<String, String> AT_LEAST_ONCE = Map.of("processing.guarantee", "at_least_once");

    @Test
    void shouldDeadLetterMalformedJsonWithOriginalBytesAndReasonHeaders() {
        TopologyFixture f = fixture(AT_LEAST_ONCE);
        Instant t = TopologyFixture.START.plusSeconds(7);
        f.logs.pipeInput(record("bad-key", "{\"errCode\":1501,", t, trace("d1")));
        f.commit();

        TestRecord<byte[], byte[]> dead = f.deadLetter.readRecord();
        assertThat(new String(dead.value(), UTF_8)).isEqualTo("{\"errCode\":1501,");
        assertThat(new String(dead.key(), UTF_8)).isEqualTo("bad-key");
        assertThat(dead.getRecordTime()).isEqualTo(t);
        assertThat(header(dead, "trace-id")).isEqualTo("d1");
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo("malformed-json");
        assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo("im.logs");
        assertThat(header(dead, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dead, DeadLetters.SOURCE_TIMESTAMP)).isEqualTo(Long.toString(t.toEpochMilli()));
        assertThat(header(dead, DeadLetters.EXCEPTION_CLASS))
                .isEqualTo("io.imwatch.classify.event.MalformedEventException");
        assertThat(f.registry
                        .get(ImwatchMetrics.DEAD_LETTERS)
                        .tag("reason", "malformed-json")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(f.enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseAClassifierWhoseParserDisagreesWithMaxEventBytes() {
        TopologyFixture f = fixture(Map.of("max.event.bytes", "128"));
        Classifier builtin = Classifier.builtin(); // reads events up to 1 MiB

        assertThatThrownBy(() -> ImwatchTopology.build(
                        f.settings,
                        ImwatchTopology.Outputs.of(f.settings),
                        builtin,
                        AlertRules.defaults(f.settings.countsWindow()),
                        f.metrics))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max.event.bytes is 128");
    }

    @Test
    void shouldDeadLetterInvalidUtf8AndOversizedEventsByteForByte() {
        TopologyFixture f = fixture(Map.of("max.event.bytes", "128", "processing.guarantee", "at_least_once"));
        byte[] badUtf8 = {'c', 'o', 'd', 'e', '=', '1', (byte) 0xC3, '('};
        byte[] large = new byte[200];
        java.util.Arrays.fill(large, (byte) 'x');
        f.logs.pipeInput(new TestRecord<>(null, badUtf8, new RecordHeaders(), TopologyFixture.START));
        f.logs.pipeInput(new TestRecord<>(null, large, new RecordHeaders(), TopologyFixture.START));
        f.commit();

        TestRecord<byte[], byte[]> first = f.deadLetter.readRecord();
        TestRecord<byte[], byte[]> second = f.deadLetter.readRecord();
        assertThat(first.value()).isEqualTo(badUtf8);
        assertThat(header(first, DeadLetters.REASON)).isEqualTo("invalid-utf8");
        assertThat(second.value()).isEqualTo(large);
        assertThat(header(second, DeadLetters.REASON)).isEqualTo("too-large");
        assertThat(header(second, DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
    }

    @Test
    void shouldCountCodesFromATopicWithoutVendorUnderDashEveryTime() throws Exception {
        TopologyFixture f = fixture(Map.of());
        Instant t = TopologyFixture.START;
        // im.logs has no vendor: the second record takes the cached "no vendor" path
        f.logs.pipeInput(record("a", "request done code=1001", t.plusSeconds(5), trace("1")));
        f.logs.pipeInput(record("a", "request done code=1001", t.plusSeconds(6), trace("2")));
        f.logs.pipeInput(record("b", "{\"errCode\":0}", t.plusSeconds(75), trace("3")));
        f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(75));
        f.flushSums();

        var counts = f.counts.readKeyValuesToList();
        assertThat(counts).extracting(kv -> kv.key).containsExactly("code|-|-|UNKNOWN|1001");
        assertThat(json(counts.get(0).value).path("count").asLong()).isEqualTo(2);
    }

    @Test
    void shouldDeadLetterARecordOverTheClassifyBudgetOnceAndGoOn() throws Exception {
        TopologyFixture f = fixture(Map.of("classify.budget", "1ms", "processing.guarantee", "at_least_once"));
        // linear-time, but a megabyte of it through the rules takes far longer than 1 ms
        byte[] hostile = ("majorCode=1" + " ".repeat(1_000_000) + "x").getBytes(UTF_8);
        Instant t = TopologyFixture.START.plusSeconds(2);
        f.logs.pipeInput(new TestRecord<>("slow".getBytes(UTF_8), hostile, trace("s"), t));
        f.logs.pipeInput(record("next", "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}", t, trace("n")));
        f.commit();

        TestRecord<byte[], byte[]> dead = f.deadLetter.readRecord();
        assertThat(dead.value()).isEqualTo(hostile);
        assertThat(new String(dead.key(), UTF_8)).isEqualTo("slow");
        assertThat(header(dead, "trace-id")).isEqualTo("s");
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo("over-budget");
        assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dead, DeadLetters.EXCEPTION_MESSAGE)).contains("budget of 1 ms");
        assertThat(f.deadLetter.isEmpty()).as("dead-lettered once, not retried").isTrue();
        assertThat(f.registry
                        .get(ImwatchMetrics.DEAD_LETTERS)
                        .tag("reason", "over-budget")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        TestRecord<byte[], byte[]> next = f.enriched.readRecord();
        assertThat(new String(next.key(), UTF_8)).isEqualTo("next");
        assertThat(f.enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldEmitFinalWindowCountsOnceWhenTheWindowCloses() throws Exception {
        TopologyFixture f = fixture(Map.of());
        Instant t = TopologyFixture.START;
        String close =
                "{\"sdk\":\"turms-client-kotlin\",\"event\":\"session_closed\",\"closeStatus\":110,\"ts\":\"%s\"}";
        f.logs.pipeInput(record("a", close.formatted(t.plusSeconds(5)), t.plusSeconds(5), trace("1")));
        f.logs.pipeInput(record("a", close.formatted(t.plusSeconds(20)), t.plusSeconds(20), trace("2")));
        f.logs.pipeInput(record("a", close.formatted(t.plusSeconds(50)), t.plusSeconds(50), trace("3")));
        f.flushSums();
        assertThat(f.counts.isEmpty()).as("no count before the window closes").isTrue();

        // time passes window end + grace (1m + 10s): the window is final. It must pass on the
        // records (stream time: only coded events reach the counts) and on the wall clock alike.
        f.logs.pipeInput(record("b", "{\"errCode\":0}", t.plusSeconds(75), trace("4")));
        f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(75));
        f.flushSums();

        Map<String, JsonNode> counts = new java.util.HashMap<>();
        for (var kv : f.counts.readKeyValuesToList()) {
            assertThat(counts.put(kv.key, json(kv.value)))
                    .as("one final count per key and window")
                    .isNull();
        }
        assertThat(counts).containsOnlyKeys("code|turms|session-close|SESSION|110", "close|turms|HEARTBEAT_TIMEOUT");
        JsonNode close110 = counts.get("close|turms|HEARTBEAT_TIMEOUT");
        assertThat(close110.path("count").asLong()).isEqualTo(3);
        assertThat(close110.path("windowStart").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(close110.path("windowEnd").asText()).isEqualTo("2026-11-20T10:01:00Z");
        assertThat(counts.get("code|turms|session-close|SESSION|110")
                        .path("code")
                        .asText())
                .isEqualTo("110");
    }

    @Test
    void shouldCountInTheLogsOwnTimeNotTheRecordTime() throws Exception {
        TopologyFixture f = fixture(Map.of());
        Instant t = TopologyFixture.START;
        // logged at 10:00:30 but shipped to Kafka at 10:01:05 (inside grace)
        f.logs.pipeInput(
                record("a", "{\"errCode\":1501,\"time\":\"2026-11-20T10:00:30Z\"}", t.plusSeconds(65), trace("1")));
        f.flushSums();
        f.logs.pipeInput(record("b", "{\"errCode\":0}", t.plusSeconds(140), trace("2")));
        f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(140));
        f.flushSums();

        var records = f.counts.readKeyValuesToList();
        assertThat(records).hasSize(2); // the 1501 code and its AUTH_EXPIRED close, both in the 10:00 window
        for (var kv : records) {
            assertThat(json(kv.value).path("windowStart").asText()).isEqualTo("2026-11-20T10:00:00Z");
        }
    }

    @Test
    void shouldEmitTheLastWindowOfAQuietInputOnTheWallClock() throws Exception {
        TopologyFixture f = fixture(Map.of());
        Instant t = TopologyFixture.START;
        f.logs.pipeInput(record(
                "a",
                "{\"sdk\":\"turms-client-kotlin\",\"event\":\"session_closed\",\"closeStatus\":110,\"ts\":\"%s\"}"
                        .formatted(t.plusSeconds(5)),
                t.plusSeconds(5),
                trace("1")));
        f.flushSums();
        assertThat(f.counts.isEmpty()).isTrue();

        // no record follows, so stream time stays at 10:00:05; the wall clock passes 10:01:10
        f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(75));

        var records = f.counts.readKeyValuesToList();
        assertThat(records)
                .extracting(kv -> kv.key)
                .containsExactlyInAnyOrder("code|turms|session-close|SESSION|110", "close|turms|HEARTBEAT_TIMEOUT");
        for (var kv : records) {
            assertThat(json(kv.value).path("count").asLong()).isEqualTo(1);
        }
        // a record for the emitted window arrives too late to change it
        f.logs.pipeInput(record(
                "a", "{\"errCode\":1501,\"time\":\"%s\"}".formatted(t.plusSeconds(6)), t.plusSeconds(80), trace("2")));
        f.flushSums();
        f.driver.advanceWallClockTime(java.time.Duration.ofMinutes(5));
        assertThat(f.counts.isEmpty()).as("emitted once, late records dropped").isTrue();
        assertThat(f.registry
                        .get(ImwatchMetrics.LATE_COUNTS)
                        .tag("kind", "code")
                        .counter()
                        .count())
                .as("the late token-expired code")
                .isEqualTo(1.0);
        assertThat(f.registry
                        .get(ImwatchMetrics.LATE_COUNTS)
                        .tag("kind", "close")
                        .counter()
                        .count())
                .as("and its session close")
                .isEqualTo(1.0);
    }

    @Test
    void shouldCountABacklogReadAfterAStartInsteadOfClosingItsWindowsOnTheWallClock() throws Exception {
        TopologyFixture f = fixture(Map.of());
        Instant backlog = TopologyFixture.START.minus(java.time.Duration.ofMinutes(10));
        f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(2)); // a punctuation before anything is read

        f.logs.pipeInput(record("a", "{\"errCode\":1501,\"time\":\"%s\"}".formatted(backlog), backlog, trace("1")));
        Instant later = backlog.plusSeconds(150);
        f.logs.pipeInput(record("b", "{\"errCode\":0,\"time\":\"%s\"}".formatted(later), later, trace("2")));
        f.flushSums();
        f.flushSums(); // and the counts' own check, a second later

        assertThat(f.counts.readKeyValuesToList())
                .as("the 09:50 window, closed by the backlog's own time")
                .extracting(kv -> json(kv.value).path("windowStart").asText())
                .containsOnly("2026-11-20T09:50:00Z")
                .hasSize(2); // the 1501 code and its AUTH_EXPIRED close
    }
}
