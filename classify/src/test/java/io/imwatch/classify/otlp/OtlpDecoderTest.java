package io.imwatch.classify.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.Route;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.event.MalformedReason;
import io.imwatch.classify.event.Timestamps;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OTLP batches built with the OpenTelemetry project's own classes, read into one event per log record. */
class OtlpDecoderTest {

    private static final Classifier CLASSIFIER = Classifier.builtin();
    private static final OtlpDecoder DECODER = new OtlpDecoder(CLASSIFIER.parser(), OtlpDecoder.DEFAULT_MAX_RECORDS);
    private static final long RECORD_TIME =
            Instant.parse("2026-11-20T10:20:00Z").toEpochMilli();
    private static final long T1 = Instant.parse("2026-11-20T10:15:07Z").toEpochMilli();

    static AnyValue string(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(string(value)).build();
    }

    static LogRecord record(String body, long timeMillis) {
        return LogRecord.newBuilder()
                .setTimeUnixNano(timeMillis * 1_000_000L)
                .setSeverityText("ERROR")
                .setBody(string(body))
                .build();
    }

    static ResourceLogs resource(String service, LogRecord... records) {
        return ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder()
                        .addAttributes(kv("service.name", service))
                        .addAttributes(kv("telemetry.sdk.language", "go")))
                .addScopeLogs(ScopeLogs.newBuilder()
                        .setScope(
                                InstrumentationScope.newBuilder().setName("zap").setVersion("1.27"))
                        .addAllLogRecords(List.of(records)))
                .build();
    }

    static byte[] batch(ResourceLogs... resources) {
        return ExportLogsServiceRequest.newBuilder()
                .addAllResourceLogs(List.of(resources))
                .build()
                .toByteArray();
    }

    static List<ClassifiedEvent> classify(OtlpBatch batch) {
        return batch.events().stream()
                .map(e -> CLASSIFIER.classify(e.event(), null))
                .toList();
    }

    static String codes(ClassifiedEvent event) {
        return event.codes().stream()
                .map(c -> c.vendor() + "/" + c.code() + "/" + c.status())
                .toList()
                .toString();
    }

    @Test
    void shouldReadEachProtobufLogRecordAsItsOwnEventWithItsTimeAndTheResourceAsHint() {
        byte[] bytes = batch(resource(
                "openim-api",
                record("{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\",\"errDlt\":\"\"}", T1),
                record("{\"errCode\":1204,\"errMsg\":\"DismissedAlreadyError\",\"errDlt\":\"\"}", T1 + 5)));

        OtlpBatch batch = DECODER.decode(bytes, RECORD_TIME);

        assertThat(batch.encoding()).isEqualTo(OtlpBatch.Encoding.PROTOBUF);
        assertThat(batch.failures()).isEmpty();
        assertThat(batch.events()).extracting(OtlpBatch.Event::index).containsExactly(0, 1);
        assertThat(batch.events()).extracting(OtlpBatch.Event::timeMillis).containsExactly(T1, T1 + 5);
        List<ClassifiedEvent> events = classify(batch);
        assertThat(events)
                .extracting(OtlpDecoderTest::codes)
                .containsExactly("[openim/1501/KNOWN]", "[openim/1204/KNOWN]");
        assertThat(events).extracting(ClassifiedEvent::route).containsOnly(Route.ENRICHED);
        assertThat(events.get(0).event().hints()).contains("openim-api");
        assertThat(events.get(0)
                        .event()
                        .wholeJson()
                        .get("resource")
                        .get("service.name")
                        .asText())
                .isEqualTo("openim-api");
        assertThat(events.get(0).event().wholeJson().get("scope").get("name").asText())
                .isEqualTo("zap");
        assertThat(events.get(0).event().wholeJson().get("severityText").asText())
                .isEqualTo("ERROR");
    }

    @Test
    void shouldReadTheStringValuesOfAKvlistBodyAsTheLine() {
        AnyValue body = AnyValue.newBuilder()
                .setKvlistValue(KeyValueList.newBuilder()
                        .addValues(kv("msg", "[WebIM] onError type=206 WEBIM_CONNCTION_USER_LOGIN_ANOTHER_DEVICE"))
                        .addValues(KeyValue.newBuilder()
                                .setKey("attempt")
                                .setValue(AnyValue.newBuilder().setIntValue(3)))
                        .addValues(kv("user", "u-17")))
                .build();
        byte[] bytes = batch(resource(
                "webim-frontend",
                LogRecord.newBuilder()
                        .setTimeUnixNano(T1 * 1_000_000L)
                        .setBody(body)
                        .build()));

        OtlpBatch batch = DECODER.decode(bytes, RECORD_TIME);

        assertThat(batch.events()).hasSize(1);
        assertThat(batch.events().get(0).event().line())
                .isEqualTo("[WebIM] onError type=206 WEBIM_CONNCTION_USER_LOGIN_ANOTHER_DEVICE u-17");
        assertThat(codes(classify(batch).get(0))).isEqualTo("[easemob/206/KNOWN]");
    }

    @Test
    void shouldNumberRecordsAcrossResourcesAndScopesAndGiveEachItsOwnResource() {
        ResourceLogs twoScopes = ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("k8s.container.name", "turms-gateway")))
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record("request failed code=1001", T1)))
                .addScopeLogs(ScopeLogs.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("second"))
                        .addLogRecords(record("request failed code=1002", T1 + 1))
                        .addLogRecords(record("no code here", T1 + 2)))
                .build();
        byte[] bytes = batch(twoScopes, resource("openim-rpc", record("{\"errCode\":1501}", T1 + 3)));

        OtlpBatch batch = DECODER.decode(bytes, RECORD_TIME);

        assertThat(batch.events()).extracting(OtlpBatch.Event::index).containsExactly(0, 1, 2, 3);
        List<ClassifiedEvent> events = classify(batch);
        assertThat(events.get(0).vendor()).isEqualTo("turms");
        assertThat(events.get(1).event().wholeJson().get("scope").get("name").asText())
                .isEqualTo("second");
        assertThat(events.get(2).route()).isEqualTo(Route.NO_CODE);
        assertThat(events.get(3).vendor()).isEqualTo("openim");
        assertThat(events.get(3).event().wholeJson().get("resource").has("k8s.container.name"))
                .isFalse();
    }

    @Test
    void shouldTakeTheObservedTimeWhenTheRecordHasNoTimeAndNoneWhenItHasNeither() {
        LogRecord observedOnly = LogRecord.newBuilder()
                .setObservedTimeUnixNano((T1 + 9) * 1_000_000L)
                .setBody(string("request failed code=1001"))
                .build();
        LogRecord timeless = LogRecord.newBuilder()
                .setBody(string("request failed code=1001"))
                .build();

        OtlpBatch batch = DECODER.decode(batch(resource("turms", observedOnly, timeless)), RECORD_TIME);

        assertThat(batch.events()).extracting(OtlpBatch.Event::timeMillis).containsExactly(T1 + 9, Timestamps.NONE);
        assertThat(batch.events().get(0).event().eventTime()).isEqualTo(T1 + 9);
        assertThat(batch.events().get(1).event().wholeJson().has("timeUnixNano"))
                .isFalse();
    }

    @Test
    void shouldFailOnlyTheUnreadableRecordAndReadTheRest() {
        LogRecord badBytes = LogRecord.newBuilder()
                .setTimeUnixNano(T1 * 1_000_000L)
                .setBody(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {(byte) 0xC3, 0x28})))
                .build();
        LogRecord tooLarge = record("x".repeat(2_000), T1);
        OtlpDecoder small =
                new OtlpDecoder(new Classifier(CLASSIFIER.catalog(), CLASSIFIER.rules(), 1_000).parser(), 100);
        byte[] bytes = batch(resource(
                "openim-api", record("{\"errCode\":1501}", T1), badBytes, tooLarge, record("{\"errCode\":1204}", T1)));

        OtlpBatch batch = small.decode(bytes, RECORD_TIME);

        assertThat(batch.events()).extracting(OtlpBatch.Event::index).containsExactly(0, 3);
        assertThat(batch.failures()).extracting(OtlpBatch.Failure::index).containsExactly(1, 2);
        assertThat(batch.failures())
                .extracting(OtlpBatch.Failure::reason)
                .containsExactly(MalformedReason.INVALID_UTF8, MalformedReason.TOO_LARGE);
        assertThat(batch.failures().get(0).raw()).isEqualTo(badBytes.toByteArray());
        assertThat(batch.size()).isEqualTo(4);
    }

    @Test
    void shouldRefuseATruncatedBatchWhole() {
        byte[] whole =
                batch(resource("openim-api", record("{\"errCode\":1501}", T1), record("{\"errCode\":1204}", T1)));

        for (int cut : new int[] {1, 5, whole.length / 2, whole.length - 1}) {
            assertThatThrownBy(() -> DECODER.decode(Arrays.copyOf(whole, cut), RECORD_TIME))
                    .as("cut at %d of %d", cut, whole.length)
                    .isInstanceOf(MalformedEventException.class)
                    .satisfies(e -> assertThat(((MalformedEventException) e).reason())
                            .isEqualTo(MalformedReason.MALFORMED_OTLP));
        }
    }

    @Test
    void shouldRefuseHostileProtobufWithAClearReason() {
        byte[][] hostile = {
            {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 1, 2, 3}, // length 2 GiB, 3 bytes given
            {
                0x0A,
                (byte) 0x80,
                (byte) 0x80,
                (byte) 0x80,
                (byte) 0x80,
                (byte) 0x80,
                (byte) 0x80,
                (byte) 0x80,
                (byte) 0x80,
                (byte) 0x80,
                (byte) 0x80,
                0x01
            }, // a varint of 11 bytes
            {0x08, 0x01}, // field 1 as a varint: the wrong wire type for resourceLogs
            {0x0D, 1, 2, 3, 4}, // field 1 as fixed32
            "plain text line code=1001".getBytes(StandardCharsets.UTF_8), // unknown fields, no resourceLogs
            nested(200), // nesting past protobuf's recursion limit
        };
        for (byte[] value : hostile) {
            assertThatThrownBy(() -> DECODER.decode(value, RECORD_TIME))
                    .as(Arrays.toString(Arrays.copyOf(value, Math.min(value.length, 12))))
                    .isInstanceOf(MalformedEventException.class)
                    .satisfies(e -> assertThat(((MalformedEventException) e).reason())
                            .isEqualTo(MalformedReason.MALFORMED_OTLP));
        }
    }

    /** A record whose body is a kvlist nested {@code depth} deep. */
    private static byte[] nested(int depth) {
        AnyValue value = string("deep");
        for (int i = 0; i < depth; i++) {
            value = AnyValue.newBuilder()
                    .setKvlistValue(KeyValueList.newBuilder()
                            .addValues(KeyValue.newBuilder().setKey("k").setValue(value)))
                    .build();
        }
        return batch(resource("x", LogRecord.newBuilder().setBody(value).build()));
    }

    @Test
    void shouldRefuseABatchOfMoreRecordsThanTheCap() {
        OtlpDecoder capped = new OtlpDecoder(CLASSIFIER.parser(), 2);
        byte[] bytes = batch(resource("a", record("a", T1), record("b", T1), record("c", T1)));

        assertThatThrownBy(() -> capped.decode(bytes, RECORD_TIME))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("3 log records")
                .hasMessageContaining("otlp.max.records");
    }

    @Test
    void shouldReadAnEmptyValueAsAnEmptyBatch() {
        assertThat(DECODER.decode(new byte[0], RECORD_TIME).size()).isZero();
        assertThat(DECODER.decode(null, RECORD_TIME).size()).isZero();
    }

    /** The issue's batch: two OpenIM records in one otlp_json Kafka record went to no-code as one event. */
    static final String ISSUE_JSON_BATCH = """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"openim-api"}}]},
             "scopeLogs":[{"scope":{"name":"openim"},"logRecords":[
              {"timeUnixNano":"1795169707000000000","severityNumber":17,"severityText":"ERROR",
               "body":{"stringValue":"{\\"errCode\\":1501,\\"errMsg\\":\\"TokenExpiredError\\",\\"errDlt\\":\\"\\"}"},
               "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174"},
              {"timeUnixNano":"1795169707250000000","severityText":"ERROR",
               "body":{"stringValue":"{\\"errCode\\":1204,\\"errMsg\\":\\"DismissedAlreadyError\\",\\"errDlt\\":\\"\\"}"}}
             ]}]}]}
            """;

    @Test
    void shouldReadTheIssuesOtlpJsonBatchAsTwoEnrichedEvents() {
        OtlpBatch batch = DECODER.decode(ISSUE_JSON_BATCH.getBytes(StandardCharsets.UTF_8), RECORD_TIME);

        assertThat(batch.encoding()).isEqualTo(OtlpBatch.Encoding.JSON);
        assertThat(batch.failures()).isEmpty();
        List<ClassifiedEvent> events = classify(batch);
        assertThat(events)
                .extracting(OtlpDecoderTest::codes)
                .containsExactly("[openim/1501/KNOWN]", "[openim/1204/KNOWN]");
        assertThat(events).extracting(ClassifiedEvent::route).containsOnly(Route.ENRICHED);
        assertThat(batch.events())
                .extracting(OtlpBatch.Event::timeMillis)
                .containsExactly(1795169707000L, 1795169707250L);
        assertThat(events.get(0).event().wholeJson().get("traceId").asText())
                .isEqualTo("5b8efff798038103d269b633813fc60c");
    }

    @Test
    void shouldReadAKvlistBodyAndFailABadRecordInsideAJsonBatch() {
        String json = """
                {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"webim"}}]},
                 "scopeLogs":[{"logRecords":[
                  {"timeUnixNano":"soon","body":{"stringValue":"[WebIM] onError type=206"}},
                  "not a record",
                  {"observedTimeUnixNano":1795169707000000000,
                   "body":{"kvlistValue":{"values":[{"key":"msg","value":{"stringValue":"[WebIM] onError type=206"}}]}}}
                 ]}]}]}
                """;

        OtlpBatch batch = DECODER.decode(json.getBytes(StandardCharsets.UTF_8), RECORD_TIME);

        assertThat(batch.failures()).extracting(OtlpBatch.Failure::index).containsExactly(0, 1);
        assertThat(batch.failures()).extracting(OtlpBatch.Failure::reason).containsOnly(MalformedReason.MALFORMED_OTLP);
        assertThat(batch.failures().get(0).message()).contains("timeUnixNano");
        assertThat(new String(batch.failures().get(1).raw(), StandardCharsets.UTF_8))
                .isEqualTo("\"not a record\"");
        assertThat(batch.events()).extracting(OtlpBatch.Event::index).containsExactly(2);
        assertThat(batch.events().get(0).timeMillis()).isEqualTo(1795169707000L);
        assertThat(codes(classify(batch).get(0))).isEqualTo("[easemob/206/KNOWN]");
    }

    @Test
    void shouldRefuseJsonThatIsNotAnOtlpBatch() {
        assertThatThrownBy(() -> DECODER.decode("{\"errCode\":1501}".getBytes(StandardCharsets.UTF_8), RECORD_TIME))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("resourceLogs");
        assertThatThrownBy(() -> DECODER.decode("{\"resourceLogs\":[".getBytes(StandardCharsets.UTF_8), RECORD_TIME))
                .isInstanceOf(MalformedEventException.class)
                .satisfies(e ->
                        assertThat(((MalformedEventException) e).reason()).isEqualTo(MalformedReason.MALFORMED_JSON));
        assertThatThrownBy(() -> DECODER.decode(
                        "{\"resourceLogs\":[{\"scopeLogs\":{}}]}".getBytes(StandardCharsets.UTF_8), RECORD_TIME))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("scopeLogs is not an array");
    }
}
