package io.imwatch.benchmarks.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time the benchmark threads spent per operation, next to JMH's wall-clock score: on a
 * shared machine other processes take turns on the cores and lower the wall-clock throughput,
 * while CPU time per operation barely moves. Reports {@code cpu.time.norm} (ns of CPU per
 * operation) and {@code cpu.thrpt} (operations per CPU-second, i.e. the throughput of one core
 * the benchmark had to itself). Counts every operation of the iteration, including those JMH runs
 * outside the timed window to synchronise threads, because the CPU time covers them too.
 *
 * <p>Usage: {@code java -jar benchmarks/target/benchmarks.jar ... -prof io.imwatch.benchmarks.jmh.CpuTimeProfiler}
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Map<Long, Long> before = Map.of();

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workerCpuNanos();
    }

    @Override
    public Collection<ScalarResult> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long cpuNanos = 0;
        for (Map.Entry<Long, Long> worker : workerCpuNanos().entrySet()) {
            cpuNanos += worker.getValue() - before.getOrDefault(worker.getKey(), 0L);
        }
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0 || cpuNanos <= 0) {
            return List.of();
        }
        double nanosPerOp = (double) cpuNanos / ops;
        return List.of(
                new ScalarResult("cpu.time.norm", nanosPerOp, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.thrpt", 1e9 / nanosPerOp, "ops/cpu-s", AggregationPolicy.AVG));
    }

    /** CPU time (ns) of each live JMH worker thread, by thread id. */
    private static Map<Long, Long> workerCpuNanos() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().contains("jmh-worker")) {
                long nanos = THREADS.getThreadCpuTime(thread.getThreadId());
                if (nanos >= 0) {
                    cpu.put(thread.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
