package io.imwatch.benchmarks.e2e;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Throughput measured from outside by a group's committed offsets on the input topic: records
 * committed between the first progress and the last, over that time. Start-up and rebalances
 * do not count, and both systems are timed the same way.
 */
public final class CommittedProgress {

    /**
     * @param records committed in the measured span
     * @param millis the span
     * @param cpuNanos CPU time this whole process (broker included) used in the span
     * @param cpuByThreads that CPU time by kind of thread ({@link ThreadCpu#GROUPS})
     */
    record Result(long records, long millis, long cpuNanos, Map<String, Long> cpuByThreads) {
        double perSecond() {
            return millis == 0 ? 0 : records * 1000.0 / millis;
        }

        /** µs per record by kind of thread. */
        String cpuBreakdown() {
            return ThreadCpu.perRecord(cpuByThreads, records);
        }

        /** CPU per record: unlike the rate, not moved by time the machine gives to others. */
        double cpuMicrosPerRecord() {
            return records == 0 ? 0 : cpuNanos / 1000.0 / records;
        }
    }

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CommittedProgress() {}

    static Result await(Admin admin, String group, String topic, long total, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long firstAt = -1;
        long firstCount = 0;
        long lastAt = -1;
        long last = 0;
        long firstCpu = 0;
        long lastCpu = 0;
        ThreadCpu firstThreads = null;
        ThreadCpu lastThreads = null;
        BrokerRequests firstRequests = null;
        BrokerRequests lastRequests = null;
        while (System.currentTimeMillis() < deadline) {
            long committed = committed(admin, group, topic);
            long now = System.currentTimeMillis();
            long cpu = OS.getProcessCpuTime();
            if (committed > 0 && firstAt < 0) {
                firstAt = now;
                firstCount = committed;
                firstCpu = cpu;
                firstThreads = ThreadCpu.now();
                firstRequests = BrokerRequests.now();
            }
            if (committed > last) {
                last = committed;
                lastAt = now;
                lastCpu = cpu;
                lastThreads = ThreadCpu.now();
                lastRequests = BrokerRequests.now();
            }
            if (committed >= total) {
                break;
            }
            Thread.sleep(100);
        }
        if (last < total) {
            throw new IllegalStateException(group + " committed only " + last + " of " + total + " records in time");
        }
        int top = detailRows();
        if (top > 0) {
            // -Dbench.threads.top=N: which threads make up each group, µs per record
            System.out.printf(
                    "%s: top threads by CPU%n%s", group, lastThreads.topThreads(firstThreads, top, last - firstCount));
            System.out.printf(
                    "%s: broker requests per 100,000 records: %s%n",
                    group, lastRequests.since(firstRequests, last - firstCount, 100_000));
        }
        return new Result(last - firstCount, lastAt - firstAt, lastCpu - firstCpu, lastThreads.since(firstThreads));
    }

    /**
     * {@code -Dbench.threads.top=N}: print N threads per system, its broker requests and the
     * topics' bytes; 0 (the default) prints none of that.
     */
    static int detailRows() {
        return Integer.getInteger("bench.threads.top", 0);
    }

    /** The offsets {@code group} has committed on {@code topic}, summed over its partitions. */
    public static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }
}
