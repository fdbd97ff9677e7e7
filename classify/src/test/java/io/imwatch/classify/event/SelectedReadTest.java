package io.imwatch.classify.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.output.EnrichedJson;
import io.imwatch.classify.redact.RedactionPolicy;
import io.imwatch.classify.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming read of the fields the rules need ({@link FieldSelection}) against the whole tree:
 * for each event, the classifier's result and the enriched bytes are the same both ways, and so is
 * the reason an event cannot be read.
 */
class SelectedReadTest {

    private static final Classifier CLASSIFIER = Classifier.builtin();
    private static final int MAX_BYTES = Classifier.DEFAULT_MAX_EVENT_BYTES;
    private static final LogEventParser WHOLE =
            new LogEventParser(CLASSIFIER.rules().envelope(), MAX_BYTES);
    private static final LogEventParser SELECTED = CLASSIFIER.parser();
    private static final Redactor REDACT_ALL =
            Redactor.of(RedactionPolicy.parse("all", List.of(), List.of(), "mask", ""));
    private static final long TIME = 1_795_687_200_000L;

    /** The enriched bytes (or the malformed reason) of {@code event} read by {@code parser}. */
    private static String outcome(LogEventParser parser, String event, Redactor redactor) {
        LogEvent read;
        try {
            read = parser.parse(event.getBytes(StandardCharsets.UTF_8), TIME);
        } catch (MalformedEventException e) {
            return "malformed: " + e.reason();
        }
        ClassifiedEvent classified = CLASSIFIER.classify(read, null);
        return new String(EnrichedJson.write(classified, redactor), StandardCharsets.UTF_8);
    }

    private static void assertSameBothWays(String event) {
        assertThat(outcome(SELECTED, event, Redactor.OFF))
                .as("selected read of %s", event)
                .isEqualTo(outcome(WHOLE, event, Redactor.OFF));
        assertThat(outcome(SELECTED, event, REDACT_ALL))
                .as("selected read, redacted, of %s", event)
                .isEqualTo(outcome(WHOLE, event, REDACT_ALL));
    }

    @Test
    void shouldReadOnlyWhatTheRulesNeed() {
        LogEvent event = SELECTED.parse(
                "{\"errCode\":1501,\"errMsg\":\"x\",\"data\":{\"big\":[1,2,3]},\"other\":\"y\"}"
                        .getBytes(StandardCharsets.UTF_8),
                TIME);

        assertThat(event.json().has("errCode")).isTrue();
        assertThat(event.json().has("data") || event.json().has("other")).isFalse();
        assertThat(event.wholeJson().path("data").path("big")).hasSize(3);
        assertThat(event.partial()).isTrue();
    }

    @Test
    void shouldTakeTheLastOfDuplicateKeysAsTheTreeDoes() {
        assertSameBothWays("{\"errCode\":1501,\"errCode\":1502}");
        assertSameBothWays("{\"error\":{\"code\":1},\"error\":\"text\"}");
        assertSameBothWays("{\"error\":\"text\",\"error\":{\"code\":110001,\"message\":\"m\"}}");
        assertSameBothWays("{\"service\":{\"name\":\"turms\"},\"service\":7,\"code\":1001}");
        assertSameBothWays("{\"message\":\"{\\\"errCode\\\":1}\",\"message\":\"code=1501\"}");
    }

    @Test
    void shouldReadNestedEnvelopesAsTheTreeDoes() {
        String vendorJson = "{\\\"errCode\\\":1501,\\\"errMsg\\\":\\\"TokenExpiredError\\\"}";
        assertSameBothWays("{\"log\":\"" + vendorJson + "\",\"kubernetes\":{\"container_name\":\"openim-api\"}}");
        assertSameBothWays("{\"message\":\"{\\\"log\\\":\\\"{\\\\\\\"errCode\\\\\\\":1501}\\\"}\"}");
        assertSameBothWays("{\"body\":\"{\\\"a\\\":1} trailing\",\"resource\":{\"service.name\":\"openim\"}}");
        assertSameBothWays("{\"resource\":{\"service.name\":\"turms\"},\"body\":\"{\\\"code\\\":1001}\"}");
        assertSameBothWays("{\"resource.service.name\":\"turms\",\"code\":1001}");
        assertSameBothWays("{\"resource\":{\"attributes\":{\"service.name\":\"turms\"}},\"code\":1001}");
        assertSameBothWays("{\"kubernetes\":{\"labels\":{\"app.kubernetes.io/name\":\"igap\"}},\"major_code\":111}");
        String deep = "{\"code\":1001}";
        for (int i = 0; i < 5; i++) {
            deep = "{\"message\":" + LogEventParser.mapper().valueToTree(deep) + "}";
        }
        assertSameBothWays(deep);
    }

