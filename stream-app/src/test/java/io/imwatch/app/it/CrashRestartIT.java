package io.imwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imwatch.app.embedded.EmbeddedKafka;
import io.imwatch.app.topology.DeadLetters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * imwatch is SIGKILLed mid-stream while records keep arriving, then restarted on the same state:
 * read_committed consumers see every input exactly once across the outputs, and the windowed
 * counts add up exactly. Run on a topic of JSON/text lines (one input per record) and on an OTLP
 * topic (many log records per record: each id is inside a log record, and each must come out once,
 * routed on its own or dead-lettered, alone or with its whole batch). The lines run commits every 5 s, so
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

    /** Lines with a long commit interval; OTLP batches with the default one (CI time: two runs, not four). */
    static Stream<Arguments> inputs() {
        return Stream.of(Arguments.of(CrashInput.LINES, "5000"), Arguments.of(CrashInput.OTLP, "100"));
    }

    @ParameterizedTest(name = "{0}, commit.interval.ms={1}")
    @MethodSource("inputs")
    void shouldLoseAndDuplicateNothingAcrossAnAbruptRestart(CrashInput mode, String commitInterval) throws Exception {
        String prefix = "crash-" + mode.name().toLowerCase(java.util.Locale.ROOT) + "-" + System.nanoTime();
        String input = prefix + ".logs";
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), 3, input);
        List<String> outputs =
                List.of(prefix + ".enriched", prefix + ".unknown", prefix + ".deadletter", prefix + ".nocode");
        Map<String, String> settings = new HashMap<>(Map.of(
                "application.id", prefix,
                "bootstrap.servers", kafka.bootstrapServers(),
                "input.topics", input + mode.topicOption(),
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
                commitInterval,
                // longer than the wait for RUNNING below: the restart (instance.id=auto, a static member
                // under host name + state.dir) must take its ghost's place, not wait out its session
                "kafka.session.timeout.ms",
                "120000"));
        Path log = Files.createTempFile("imwatch-crash-", ".log");
        OutputChecks checks = new OutputChecks(kafka.bootstrapServers(), log);

        AtomicInteger produced = new AtomicInteger();
        Thread producer = new Thread(
                () -> {
                    try (KafkaProducer<byte[], byte[]> p = KafkaTestSupport.producer(kafka.bootstrapServers())) {
                        mode.produce(p, input, EVENTS, produced);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "it-producer");
        try (ImwatchProcess first = ImwatchProcess.start(settings, log)) {
            await().atMost(Duration.ofSeconds(90)).until(first::isReady);
            producer.start();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> checks.seen(outputs, mode::ids).size() >= 2_000);
            first.kill();
            assertThat(first.isAlive()).isFalse();
        }
        int atCrash = checks.seen(outputs, mode::ids).size();
        assertThat(produced.get()).as("the crash happened mid-stream").isLessThan(EVENTS);
        assertThat(atCrash).as("and after some output was committed").isGreaterThanOrEqualTo(2_000);

        long restarted = System.nanoTime();
        try (ImwatchProcess second = ImwatchProcess.start(settings, log)) {
            await().atMost(Duration.ofSeconds(90)).until(second::isReady);
            System.out.printf(
                    "CrashRestartIT: restarted after SIGKILL, ready (RUNNING) in %.1f s%n",
                    (System.nanoTime() - restarted) / 1e9);
            producer.join(TimeUnit.MINUTES.toMillis(2));
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> checks.seen(outputs, mode::ids).size() >= EVENTS);
            Thread.sleep(2_000); // a duplicate, if any, would arrive right after the last record
            checks.assertEveryInputOnce(outputs, EVENTS, mode::ids);

            if (mode == CrashInput.OTLP) {
                List<ConsumerRecord<byte[], byte[]>> dead =
                        KafkaTestSupport.readCommitted(kafka.bootstrapServers(), outputs.get(2));
                assertThat(dead)
                        .as("log records dead-lettered alone, and batches dead-lettered whole")
                        .anyMatch(r -> KafkaTestSupport.header(r, DeadLetters.SOURCE_RECORD_INDEX) != null)
                        .anyMatch(r -> KafkaTestSupport.header(r, DeadLetters.SOURCE_RECORD_INDEX) == null);
            }
            checks.assertCountsAreExact(prefix + ".counts", outputs.subList(0, 2));
        }
    }
}
