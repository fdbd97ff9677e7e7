package io.imwatch.app.it;

import static io.imwatch.app.it.KafkaTestSupport.SEQ;
import static io.imwatch.app.it.KafkaTestSupport.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a run that lost its instances must still show in its outputs, read as read_committed
 * consumers see them: every input (by its {@link KafkaTestSupport#SEQ} header) exactly once, and
 * windowed counts that add up to the codes the outputs carry.
 */
final class OutputChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final Path log;

    /** @param log the child processes' log, named in failure messages */
    OutputChecks(String bootstrap, Path log) {
        this.bootstrap = bootstrap;
        this.log = log;
    }

    /** Records committed to {@code topics} now, together. */
    int committedCount(List<String> topics) {
        return topics.stream()
                .mapToInt(t -> KafkaTestSupport.readCommitted(bootstrap, t).size())
                .sum();
    }

    /** The ids one output record carries: the inputs it stands for. */
    @FunctionalInterface
    interface InputIds {
        List<Integer> of(ConsumerRecord<byte[], byte[]> record) throws Exception;

        /** One input per record, named by its {@link KafkaTestSupport#SEQ} header. */
        InputIds SEQ_HEADER = record -> List.of(Integer.parseInt(header(record, SEQ)));
    }

    /** The input ids the committed {@code outputs} hold, each with the topics it was seen on. */
    Map<Integer, List<String>> seen(List<String> outputs, InputIds ids) throws Exception {
        Map<Integer, List<String>> seen = new HashMap<>();
        for (String topic : outputs) {
            for (ConsumerRecord<byte[], byte[]> record : KafkaTestSupport.readCommitted(bootstrap, topic)) {
                for (int id : ids.of(record)) {
                    seen.computeIfAbsent(id, k -> new ArrayList<>()).add(topic);
                }
            }
        }
        return seen;
    }

    /** Every input 0 … {@code events}-1 in exactly one record of exactly one of {@code outputs}. */
    void assertEveryInputOnce(List<String> outputs, int events) throws Exception {
        assertEveryInputOnce(outputs, events, InputIds.SEQ_HEADER);
    }

    /** Every input 0 … {@code events}-1 exactly once across {@code outputs}, by {@code ids}. */
    void assertEveryInputOnce(List<String> outputs, int events, InputIds ids) throws Exception {
        Map<Integer, List<String>> seen = seen(outputs, ids);
        List<String> duplicates = seen.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " " + e.getValue())
                .toList();
        assertThat(duplicates).as("duplicated (log: %s)", log).isEmpty();
        assertThat(seen.keySet())
                .as("every input once (log: %s)", log)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, events).boxed().toList());
    }

    /**
     * Once closed, the windows the run filled count exactly the codes (and session closes) that the
     * {@code coded} outputs (enriched, unknown) carry: the per-window sums buffered when an instance
     * died were neither lost nor counted twice.
     */
    void assertCountsAreExact(String countsTopic, List<String> coded) throws Exception {
        long codes = 0;
        long closes = 0;
        for (String topic : coded) {
            for (ConsumerRecord<byte[], byte[]> record : KafkaTestSupport.readCommitted(bootstrap, topic)) {
                for (JsonNode code :
                        JSON.readTree(record.value()).path("imwatch").path("codes")) {
                    codes++;
                    closes += code.path("sessionClose").isTextual() ? 1 : 0;
                }
            }
        }
        assertThat(closes).as("the demo traffic carries session closes").isPositive();
        long codesExpected = codes;
        long closesExpected = closes;
        // no record follows the last: the last windows close on the wall clock (window + grace + idle)
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> counted(countsTopic, "code") >= codesExpected
                        && counted(countsTopic, "close") >= closesExpected);
        assertThat(counted(countsTopic, "code"))
                .as("codes counted (log: %s)", log)
                .isEqualTo(codes);
        assertThat(counted(countsTopic, "close"))
                .as("session closes counted (log: %s)", log)
                .isEqualTo(closes);
    }

    /** The total of the final counts of {@code kind}; one per key and window. */
    private long counted(String countsTopic, String kind) throws Exception {
        long total = 0;
        Set<String> windows = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : KafkaTestSupport.readCommitted(bootstrap, countsTopic)) {
            JsonNode count = JSON.readTree(record.value());
            Instant start = Instant.parse(count.path("windowStart").asText());
            if (count.path("kind").asText().equals(kind)) {
                String key = new String(record.key(), StandardCharsets.UTF_8) + "@" + start;
                assertThat(windows.add(key)).as("one final count for %s", key).isTrue();
                total += count.path("count").asLong();
            }
        }
        return total;
    }
}
