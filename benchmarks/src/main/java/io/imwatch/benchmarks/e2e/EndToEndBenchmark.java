package io.imwatch.benchmarks.e2e;

import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.demo.DemoEvent;
import io.imwatch.app.demo.DemoTraffic;
import io.imwatch.app.embedded.EmbeddedKafka;
import io.imwatch.app.run.ImwatchApp;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * imwatch end to end through a real broker (Kafka's own, in-process), against an exactly-once
 * consumer → producer passthrough on the same broker and the same data, in the same run.
 *
 * <ol>
 *   <li>Throughput: N mixed records (every vendor and format, malformed ones included) are loaded
 *       first; each system then drains them, timed by its group's committed offsets: the
 *       exactly-once passthrough, the Streams identity topology, the {@link OutputFloor} (imwatch's
 *       exact output bytes written by a Streams topology that does no work) and imwatch, in
 *       rounds, alternating, so none profits from running later. Beside each rate, the CPU time
 *       the process (broker included) spent per record, and that CPU split by kind of thread
 *       ({@link ThreadCpu}): a ratio of those is not moved by time the machine gives to other
 *       guests, which moves the rates run to run.
 *   <li>Latency: each system reads a fresh topic fed at a fixed rate; a read_committed probe on
 *       its outputs records visible-time minus produced-time; p50/p99 reported.
 * </ol>
 *
 * {@code java [-Dimwatch.KEY=VALUE...] -cp benchmarks/target/benchmarks.jar
 * io.imwatch.benchmarks.e2e.EndToEndBenchmark [records] [partitions] [latencyRatePerSecond]
 * [latencySeconds] [rounds]}; {@code -Dbench.systems=imwatch,floor} runs only those systems
 * ({@link Systems}); a latency-seconds of 0 measures throughput only.
 */
public final class EndToEndBenchmark {

    private static final String SETTING_PREFIX = "imwatch.";

    private EndToEndBenchmark() {}

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            // a failed round leaves Streams and producer threads behind that would keep the JVM
            // (and a benchmark lock held around it) alive
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int loaded = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int latencySeconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        PrintStream out = System.out;
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            String bootstrap = kafka.bootstrapServers();
            createTopics(admin, partitions, roundTopics(rounds));
            long loadStart = System.nanoTime();
            long bytes = load(bootstrap, "bench.input", loaded, 0);
            long records = heldRecords(admin, "bench.input");
            if (records != loaded) {
                out.printf(
                        Locale.ROOT,
                        "the loader sent %,d records; the topic holds %,d: measuring those%n",
                        loaded,
                        records);
            }
            out.printf(
                    Locale.ROOT,
                    "loaded %,d records (%,d bytes, %.0f B avg) in %.1f s%n",
                    records,
                    bytes,
                    (double) bytes / records,
                    (System.nanoTime() - loadStart) / 1e9);

            OutputFloor.Outputs outputs = OutputFloor.precompute(
                    bootstrap, "bench.input", partitions, OutputFloor.defaultSettings(bootstrap, "bench.input"));
            out.printf(
                    Locale.ROOT,
                    "imwatch's output for them: %,d bytes, %.0f B avg (the output floor writes these)%n",
                    outputs.bytes(),
                    (double) outputs.bytes() / records);

            Systems systems = Systems.fromProperty();
            List<String> rows = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                int r = round;
                CommittedProgress.Result pt = systems.run(
                        "passthrough",
                        () -> passthroughThroughput(
                                admin,
                                bootstrap,
                                "bench.input",
                                "bench.passthrough." + r,
                                "passthrough-" + r,
                                records));
                CommittedProgress.Result st = systems.run(
                        "identity",
                        () -> streamsThroughput(
                                admin, kafka, "bench.input", "bench.streams." + r, "streams-identity-" + r, records));
                CommittedProgress.Result fl = systems.run(
                        "floor",
                        () -> floorThroughput(
                                admin,
                                kafka,
                                "bench.input",
                                "bench.floor." + r,
                                "output-floor-" + r,
                                records,
                                outputs));
                CommittedProgress.Result im = systems.run(
                        "imwatch",
                        () -> imwatchThroughput(admin, kafka, "bench.input", "imwatch-" + r, records, partitions));
                String row = String.format(
                        Locale.ROOT,
                        "| %d | %,.0f | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %.1f / %.1f / %.1f / %.1f | %.2f |",
                        round,
                        pt.perSecond(),
                        st.perSecond(),
                        fl.perSecond(),
                        im.perSecond(),
                        im.perSecond() / st.perSecond(),
                        fl.perSecond() / st.perSecond(),
                        pt.cpuMicrosPerRecord(),
                        st.cpuMicrosPerRecord(),
                        fl.cpuMicrosPerRecord(),
                        im.cpuMicrosPerRecord(),
                        st.cpuMicrosPerRecord() / im.cpuMicrosPerRecord());
                rows.add(row);
                out.println("round " + row);
                out.println("  CPU µs/record by thread, passthrough:  " + pt.cpuBreakdown());
                out.println("  CPU µs/record by thread, identity:     " + st.cpuBreakdown());
                out.println("  CPU µs/record by thread, output floor: " + fl.cpuBreakdown());
                out.println("  CPU µs/record by thread, imwatch:      " + im.cpuBreakdown());
            }

            out.println();
            out.printf(
                    Locale.ROOT, "Throughput, %,d records, %d partitions, exactly-once both:%n", records, partitions);
            out.println("| round | passthrough rec/s | Streams identity rec/s | output floor rec/s | imwatch rec/s |"
                    + " imwatch / identity | floor / identity |"
                    + " CPU µs/record (passthrough / identity / floor / imwatch) | identity CPU / imwatch CPU |");
            out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            rows.forEach(out::println);
            if (CommittedProgress.detailRows() > 0) {
                out.println();
                out.println("Bytes on the broker's disk by topic (all rounds):");
                out.print(TopicBytes.report(admin));
            }
            if (latencySeconds == 0) {
                return; // throughput only
            }
            createTopics(admin, partitions, "lat.passthrough.input", "lat.passthrough.output", "lat.imwatch.input");
            long[] ptLatency = passthroughLatency(bootstrap, rate, latencySeconds);
            long[] imLatency = imwatchLatency(kafka, rate, latencySeconds, partitions);

            out.printf(
                    Locale.ROOT,
                    "%nLatency at %,d rec/s for %d s (produced -> visible to read_committed):%n",
                    rate,
                    latencySeconds);
            out.println("| system | records seen | p50 ms | p99 ms |");
            out.println("| --- | --- | --- | --- |");
            out.printf(Locale.ROOT, "| passthrough | %,d | %d | %d |%n", ptLatency[0], ptLatency[1], ptLatency[2]);
            out.printf(Locale.ROOT, "| imwatch | %,d | %d | %d |%n", imLatency[0], imLatency[1], imLatency[2]);
        }
    }

    /** The input topic and each round's passthrough and Streams identity output topics. */
    private static String[] roundTopics(int rounds) {
        List<String> names = new ArrayList<>(List.of("bench.input"));
        for (int round = 1; round <= rounds; round++) {
            names.add("bench.passthrough." + round);
            names.add("bench.streams." + round);
            names.add("bench.floor." + round);
        }
        return names.toArray(String[]::new);
    }

    private static CommittedProgress.Result passthroughThroughput(
            Admin admin, String bootstrap, String input, String output, String group, long records) throws Exception {
        Passthrough passthrough = new Passthrough(bootstrap, group, input, output);
        Thread thread = new Thread(passthrough, group);
        thread.start();
        try {
            return CommittedProgress.await(admin, group, input, records, TimeUnit.MINUTES.toMillis(10));
        } finally {
            passthrough.stop();
            thread.join();
        }
    }

    private static CommittedProgress.Result streamsThroughput(
            Admin admin, EmbeddedKafka kafka, String input, String output, String appId, long records)
            throws Exception {
        try (StreamsPassthrough streams = new StreamsPassthrough(
                kafka.bootstrapServers(),
                appId,
                input,
                output,
                kafka.scratchDir(appId).toString())) {
            CommittedProgress.Result result =
                    CommittedProgress.await(admin, appId, input, records, TimeUnit.MINUTES.toMillis(10));
            // all records are committed; a rebalance under way at that moment (Streams' own probing or
            // follow-up rebalances) does not spoil the figure, a failed client does
            if (!streams.state().isRunningOrRebalancing()) {
                throw new IllegalStateException("the Streams identity topology ended in state " + streams.state());
            }
            return result;
        }
    }

    private static CommittedProgress.Result floorThroughput(
            Admin admin,
            EmbeddedKafka kafka,
            String input,
            String output,
            String appId,
            long records,
            OutputFloor.Outputs outputs)
            throws Exception {
        try (OutputFloor floor = new OutputFloor(
                kafka.bootstrapServers(),
                appId,
                input,
                output,
                kafka.scratchDir(appId).toString(),
                outputs)) {
            CommittedProgress.Result result =
                    CommittedProgress.await(admin, appId, input, records, TimeUnit.MINUTES.toMillis(10));
            if (!floor.state().isRunningOrRebalancing()) {
                throw new IllegalStateException("the output floor ended in state " + floor.state());
            }
            return result;
        }
    }

    private static CommittedProgress.Result imwatchThroughput(
            Admin admin, EmbeddedKafka kafka, String input, String appId, long records, int partitions)
            throws Exception {
        try (ImwatchApp app = startImwatch(kafka, input, appId, partitions)) {
            CommittedProgress.Result result =
                    CommittedProgress.await(admin, appId, input, records, TimeUnit.MINUTES.toMillis(10));
            if (!app.state().isRunningOrRebalancing()) {
                throw new IllegalStateException("imwatch ended in state " + app.state());
            }
            return result;
        }
    }

    private static long[] passthroughLatency(String bootstrap, int rate, int seconds) throws Exception {
        Passthrough passthrough =
                new Passthrough(bootstrap, "lat-passthrough", "lat.passthrough.input", "lat.passthrough.output");
        Thread thread = new Thread(passthrough, "lat-passthrough");
        thread.start();
        try {
            return measureLatency(bootstrap, "lat.passthrough.input", List.of("lat.passthrough.output"), rate, seconds);
        } finally {
            passthrough.stop();
            thread.join();
        }
    }

    private static long[] imwatchLatency(EmbeddedKafka kafka, int rate, int seconds, int partitions) throws Exception {
        try (ImwatchApp app = startImwatch(kafka, "lat.imwatch.input", "lat-imwatch", partitions)) {
            app.awaitRunning(Duration.ofMinutes(1));
            var topics = app.settings().topics();
            return measureLatency(
                    kafka.bootstrapServers(),
                    "lat.imwatch.input",
                    List.of(topics.enriched(), topics.unknown(), topics.deadLetter(), topics.noCode()),
                    rate,
                    seconds);
        }
    }

    private static long[] measureLatency(String bootstrap, String input, List<String> outputs, int rate, int seconds)
            throws Exception {
        Thread.sleep(5_000); // let the system join its group before the load starts
        LatencyProbe probe = new LatencyProbe(bootstrap, outputs);
        Thread thread = new Thread(probe, "latency-probe");
        thread.start();
        Thread.sleep(2_000);
        loadAtRate(bootstrap, input, rate, seconds);
        Thread.sleep(3_000); // the last transactions commit
        probe.stop();
        thread.join();
        return new long[] {probe.count(), probe.percentile(50), probe.percentile(99)};
    }

    private static ImwatchApp startImwatch(EmbeddedKafka kafka, String input, String appId, int partitions) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        settings.put("application.id", appId);
        settings.put("input.topics", input);
        settings.put(
                "nocode.forward", "true"); // every record is written somewhere, as the passthrough writes every record
        settings.put("http.port", "0");
        settings.put("summary.interval", "0s");
        settings.put("topics.partitions", Integer.toString(partitions));
        settings.put("state.dir", kafka.scratchDir(appId).toString());
        for (String output : List.of("enriched", "unknown", "deadletter", "nocode", "counts", "alerts")) {
            settings.put("topic." + output, appId + "." + output);
        }
        settings.putAll(SharedSettings.fromProperties());
        // -Dimwatch.KEY=VALUE sets any imwatch key, e.g. -Dimwatch.kafka.num.stream.threads=2
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(SETTING_PREFIX))
                .forEach(name -> settings.put(name.substring(SETTING_PREFIX.length()), System.getProperty(name)));
        return ImwatchApp.start(
                new ConfigSources().add("benchmark", settings), true, new PrintStream(PrintStream.nullOutputStream()));
    }

    private static void createTopics(Admin admin, int partitions, String... names) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(producerProperties(bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Properties producerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    /**
     * The bulk loader: not idempotent. Its idempotent form was seen to stall a partition for the
     * whole 120 s delivery timeout on the in-process broker, then fail batches that had in fact been
     * written; the harness measures whatever number of records the topic ends up holding.
     */
    private static KafkaProducer<byte[], byte[]> loadProducer(String bootstrap) {
        Properties p = producerProperties(bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Loads {@code count} mixed records as fast as the producer goes; returns the bytes loaded. */
    private static long load(String bootstrap, String topic, int count, long seed) {
        DemoTraffic traffic = new DemoTraffic(seed, true);
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = loadProducer(bootstrap)) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                DemoEvent event = traffic.next(now);
                bytes += event.value().length;
                producer.send(new ProducerRecord<>(topic, null, now, event.key(), event.value()));
            }
        }
        return bytes;
    }

    /** The records {@code topic} holds: what every system then drains and is timed on. */
    private static long heldRecords(Admin admin, String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        long held = admin.listOffsets(partitions).all().get().values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                .sum();
        return held;
    }

    /** Produces at {@code rate} records/s for {@code seconds}, each stamped with its send time. */
    private static void loadAtRate(String bootstrap, String topic, int rate, int seconds) throws InterruptedException {
        DemoTraffic traffic = new DemoTraffic(99, true);
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            long start = System.currentTimeMillis();
            long sent = 0;
            while (System.currentTimeMillis() - start < seconds * 1000L) {
                long due = (System.currentTimeMillis() - start) * rate / 1000;
                for (; sent < due; sent++) {
                    long now = System.currentTimeMillis();
                    DemoEvent event = traffic.next(now);
                    producer.send(new ProducerRecord<>(topic, null, now, event.key(), event.value()));
                }
                Thread.sleep(5);
            }
        }
    }
}
