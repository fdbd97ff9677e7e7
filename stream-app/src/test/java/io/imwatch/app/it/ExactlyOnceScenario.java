package io.imwatch.app.it;

import static io.imwatch.app.it.KafkaTestSupport.SEQ;
import static io.imwatch.app.it.KafkaTestSupport.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.demo.DemoEvent;
import io.imwatch.app.demo.DemoTraffic;
import io.imwatch.app.run.ImwatchApp;
import io.imwatch.app.topology.DeadLetters;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A mixed corpus, malformed and oversized records included, through the real app on a real
 * broker: every input appears exactly once across the outputs, dead letters byte for byte.
 */
final class ExactlyOnceScenario {

    private static final int EVENTS = 3_000;

    private ExactlyOnceScenario() {}

    static void run(String bootstrap, Path stateDir) throws Exception {
        String prefix = "eo-" + System.nanoTime();
        String input = prefix + ".logs";
        KafkaTestSupport.createTopics(bootstrap, 3, input);
        Map<Integer, byte[]> sent = produceCorpus(bootstrap, input);

        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers",
                bootstrap,
                "application.id",
                prefix,
                "input.topics",
                input,
                "http.port",
                "0",
                "nocode.forward",
                "true",
                "max.event.bytes",
                "4096",
                "summary.interval",
                "0s",
                "state.dir",
                stateDir.resolve(prefix).toString()));
        for (String output : List.of("enriched", "unknown", "deadletter", "nocode", "counts", "alerts")) {
            settings.put("topic." + output, prefix + "." + output);
        }
        List<String> outputs = List.of(".enriched", ".unknown", ".deadletter", ".nocode").stream()
                .map(s -> prefix + s)
                .toList();
        try (ImwatchApp app = ImwatchApp.start(
                new ConfigSources().add("test", settings), true, new PrintStream(PrintStream.nullOutputStream()))) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60)))
                    .as("Kafka Streams reaches RUNNING")
                    .isTrue();
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> outputs.stream()
                                    .mapToInt(t -> KafkaTestSupport.readCommitted(bootstrap, t)
                                            .size())
                                    .sum()
                            >= sent.size());

            Map<Integer, String> routeOf = new HashMap<>();
            List<String> duplicates = new ArrayList<>();
            for (String topic : outputs) {
                for (ConsumerRecord<byte[], byte[]> record : KafkaTestSupport.readCommitted(bootstrap, topic)) {
                    int seq = Integer.parseInt(header(record, SEQ));
                    if (routeOf.put(seq, topic) != null) {
                        duplicates.add(seq + " in " + topic);
                    }
                    if (topic.endsWith(".deadletter")) {
                        assertThat(record.value())
                                .as("dead letter %d keeps the original bytes", seq)
                                .isEqualTo(sent.get(seq));
                        assertThat(header(record, DeadLetters.REASON)).isNotBlank();
                        assertThat(header(record, DeadLetters.SOURCE_TOPIC)).isEqualTo(input);
                        assertThat(header(record, DeadLetters.SOURCE_OFFSET)).isNotBlank();
                        assertThat(header(record, DeadLetters.EXCEPTION_CLASS)).isNotBlank();
                    }
                }
            }
            assertThat(duplicates).as("records seen twice").isEmpty();
            assertThat(routeOf.keySet())
                    .as("every input exactly once")
                    .containsExactlyInAnyOrderElementsOf(sent.keySet());
            assertThat(routeOf.values().stream()
                            .filter(t -> t.endsWith(".deadletter"))
                            .count())
                    .as("the malformed and oversized records were dead-lettered")
                    .isGreaterThanOrEqualTo(10);
            assertThat(routeOf.values())
                    .anyMatch(t -> t.endsWith(".enriched"))
                    .anyMatch(t -> t.endsWith(".unknown"))
                    .anyMatch(t -> t.endsWith(".nocode"));
        }
    }

    private static Map<Integer, byte[]> produceCorpus(String bootstrap, String topic) {
        DemoTraffic traffic = new DemoTraffic(7, true);
        Map<Integer, byte[]> sent = new HashMap<>();
        long now = Instant.now().toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            for (int seq = 0; seq < EVENTS + 10; seq++) {
                byte[] value;
                byte[] key = null;
                if (seq >= EVENTS) {
                    value = new byte[5_000]; // over max.event.bytes
                    Arrays.fill(value, (byte) 'x');
                } else {
                    DemoEvent event = traffic.next(now + seq);
                    value = event.value();
                    key = event.key();
                }
                RecordHeaders headers = new RecordHeaders();
                headers.add(SEQ, Integer.toString(seq).getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(topic, null, now + seq, key, value, headers));
                sent.put(seq, value);
            }
            producer.flush();
        }
        return sent;
    }
}
