package io.imwatch.benchmarks.jmh;

import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.output.EnrichedJson;
import io.imwatch.classify.redact.Detector;
import io.imwatch.classify.redact.RedactMode;
import io.imwatch.classify.redact.RedactionPolicy;
import io.imwatch.classify.redact.Redactor;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Classify and write the mixed corpus, as {@link ClassifyBenchmark#classifyAndWrite} does, with
 * redaction off, at its default (credentials masked) and with every detector on plus a field path
 * (the demo's Turms lines carry IPv4 addresses, so {@code all} really replaces text). Compare the
 * three scores of one run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class RedactionBenchmark {

    @Param({"off", "default", "all"})
    public String redaction;

    private Classifier classifier;
    private Redactor redactor;
    private ClassifiedEvent[] classified;
    private byte[][] values;
    private long[] timestamps;

    @Setup
    public void setUp() {
        Corpus corpus = Corpus.mixed();
        classifier = Classifier.builtin();
        corpus.checkClassifies(classifier);
        values = corpus.values;
        timestamps = corpus.timestamps;
        classified = new ClassifiedEvent[values.length];
        for (int i = 0; i < values.length; i++) {
            classified[i] = classifier.classify(values[i], null, timestamps[i]);
        }
        redactor = switch (redaction) {
            case "off" -> Redactor.OFF;
            case "default" -> Redactor.of(RedactionPolicy.DEFAULT);
            case "all" ->
                Redactor.of(new RedactionPolicy(
                        EnumSet.allOf(Detector.class), List.of("userId"), List.of(), RedactMode.MASK, ""));
            default -> throw new IllegalArgumentException("redaction: off, default or all");
        };
    }

    /** Extract, look up and write the enriched JSON with this run's redaction. */
    @Benchmark
    @OperationsPerInvocation(Corpus.SIZE)
    public void classifyAndWrite(Blackhole bh) {
        for (int i = 0; i < values.length; i++) {
            bh.consume(EnrichedJson.write(classifier.classify(values[i], null, timestamps[i]), redactor));
        }
    }

    /** Only the write of events classified in advance: where redaction happens, without the rest of the path. */
    @Benchmark
    @OperationsPerInvocation(Corpus.SIZE)
    public void writeOnly(Blackhole bh) {
        for (ClassifiedEvent event : classified) {
            bh.consume(EnrichedJson.write(event, redactor));
        }
    }
}
