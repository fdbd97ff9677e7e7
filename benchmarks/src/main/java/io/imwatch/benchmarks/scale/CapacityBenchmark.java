package io.imwatch.benchmarks.scale;

import io.imwatch.app.demo.DemoEvent;
import io.imwatch.app.demo.DemoTraffic;
import io.imwatch.app.embedded.EmbeddedKafka;
import io.imwatch.benchmarks.e2e.CommittedProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Capacity of imwatch instances, each a child JVM running the fat jar (so that its CPU time is its
 * own; the broker's stays in this process): 1 and then 2 instances drain the same N mixed records
 * from a P-partition topic, each round on a fresh topic and application id. Reports records/s
 * (committed input offsets, from a quarter of the records, which warm the JVMs up, to the last),
 * the instances' CPU per record, records per
 * CPU-second of imwatch (per core) and per stream thread, and the state a run leaves: changelog
 * bytes on the broker, local state bytes, final (key, window) counts written.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.imwatch.benchmarks.scale.CapacityBenchmark
 * [records] [partitions] [threadsPerInstance] [rounds] [imwatch.jar]}
 */
public final class CapacityBenchmark {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CapacityBenchmark() {}

    /** One drain: what the instances did, what the harness (broker and loader) used meanwhile. */
    record Drain(
            int instances,
            int threads,
            long records,
            long millis,
            long imwatchCpuNanos,
            long harnessCpuNanos,
            long changelogBytes,
            long localStateBytes,
            long finalCounts) {

        double perSecond() {
            return records * 1000.0 / millis;
        }

        String row(int round) {
            double cpuSeconds = imwatchCpuNanos / 1e9;
            return String.format(
                    Locale.ROOT,
                    "| %d | %d × %d | %,.0f | %,.0f | %.1f | %,.0f | %.1f | %.2f / %.2f MB | %,d |",
                    round,
                    instances,
                    threads,
                    perSecond(),
                    perSecond() / (instances * threads),
                    imwatchCpuNanos / 1000.0 / records,
                    records / cpuSeconds,
                    harnessCpuNanos / 1000.0 / records,
                    changelogBytes / 1e6,
                    localStateBytes / 1e6,
                    finalCounts);
        }
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path jar = Path.of(args.length > 4 ? args[4] : "stream-app/target/imwatch.jar")
                .toAbsolutePath();
        PrintStream out = System.out;
        Path log = Files.createTempFile("capacity-", ".log");
        out.printf(
                Locale.ROOT,
                "%,d records, %d partitions, %d stream thread(s) per instance, %d cores; instances' log %s%n",
                records,
                partitions,
                threads,
                Runtime.getRuntime().availableProcessors(),
                log);
        List<String> rows = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            for (int round = 1; round <= rounds; round++) {
                for (int instances : List.of(1, 2)) {
                    Drain d = drain(
                            kafka,
                            admin,
                            jar,
                            log,
                            "cap-" + instances + "-" + round,
                            instances,
                            threads,
                            records,
                            partitions);
                    rows.add(d.row(round));
                    out.println(rows.get(rows.size() - 1));
                }
            }
        }
        out.println();
        out.println("| round | instances × threads | rec/s | rec/s per thread | imwatch CPU µs/record |"
                + " records per imwatch CPU-second | broker+loader CPU µs/record | changelogs / local state |"
                + " final counts written |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(out::println);
    }

    private static Drain drain(
            EmbeddedKafka kafka,
            Admin admin,
            Path jar,
            Path log,
            String app,
            int instances,
            int threads,
            int records,
            int partitions)
            throws Exception {
        String input = app + ".input";
        Map<String, String> settings = ImwatchChild.createApp(admin, kafka.bootstrapServers(), app, partitions);
        settings.put("kafka.num.stream.threads", Integer.toString(threads));
        List<ImwatchChild> children = new ArrayList<>();
        List<Path> stateDirs = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                Path state = kafka.scratchDir(app + "-state-" + i);
                stateDirs.add(state);
                Map<String, String> own = new HashMap<>(settings);
                own.put("state.dir", state.toString());
                children.add(ImwatchChild.start(jar, own, log));
            }
            waitUntil(() -> children.stream().allMatch(ImwatchChild::isReady), TimeUnit.MINUTES.toMillis(3), app);
            Thread loader = new Thread(() -> load(kafka.bootstrapServers(), input, records), "loader");
            loader.start();
            long firstAt = -1;
            long first = 0;
            long firstCpu = 0;
            long firstHarness = 0;
            long lastAt = -1;
            long last = 0;
            long lastCpu = 0;
            long lastHarness = 0;
            long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(15);
            while (last < records && System.currentTimeMillis() < deadline) {
                long committed = CommittedProgress.committed(admin, app, input);
                long now = System.currentTimeMillis();
                long cpu = children.stream().mapToLong(ImwatchChild::cpuNanos).sum();
                long harness = OS.getProcessCpuTime();
                // the first quarter warms the JVMs up (JIT, caches): not measured
                if (committed >= records / 4 && firstAt < 0) {
                    firstAt = now;
                    first = committed;
                    firstCpu = cpu;
                    firstHarness = harness;
                }
                if (committed > last) {
                    last = committed;
                    lastAt = now;
                    lastCpu = cpu;
                    lastHarness = harness;
                }
                Thread.sleep(100);
            }
            loader.join();
            if (last < records) {
                throw new IllegalStateException(app + " committed only " + last + " of " + records + "; see " + log);
            }
            return new Drain(
                    instances,
                    threads,
                    last - first,
                    lastAt - firstAt,
                    lastCpu - firstCpu,
                    lastHarness - firstHarness,
                    changelogBytes(admin, kafka, app),
                    stateDirs.stream().mapToLong(CapacityBenchmark::size).sum(),
                    endOffsets(admin, app + ".counts", partitions));
        } finally {
            children.forEach(ImwatchChild::close);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Condition condition, long timeoutMs, String what) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(what + ": instances not ready in time");
            }
            Thread.sleep(250);
        }
    }

    private static long endOffsets(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(specs).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(i -> i.offset())
                .sum();
    }

    /** Bytes of the application's changelog topics on the broker. */
    private static long changelogBytes(Admin admin, EmbeddedKafka kafka, String app) throws Exception {
        long bytes = 0;
        var dirs = admin.describeLogDirs(List.of(1)).allDescriptions().get(30, TimeUnit.SECONDS);
        for (var dir : dirs.get(1).values()) {
            for (Map.Entry<TopicPartition, ReplicaInfo> r : dir.replicaInfos().entrySet()) {
                String topic = r.getKey().topic();
                if (topic.startsWith(app + "-") && topic.endsWith("-changelog")) {
                    bytes += r.getValue().size();
                }
            }
        }
        return bytes;
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same records every drain (seed 0), as fast as the producer goes, their event times spread
     * over ten minutes ending now: windows close in stream time as the drain goes, as in production.
     */
    private static void load(String bootstrap, String topic, int count) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        DemoTraffic traffic = new DemoTraffic(0, true);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long span = TimeUnit.MINUTES.toMillis(10);
            long start = System.currentTimeMillis() - span;
            for (int i = 0; i < count; i++) {
                long at = start + span * i / count;
                DemoEvent event = traffic.next(at);
                producer.send(new ProducerRecord<>(topic, null, at, event.key(), event.value()));
            }
        }
    }
}
