package io.imwatch.app.it;

import static io.imwatch.app.it.KafkaTestSupport.SEQ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imwatch.app.demo.DemoEvent;
import io.imwatch.app.demo.DemoTraffic;
import io.imwatch.app.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * imwatch is SIGKILLed mid-stream while records keep arriving, then restarted on the same state:
 * read_committed consumers see every input exactly once across the outputs, and the windowed
 * counts add up exactly.
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

    @Test
    void shouldLoseAndDuplicateNothingAcrossAnAbruptRestart() throws Exception {
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
                // longer than the wait for RUNNING below: the restart (instance.id=auto, a static member
                // under host name + state.dir) must take its ghost's place, not wait out its session
                "kafka.session.timeout.ms",
                "120000"));
        Path log = Files.createTempFile("imwatch-crash-", ".log");
        OutputChecks checks = new OutputChecks(kafka.bootstrapServers(), log);

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

        long restarted = System.nanoTime();
        try (ImwatchProcess second = ImwatchProcess.start(settings, log)) {
            await().atMost(Duration.ofSeconds(90)).until(second::isReady);
            System.out.printf(
                    "CrashRestartIT: restarted after SIGKILL, ready (RUNNING) in %.1f s%n",
                    (System.nanoTime() - restarted) / 1e9);
            producer.join(TimeUnit.MINUTES.toMillis(2));
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> committedCount(outputs) >= EVENTS);
            Thread.sleep(2_000); // a duplicate, if any, would arrive right after the last record
            checks.assertEveryInputOnce(outputs, EVENTS);
            checks.assertCountsAreExact(prefix + ".counts", outputs.subList(0, 2));
        }
    }

    private static int committedCount(List<String> topics) {
        return new OutputChecks(kafka.bootstrapServers(), Path.of("-")).committedCount(topics);
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