    @Test
    void shouldReadEscapedStringsAndNumbersAsStringsAsTheTreeDoes() {
        assertSameBothWays("{\"err\\u0043ode\":1501}");
        assertSameBothWays("{\"errCode\":\"1501\",\"errMsg\":\"Token\\tExpired \\\"x\\\" \\u00e9\"}");
        assertSameBothWays("{\"errCode\":\" 1501 \"}");
        assertSameBothWays("{\"errCode\":1501.0}");
        assertSameBothWays("{\"errCode\":99999999999999999999999}");
        assertSameBothWays("{\"errCode\":1e400}");
        assertSameBothWays("{\"closeStatus\":\"SERVER_CLOSED\",\"sdk\":\"turms\"}");
        assertSameBothWays("{\"ts\":\"1795687200000000000\",\"code\":1}");
        assertSameBothWays("{\"time\":1795687200.5,\"code\":1}");
        assertSameBothWays("{\"skipped\":\"bad \\q escape\",\"errCode\":1}");
        assertSameBothWays("{\"skipped\":01,\"errCode\":1}");
        assertSameBothWays("{\"skipped\":\"raw\ttab\",\"errCode\":1}");
        assertSameBothWays("{\"skipped\":" + "9".repeat(2_000) + ",\"errCode\":1}");
        assertSameBothWays("{\"errCode\":1} {\"errCode\":2}");
        assertSameBothWays("{\"errCode\":1}}");
        assertSameBothWays("{\"errCode\":1,}");
        assertSameBothWays("{\"errCode\":1");
        assertSameBothWays("{\"imwatch\":\"spoofed\",\"errCode\":0}");
    }

    @Test
    void shouldTreatDeepNestingAsTheTreeDoes() {
        for (int depth : new int[] {16, 17, 200, 999, 1_000, 1_001, 5_000}) {
            String skipped = "[".repeat(depth) + "]".repeat(depth);
            assertSameBothWays("{\"x\":" + skipped + ",\"errCode\":1}");
            String strings = "{\"s\":".repeat(depth) + "\"\\\"errCode\\\":1501\"" + "}".repeat(depth);
            assertSameBothWays("{\"PID\":1,\"d\":" + strings + "}");
        }
    }

    @Test
    void shouldReadHugeFieldsAsTheTreeDoes() {
        String huge = "x".repeat(600_000);
        assertSameBothWays("{\"skipped\":\"" + huge + "\",\"errCode\":1501}");
        assertSameBothWays("{\"message\":\"" + huge + " code=1001\"}");
        assertSameBothWays("{\"errMsg\":\"" + huge + "\",\"errCode\":1501}");
    }

    @Test
    void shouldReadTheSampleFilesAsTheTreeDoes() throws Exception {
        for (String file : List.of("events.log", "ecs-otel.log")) {
            for (String line : Files.readAllLines(Path.of("..", "samples", file))) {
                assertSameBothWays(line);
            }
        }
    }

    /** Random objects built from the keys the rules and envelopes read, at random depths and shapes. */
    @Test
    void shouldReadRandomEventsAsTheTreeDoes() {
        Random random = new Random(20_261_128L);
        for (int i = 0; i < 5_000; i++) {
            assertSameBothWays(randomObject(random, 0).toString());
        }
    }

    private static final List<String> KEYS = keys();

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (String path : CLASSIFIER.rules().jsonPaths()) {
            keys.add(path);
            keys.addAll(List.of(JsonPaths.compile(path)));
        }
        for (String path : CLASSIFIER.rules().envelope().hintFields()) {
            keys.add(path);
            keys.addAll(List.of(JsonPaths.compile(path)));
        }
        keys.addAll(List.of("message", "log", "body", "ts", "time", "PID", "other", "service.name", "imwatch"));
        return keys;
    }

    private static JsonNode randomObject(Random random, int depth) {
        var object = LogEventParser.mapper().createObjectNode();
        int members = 1 + random.nextInt(5);
        for (int m = 0; m < members; m++) {
            String key = KEYS.get(random.nextInt(KEYS.size()));
            object.set(key, randomValue(random, depth + 1));
        }
        return object;
    }

    private static JsonNode randomValue(Random random, int depth) {
        var nodes = LogEventParser.mapper().getNodeFactory();
        return switch (depth > 4 ? random.nextInt(6) : random.nextInt(9)) {
            case 0 -> nodes.numberNode(random.nextInt(3) == 0 ? 1501 : random.nextInt(2_000_000) - 1_000);
            case 1 -> nodes.textNode(Integer.toString(random.nextInt(900_000)));
            case 2 ->
                nodes.textNode(List.of(
                                "turms",
                                "openim-api",
                                "SERVER_CLOSED",
                                "code=1001",
                                "[WebIM] onError type=16",
                                "\"errCode\":1501",
                                "é\t\"",
                                "E/iGap: ERROR 30043 MA 5 MI 0")
                        .get(random.nextInt(8)));
            case 3 -> nodes.nullNode();
            case 4 -> nodes.booleanNode(random.nextBoolean());
            case 5 -> nodes.numberNode(random.nextDouble() * 1e12);
            case 6 -> randomObject(random, depth);
            case 7 -> nodes.textNode(randomObject(random, depth).toString()); // an envelope's JSON line
            default -> nodes.arrayNode().add(randomValue(random, depth + 1)).add(randomValue(random, depth + 1));
        };
    }
}
