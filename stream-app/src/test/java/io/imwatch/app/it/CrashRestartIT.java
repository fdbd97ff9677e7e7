package io.imwatch.app.it;

import static io.imwatch.app.it.KafkaTestSupport.SEQ;
import static io.imwatch.app.it.KafkaTestSupport.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imwatch.app.demo.DemoEvent;
import io.imwatch.app.demo.DemoTraffic;
import io.imwatch.app.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * imwatch is SIGKILLed mid-stream while records keep arriving, then restarted on the same state:
 * read_committed consumers see every input exactly once across the outputs, and the windowed
 * counts add up exactly. Once with the default commit interval, and once committing every 5 s, so
 * that the kill surely lands long after the last commit: with seconds of counts summed in memory
 * only (written to their changelog just before a commit) and sums already forwarded in the open
 * transaction.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class CrashRestartIT {

    private static final int EVENTS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @ParameterizedTest(name = "commit.interval.ms={0}")
    @ValueSource(strings = {"100", "5000"})
    void shouldLoseAndDuplicateNothingAcrossAnAbruptRestart(String commitInterval) throws Exception {
        String prefix = "crash-" + System.nanoTime();
        String input = prefix + ".logs";
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), 3, input);
        List<String> outputs =
                List.of(prefix + ".enriched", prefix + ".unknown", prefix + ".deadletter", prefix + ".nocode");
        Map<String, String> settings = new HashMap<>(Map.of(
                "application.id", prefix,
                "bootstrap.servers", kafka.bootstrapServers(),
                "input.topics", input,
                "nocode.forward", "true",
                "state.dir", kafka.scratchDir(prefix + "-state").toString(),
                "topic.enriched", outputs.get(0),
                "topic.unknown", outputs.get(1),
                "topic.deadletter", outputs.get(2),
                "topic.nocode", outputs.get(3)));
        settings.putAll(Map.of(
                "topic.counts",
                prefix + ".counts",
                "topic.alerts",
                prefix + ".alerts",
                "summary.interval",
                "0s",
                // generous: the backlog after the restart must not make records late (that is not under test)
                "counts.grace",
                "30s",
                "commit.interval.ms",
                commitInterval));
        Path log = Files.createTempFile("imwatch-crash-", ".log");

        AtomicInteger produced = new AtomicInteger();
        Thread producer = new Thread(() -> produce(input, produced), "it-producer");
        try (ImwatchProcess first = ImwatchProcess.start(settings, log)) {
            await().atMost(Duration.ofSeconds(90)).until(first::isReady);
            producer.start();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> committedCount(outputs) >= 2_000);
            first.kill();
            assertThat(first.isAlive()).isFalse();
        }
        int atCrash = committedCount(outputs);
        assertThat(produced.get()).as("the crash happened mid-stream").isLessThan(EVENTS);
        assertThat(atCrash).as("and after some output was committed").isGreaterThanOrEqualTo(2_000);

        try (ImwatchProcess second = ImwatchProcess.start(settings, log)) {
            await().atMost(Duration.ofSeconds(90)).until(second::isReady);
            producer.join(TimeUnit.MINUTES.toMillis(2));
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> committedCount(outputs) >= EVENTS);
            Thread.sleep(2_000); // a duplicate, if any, would arrive right after the last record
            Map<Integer, List<String>> seen = new HashMap<>();
            for (String topic : outputs) {
                for (ConsumerRecord<byte[], byte[]> record :
                        KafkaTestSupport.readCommitted(kafka.bootstrapServers(), topic)) {
                    seen.computeIfAbsent(Integer.parseInt(header(record, SEQ)), k -> new ArrayList<>())
                            .add(topic);
                }
            }
            List<String> duplicates = seen.entrySet().stream()
                    .filter(e -> e.getValue().size() > 1)
                    .map(e -> e.getKey() + " " + e.getValue())
                    .toList();
            Set<Integer> expected = new HashSet<>();
            for (int i = 0; i < EVENTS; i++) {
                expected.add(i);
            }
            assertThat(duplicates)
                    .as("duplicated across the restart (log: %s)", log)
                    .isEmpty();
            assertThat(seen.keySet())
                    .as("every input once (log: %s)", log)
                    .containsExactlyInAnyOrderElementsOf(expected);

            assertCountsAreExact(prefix + ".counts", outputs.subList(0, 2), log);
        }
    }

    /**
     * Once closed, the windows the run filled count exactly the codes (and session closes) that the
     * enriched and unknown outputs carry: the per-window sums buffered at the crash were neither
     * lost nor counted twice.
     */
    private static void assertCountsAreExact(String countsTopic, List<String> coded, Path log) throws Exception {
        long codes = 0;
        long closes = 0;
        for (String topic : coded) {
            for (ConsumerRecord<byte[], byte[]> record :
                    KafkaTestSupport.readCommitted(kafka.bootstrapServers(), topic)) {
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
    private static long counted(String countsTopic, String kind) throws Exception {
        long total = 0;
        Set<String> windows = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record :
                KafkaTestSupport.readCommitted(kafka.bootstrapServers(), countsTopic)) {
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

    private static int committedCount(List<String> topics) {
        return topics.stream()
                .mapToInt(t -> KafkaTestSupport.readCommitted(kafka.bootstrapServers(), t)
                        .size())
                .sum();
    }

    /** About 1,000 records a second, so that the crash lands while input is still arriving. */
    private static void produce(String topic, AtomicInteger produced) {
        DemoTraffic traffic = new DemoTraffic(11, true);
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            for (int seq = 0; seq < EVENTS; seq++) {
                long now = System.currentTimeMillis();
                DemoEvent event = traffic.next(now);
                RecordHeaders headers = new RecordHeaders();
                headers.add(SEQ, Integer.toString(seq).getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(topic, null, now, event.key(), event.value(), headers));
                produced.incrementAndGet();
                if (seq % 100 == 99) {
                    producer.flush();
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
