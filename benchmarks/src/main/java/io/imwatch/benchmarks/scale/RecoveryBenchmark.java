package io.imwatch.benchmarks.scale;

import io.imwatch.app.demo.DemoEvent;
import io.imwatch.app.demo.DemoTraffic;
import io.imwatch.app.embedded.EmbeddedKafka;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How long imwatch takes to recover from a SIGKILL, two instances (child JVMs running the fat jar)
 * on a P-partition input fed at a steady rate, Kafka's default session timeout (45 s) unless
 * {@code -Dimwatch.kafka.session.timeout.ms} says otherwise. Two cases, each with the membership
 * and standby settings compared:
 *
 * <ul>
 *   <li><b>restart</b>: the killed instance is started again at once on its state (what a
 *       supervisor, systemd or Kubernetes, does): time to its RUNNING, to holding partitions
 *       again, and to the input lag being back under one second of input;
 *   <li><b>gone</b>: it stays dead: time until the survivor holds every partition, and until the
 *       lag is back under one second of input.
 * </ul>
 *
 * {@code java -cp benchmarks/target/benchmarks.jar io.imwatch.benchmarks.scale.RecoveryBenchmark
 * [ratePerSecond] [partitions] [imwatch.jar] [restart|gone]} (the last: only that case)
 */
public final class RecoveryBenchmark {

    private RecoveryBenchmark() {}

    /** One measured case. */
    record Variant(String scenario, String instanceId, int standbys) {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        Path jar = Path.of(args.length > 2 ? args[2] : "stream-app/target/imwatch.jar")
                .toAbsolutePath();
        String only = args.length > 3 ? args[3] : "";
        List<Variant> variants = List.of(
                        new Variant("restart", "auto", 1),
                        new Variant("restart", "none", 1),
                        new Variant("restart", "none", 0),
                        new Variant("gone", "auto", 1),
                        new Variant("gone", "auto", 0))
                .stream()
                .filter(v -> only.isEmpty() || v.scenario().equals(only))
                .toList();
        PrintStream out = System.out;
        Path log = Files.createTempFile("recovery-", ".log");
        out.printf(Locale.ROOT, "2 instances, %d partitions, %,d rec/s; instances' log %s%n", partitions, rate, log);
        List<String> rows = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            int n = 0;
            for (Variant v : variants) {
                String row = measure(kafka, admin, jar, log, "rec-" + (++n), v, rate, partitions);
                rows.add(row);
                out.println(row);
            }
        }
        out.println();
        out.println(
                "| case | instance.id | standbys | kill → restarted RUNNING s | kill → restarted holds partitions s |"
                        + " kill → survivor holds all partitions s | kill → lag < 1 s of input s |");
        out.println("| --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(out::println);
    }

    private static String measure(
            EmbeddedKafka kafka, Admin admin, Path jar, Path log, String app, Variant v, int rate, int partitions)
            throws Exception {
        String input = app + ".input";
        Map<String, String> settings = ImwatchChild.createApp(admin, kafka.bootstrapServers(), app, partitions);
        settings.putAll(Map.of(
                "kafka.num.stream.threads",
                "1",
                "instance.id",
                v.instanceId(),
                "kafka.num.standby.replicas",
                Integer.toString(v.standbys())));
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("imwatch."))
                .forEach(name -> settings.put(name.substring("imwatch.".length()), System.getProperty(name)));
        long sources = 3L * partitions; // input + the two repartition topics
        List<Map<String, String>> own = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, String> s = new HashMap<>(settings);
            s.put("state.dir", kafka.scratchDir(app + "-state-" + i).toString());
            own.add(s);
        }
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produce(kafka.bootstrapServers(), input, rate, producing), "producer");
        ImwatchChild survivor = ImwatchChild.start(jar, own.get(0), log);
        ImwatchChild victim = ImwatchChild.start(jar, own.get(1), log);
        List<ImwatchChild> running = new ArrayList<>(List.of(survivor, victim));
        try {
            waitUntil(
                    () -> survivor.isReady()
                            && victim.isReady()
                            && survivor.assignedPartitions() > 0
                            && victim.assignedPartitions() > 0
                            && survivor.assignedPartitions() + victim.assignedPartitions() == sources,
                    180);
            producer.start();
            // steady state: half a minute of input, processed
            Thread.sleep(30_000);
            waitUntil(() -> lag(admin, app, input, partitions) < rate, 120);
            long killed = System.nanoTime();
            victim.kill();
            String restartedRunning = "–";
            String restartedHolds = "–";
            String survivorHoldsAll = "–";
            if (v.scenario().equals("restart")) {
                ImwatchChild back = ImwatchChild.start(jar, own.get(1), log);
                running.add(back);
                waitUntil(back::isReady, 300);
                restartedRunning = seconds(killed);
                waitUntil(() -> back.assignedPartitions() > 0, 900);
                restartedHolds = seconds(killed);
            } else {
                waitUntil(() -> survivor.assignedPartitions() == sources && survivor.isReady(), 300);
                survivorHoldsAll = seconds(killed);
            }
            waitUntil(() -> lag(admin, app, input, partitions) < rate, 300);
            String caughtUp = seconds(killed);
            return String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %s | %s | %s | %s |",
                    v.scenario(),
                    v.instanceId(),
                    v.standbys(),
                    restartedRunning,
                    restartedHolds,
                    survivorHoldsAll,
                    caughtUp);
        } finally {
            producing.set(false);
            if (producer.isAlive()) {
                producer.join();
            }
            running.forEach(ImwatchChild::close);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Check check, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + timeoutSeconds + " s");
            }
            Thread.sleep(200);
        }
    }

    private static String seconds(long since) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - since) / 1e9);
    }

    private static long lag(Admin admin, String group, String input, int partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            specs.put(new TopicPartition(input, p), OffsetSpec.latest());
        }
        long lag = 0;
        for (var e : admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata at = committed.get(e.getKey());
            lag += e.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    private static void produce(String bootstrap, String topic, int rate, AtomicBoolean producing) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        DemoTraffic traffic = new DemoTraffic(5, true);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.currentTimeMillis();
            long sent = 0;
            while (producing.get()) {
                long due = (System.currentTimeMillis() - start) * rate / 1000;
                for (; sent < due; sent++) {
                    long now = System.currentTimeMillis();
                    DemoEvent event = traffic.next(now);
                    producer.send(new ProducerRecord<>(topic, null, now, event.key(), event.value()));
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
