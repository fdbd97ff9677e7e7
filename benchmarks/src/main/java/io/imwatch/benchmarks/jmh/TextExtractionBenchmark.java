package io.imwatch.benchmarks.jmh;

import io.imwatch.classify.Classifier;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Text-line extraction and catalogue lookup, without writing JSON, on one thread over the
 * text-lines corpus; the baseline only decodes each line. One operation is one line.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class TextExtractionBenchmark {

    private Classifier classifier;
    private byte[][] values;
    private long[] timestamps;

    @Setup
    public void setUp() {
        Corpus corpus = Corpus.textLines();
        classifier = Classifier.builtin();
        corpus.checkClassifies(classifier);
        values = corpus.values;
        timestamps = corpus.timestamps;
    }

    /** Read the line, extract its codes and look them up. */
    @Benchmark
    @OperationsPerInvocation(Corpus.SIZE)
    public void classify(Blackhole bh) {
        for (int i = 0; i < values.length; i++) {
            bh.consume(classifier.classify(values[i], null, timestamps[i]));
        }
    }

    /** The floor: decode each line to a String and nothing else. */
    @Benchmark
    @OperationsPerInvocation(Corpus.SIZE)
    public void decodeOnly(Blackhole bh) {
        for (byte[] value : values) {
            bh.consume(new String(value, StandardCharsets.UTF_8));
        }
    }
}
