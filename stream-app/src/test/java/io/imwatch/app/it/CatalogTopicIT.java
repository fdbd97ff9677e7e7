package io.imwatch.app.it;

import static io.imwatch.app.it.KafkaTestSupport.SEQ;
import static io.imwatch.app.it.KafkaTestSupport.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imwatch.app.cli.ImwatchCommand;
import io.imwatch.app.embedded.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live catalogue on a real broker: a new in-house code is unknown; {@code imwatch catalog
 * publish} makes it known on the running instance, between two records, with nothing lost or
 * duplicated; a second instance started later runs the same version; an invalid file is refused by
 * the CLI, and one written past it leaves both instances on the last good version.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class CatalogTopicIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path INHOUSE =
            Path.of("..", "deploy", "examples", "inhouse").toAbsolutePath();
    private static final int PARTITIONS = 3;
    private static final String NEW_CODE = "GW-CLOSE reason=4711/QUOTA_EXCEEDED";
    private static final String KNOWN_CODE = "GW-CLOSE reason=4031/KICKED_DUPLICATE_LOGIN";
    private static final String EXTRA = """
            vendor: inhouse
            spaces:
              - id: gateway
                defaults: {side: SERVER, outcome: ERROR, category: Gateway}
                codes:
                  - {code: 4711, name: QUOTA_EXCEEDED, class: LIMIT_EXCEEDED, severity: WARN, retryable: false}
            """;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    record Cli(int exit, String out, String err) {}

    /** The CLI in-process, as a user runs it, with the instances' settings. */
    private static Cli cli(Map<String, String> settings, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers()));
        for (String key : List.of("topic.catalog", "catalog.files", "rules.files")) {
            all.addAll(List.of("--set", key + "=" + settings.get(key)));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ImwatchCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Cli(exit, out.toString(), err.toString());
    }

    @Test
    void shouldSwitchRunningInstancesToAPublishedCatalogueLosingAndDuplicatingNothing() throws Exception {
        String prefix = "catalog-" + System.nanoTime();
        String input = prefix + ".logs";
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), PARTITIONS, input);
        List<String> outputs =
                List.of(prefix + ".enriched", prefix + ".unknown", prefix + ".deadletter", prefix + ".nocode");
        Map<String, String> settings = new HashMap<>(Map.of(
                "application.id",
                prefix,
                "bootstrap.servers",
                kafka.bootstrapServers(),
                "input.topics",
                input,
                "nocode.forward",
                "true",
                "topic.enriched",
                outputs.get(0),
                "topic.unknown",
                outputs.get(1),
                "topic.deadletter",
                outputs.get(2),
                "topic.nocode",
                outputs.get(3),
                "topic.catalog",
                prefix + ".catalog",
                "summary.interval",
                "0s"));
        settings.putAll(Map.of(
                "topic.counts",
                prefix + ".counts",
                "topic.alerts",
                prefix + ".alerts",
                "catalog.files",
                INHOUSE.resolve("inhouse-catalog.yaml").toString(),
                "rules.files",
                INHOUSE.resolve("inhouse-rules.yaml").toString()));
        Path log = Files.createTempFile("imwatch-catalog-", ".log");
        Map<String, String> first = new HashMap<>(settings);
        first.put("state.dir", kafka.scratchDir(prefix + "-a").toString());
        Map<String, String> second = new HashMap<>(settings);
        second.put("state.dir", kafka.scratchDir(prefix + "-b").toString());

        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicInteger produced = new AtomicInteger();
        Thread producer = new Thread(() -> produce(input, producing, produced), "it-producer");
        EnrichedWatch watch = new EnrichedWatch(outputs.get(0));
        try (ImwatchProcess a = ImwatchProcess.start(first, log)) {
            await().atMost(Duration.ofSeconds(120)).until(a::isReady);
            producer.start();
            watch.start();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> codeSeen(outputs.get(1), 4711));
            String base = liveFingerprint(a);

            // the unknown code, as a human curating the catalogue finds it
            Cli suggested = cli(settings, "catalog", "suggest", "--from-topic", outputs.get(1), "--since", "1h");
            assertThat(suggested.exit()).as(suggested.err()).isZero();
            assertThat(suggested.err()).containsPattern("inhouse +gateway +4711 +UNKNOWN +\\d+ +20\\d\\d-");
            assertThat(suggested.out())
                    .contains("vendor: inhouse")
                    .contains("reported as QUOTA_EXCEEDED")
                    .contains("defaults: {category: \"Gateway\", class: ")
                    .contains("{code: 4711, name: }");

            Path extra =
                    Files.writeString(Files.createTempDirectory("it-catalog").resolve("inhouse-extra.yaml"), EXTRA);
            Cli published = cli(settings, "catalog", "publish", extra.toString());
            long publishedAt = System.nanoTime();
            assertThat(published.exit()).as(published.err()).isZero();
            Matcher version = Pattern.compile("catalogue version (\\w+)").matcher(published.out());
            assertThat(version.find()).isTrue();
            String next = version.group(1);
            assertThat(next).isNotEqualTo(base);

            await().atMost(Duration.ofSeconds(60)).until(() -> watch.firstAt.get() != 0);
            long switchMs = TimeUnit.NANOSECONDS.toMillis(watch.firstAt.get() - publishedAt);
            System.out.printf("publish to first enriched 4711 record: %d ms%n", switchMs);
            assertThat(watch.firstVersion).isEqualTo(next);
            assertThat(liveFingerprint(a)).isEqualTo(next);

            // a second instance, started later, restores the topic before it processes anything
            try (ImwatchProcess b = ImwatchProcess.start(second, log)) {
                await().atMost(Duration.ofSeconds(120)).until(b::isReady);
                assertThat(liveFingerprint(b)).isEqualTo(next);

                Cli refused = cli(
                        settings,
                        "catalog",
                        "publish",
                        Files.writeString(extra.resolveSibling("clash.yaml"), EXTRA.replace("4711", "4031"))
                                .toString());
                assertThat(refused.exit()).isEqualTo(2);
                assertThat(refused.err().strip())
                        .doesNotContain("\n")
                        .contains("refused, nothing was written to " + prefix + ".catalog")
                        .contains("duplicate key, already defined by " + INHOUSE.resolve("inhouse-catalog.yaml"));

                try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                        Map.of("bootstrap.servers", kafka.bootstrapServers()),
                        new StringSerializer(),
                        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                    raw.send(new ProducerRecord<>(prefix + ".catalog", "inhouse-extra.yaml", "vendor: [".getBytes()))
                            .get(30, TimeUnit.SECONDS);
                }
                for (ImwatchProcess instance : List.of(a, b)) {
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> metric(instance, "imwatch_catalog_rejected_total") == 1.0);
                    assertThat(liveFingerprint(instance)).isEqualTo(next);
                }
                assertThat(Files.readAllLines(log).stream()
                                .filter(l -> l.contains("record 'inhouse-extra.yaml'") && l.contains("rejected"))
                                .toList())
                        .as("one WARN line per instance (log: %s)", log)
                        .hasSize(2)
                        .allMatch(l -> l.contains("WARN") && l.contains("staying on catalogue version " + next));
                Thread.sleep(1_000); // a few records more on the last good version
                producing.set(false);
                producer.join(TimeUnit.MINUTES.toMillis(1));
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> committedCount(outputs) >= produced.get());
                Thread.sleep(2_000); // a duplicate, if any, would arrive right after the last record
                assertEveryInputOnceOnOneVersionAtATime(outputs, produced.get(), base, next, log);

                Cli list = cli(settings, "catalog", "list");
                assertThat(list.exit())
                        .as("a rejected file is a problem to fix: %s", list.err())
                        .isEqualTo(1);
                assertThat(list.out())
                        .containsPattern("inhouse-extra.yaml +catalog +03ac8f246220 +1  rejected: ")
                        .contains("catalogue version " + next + ": 782 entries");
                Cli deleted = cli(settings, "catalog", "delete", "inhouse-extra.yaml");
                assertThat(deleted.exit()).as(deleted.err()).isZero();
                for (ImwatchProcess instance : List.of(a, b)) {
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> liveFingerprint(instance).equals(base));
                }
            }
        } finally {
            producing.set(false);
            watch.close();
        }
    }

    /** Every input once across the outputs; on each input partition, the base version, then the new one. */
    private static void assertEveryInputOnceOnOneVersionAtATime(
            List<String> outputs, int produced, String base, String next, Path log) throws Exception {
        Map<Integer, List<String>> seen = new HashMap<>();
        Map<Integer, String> versionOf = new HashMap<>();
        for (String topic : outputs) {
            for (ConsumerRecord<byte[], byte[]> record :
                    KafkaTestSupport.readCommitted(kafka.bootstrapServers(), topic)) {
                int seq = Integer.parseInt(header(record, SEQ));
                seen.computeIfAbsent(seq, k -> new ArrayList<>()).add(topic);
                JsonNode imwatch = JSON.readTree(record.value()).path("imwatch");
                versionOf.put(seq, imwatch.path("catalog").asText());
                boolean newCode = imwatch.path("codes").path(0).path("code").asInt() == 4711;
                if (newCode) {
                    assertThat(topic)
                            .as("4711 is unknown on %s and enriched on %s (seq %d)", base, next, seq)
                            .isEqualTo(imwatch.path("catalog").asText().equals(next) ? outputs.get(0) : outputs.get(1));
                }
            }
        }
        assertThat(seen.values().stream().filter(t -> t.size() > 1).toList())
                .as("duplicated (log: %s)", log)
                .isEmpty();
        assertThat(seen).as("every input once (log: %s)", log).hasSize(produced);
        for (int p = 0; p < PARTITIONS; p++) {
            int partition = p;
            List<String> versions = versionOf.entrySet().stream()
                    .filter(e -> e.getKey() % PARTITIONS == partition)
                    .sorted(Map.Entry.comparingByKey())
                    .map(Map.Entry::getValue)
                    .toList();
            int firstNew = versions.indexOf(next);
            assertThat(firstNew).as("partition %d switched", p).isPositive();
            assertThat(versions.subList(0, firstNew))
                    .as("partition %d before", p)
                    .containsOnly(base);
            assertThat(versions.subList(firstNew, versions.size()))
                    .as("partition %d after", p)
                    .containsOnly(next);
        }
    }

    /** Records, in turn new and known in-house codes, each with its sequence number; partition = seq % 3. */
    private static void produce(String topic, AtomicBoolean producing, AtomicInteger produced) {
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            for (int seq = 0; producing.get(); seq++) {
                String line = seq % 2 == 0 ? NEW_CODE : KNOWN_CODE;
                byte[] value =
                        ("{\"service\":\"chatgw\",\"message\":\"" + line + "\"}").getBytes(StandardCharsets.UTF_8);
                RecordHeaders headers = new RecordHeaders();
                headers.add(SEQ, Integer.toString(seq).getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(topic, seq % PARTITIONS, null, null, value, headers));
                produced.incrementAndGet();
                if (seq % 20 == 19) {
                    producer.flush();
                    Thread.sleep(50);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean codeSeen(String topic, int code) throws Exception {
        for (ConsumerRecord<byte[], byte[]> record : KafkaTestSupport.readCommitted(kafka.bootstrapServers(), topic)) {
            if (JSON.readTree(record.value())
                            .path("imwatch")
                            .path("codes")
                            .path(0)
                            .path("code")
                            .asInt()
                    == code) {
                return true;
            }
        }
        return false;
    }

    private static int committedCount(List<String> topics) {
        return topics.stream()
                .mapToInt(t -> KafkaTestSupport.readCommitted(kafka.bootstrapServers(), t)
                        .size())
                .sum();
    }

    private static final Pattern INFO =
            Pattern.compile("(?m)^imwatch_catalog_info\\{[^}]*fingerprint=\"(\\w+)\"[^}]*} 1(?:\\.0)?$");

    /** The fingerprint the instance shows as live; exactly one. */
    private static String liveFingerprint(ImwatchProcess instance) throws Exception {
        String scrape = instance.scrape();
        Matcher m = INFO.matcher(scrape);
        List<String> live = new ArrayList<>();
        while (m.find()) {
            live.add(m.group(1));
        }
        assertThat(live)
                .as(scrape.lines().filter(l -> l.contains("catalog")).toList().toString())
                .hasSize(1);
        return live.get(0);
    }

    private static double metric(ImwatchProcess instance, String name) throws Exception {
        return instance.scrape()
                .lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(Double.NaN);
    }

    /** Watches the enriched topic (read_committed) for the first 4711 record: when it became visible, and its version. */
    private static final class EnrichedWatch implements AutoCloseable {
        final AtomicLong firstAt = new AtomicLong();
        volatile String firstVersion;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        EnrichedWatch(String topic) {
            thread = new Thread(() -> watch(topic), "it-enriched-watch");
        }

        void start() {
            thread.start();
        }

        private void watch(String topic) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-watch");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (running.get() && firstAt.get() == 0) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        JsonNode imwatch = JSON.readTree(record.value()).path("imwatch");
                        if (imwatch.path("codes").path(0).path("code").asInt() == 4711 && firstAt.get() == 0) {
                            firstVersion = imwatch.path("catalog").asText();
                            firstAt.set(System.nanoTime());
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
