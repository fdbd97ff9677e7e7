package io.imwatch.benchmarks.e2e;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * CPU time of this process split by the kind of thread that spent it: the stream threads (the
 * application's own work and the Streams framework), the producers' I/O threads, the harness's
 * own polling (main thread, admin client), the broker, and
 * the threads no Java API shows — the JIT's compilers, the collector and RocksDB's compactions,
 * read from {@code /proc/self/task} (Linux; elsewhere they stay in {@code other}). A difference
 * of two snapshots says where a span's CPU went; threads that ended inside the span are lost to
 * it, and {@code other} is the process minus everything counted.
 */
record ThreadCpu(long processNanos, Map<Long, Sample> javaThreads, Map<String, Sample> nativeThreads) {

    record Sample(String group, String name, long nanos) {}

    /** Groups in the order they are printed. */
    static final String[] GROUPS = {
        "stream", "producer-io", "global", "harness", "broker", "jit", "gc", "rocksdb", "other"
    };

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** Linux's USER_HZ: /proc reports thread times in these ticks. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    static ThreadCpu now() {
        Map<Long, Sample> java = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                java.put(info.getThreadId(), new Sample(javaGroup(info.getThreadName()), info.getThreadName(), cpu));
            }
        }
        return new ThreadCpu(OS.getProcessCpuTime(), java, readNativeThreads());
    }

    static String javaGroup(String name) {
        if (name.contains("GlobalStreamThread")) {
            return "global";
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return "producer-io";
        }
        if (name.contains("StreamThread") || name.startsWith("passthrough") || name.startsWith("lat-")) {
            return "stream";
        }
        if (name.equals("main") || name.startsWith("kafka-admin-client")) {
            return "harness";
        }
        return "broker";
    }

    /** The JVM's compiler and collector threads and RocksDB's, by task id, from /proc. */
    private static Map<String, Sample> readNativeThreads() {
        Map<String, Sample> tasks = new HashMap<>();
        Path dir = Path.of("/proc/self/task");
        if (!Files.isDirectory(dir)) {
            return tasks;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(open + 1, close);
                    String group = nativeGroup(comm);
                    if (group != null) {
                        String[] fields = stat.substring(close + 2).split(" ");
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        tasks.put(task.getFileName().toString(), new Sample(group, comm, ticks * NANOS_PER_TICK));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked: its time is lost to this span
                }
            });
        } catch (IOException e) {
            return tasks;
        }
        return tasks;
    }

    private static String nativeGroup(String comm) {
        if (comm.contains("CompilerThre") || comm.startsWith("Sweeper")) {
            return "jit";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
            return "gc";
        }
        if (comm.startsWith("rocksdb")) {
            return "rocksdb";
        }
        return null;
    }

    /**
     * The {@code n} Java thread names (digits folded, so that a pool is one line) that spent the
     * most CPU between {@code start} and this snapshot, in µs per record: what a group is made of.
     */
    String topThreads(ThreadCpu start, int n, long records) {
        Map<String, Long> byName = new HashMap<>();
        addDeltas(
                javaThreads,
                start.javaThreads,
                byName,
                sample -> sample.group() + ": "
                        + sample.name()
                                .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "ID")
                                .replaceAll("\\d+", "N"));
        StringBuilder s = new StringBuilder();
        byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(n)
                .forEach(e -> s.append(String.format(
                        Locale.ROOT, "    %6.2f  %s%n", e.getValue() / 1000.0 / Math.max(1, records), e.getKey())));
        return s.toString();
    }

    /** CPU per group between {@code start} and this snapshot, in nanoseconds. */
    Map<String, Long> since(ThreadCpu start) {
        Map<String, Long> byGroup = new LinkedHashMap<>();
        for (String group : GROUPS) {
            byGroup.put(group, 0L);
        }
        long counted = 0;
        counted += addDeltas(javaThreads, start.javaThreads, byGroup, Sample::group);
        counted += addDeltas(nativeThreads, start.nativeThreads, byGroup, Sample::group);
        byGroup.put("other", Math.max(0, processNanos - start.processNanos - counted));
        return byGroup;
    }

    /** Adds each thread's CPU since {@code before} under its {@code key}; returns the total added. */
    private static <K> long addDeltas(
            Map<K, Sample> now, Map<K, Sample> before, Map<String, Long> byKey, Function<Sample, String> key) {
        long total = 0;
        for (Map.Entry<K, Sample> e : now.entrySet()) {
            Sample then = before.get(e.getKey());
            long spent = e.getValue().nanos() - (then == null ? 0 : then.nanos());
            byKey.merge(key.apply(e.getValue()), spent, Long::sum);
            total += spent;
        }
        return total;
    }

    /** "stream 12.1 / producer-io 2.0 / ..." in µs per record. */
    static String perRecord(Map<String, Long> byGroup, long records) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Long> e : byGroup.entrySet()) {
            if (s.length() > 0) {
                s.append(" / ");
            }
            s.append(String.format(
                    Locale.ROOT, "%s %.1f", e.getKey(), records == 0 ? 0 : e.getValue() / 1000.0 / records));
        }
        return s.toString();
    }
}
