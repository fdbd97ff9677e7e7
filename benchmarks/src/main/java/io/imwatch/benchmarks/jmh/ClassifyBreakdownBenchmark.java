package io.imwatch.benchmarks.jmh;

import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.output.EnrichFields;
import io.imwatch.classify.output.EnrichedJson;
import io.imwatch.classify.redact.Redactor;
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
 * Where {@link ClassifyBenchmark#classifyAndWrite}'s time goes, over the same mixed corpus: reading
 * the event ({@code parse}: UTF-8 check, JSON tree or line, envelopes, hints, time), reading plus
 * extraction and lookup ({@code classify}), and writing the enriched JSON of events classified
 * beforehand ({@code write}). One operation is one event.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class ClassifyBreakdownBenchmark {

    /** The {@code enrich.fields} choice written: {@code lean} (the default) or {@code full}. */
    @Param({"lean"})
    public String fields;

    private EnrichFields enrichFields;
    private Classifier classifier;
    private LogEventParser parser;
    private byte[][] values;
    private long[] timestamps;
    private ClassifiedEvent[] classified;

    @Setup
    public void setUp() {
        Corpus corpus = Corpus.mixed();
        classifier = Classifier.builtin();
        enrichFields = EnrichFields.parse(fields);
        corpus.checkClassifies(classifier);
        parser = classifier.parser();
        values = corpus.values;
        timestamps = corpus.timestamps;
        classified = new ClassifiedEvent[values.length];
        for (int i = 0; i < values.length; i++) {
            classified[i] = classifier.classify(values[i], null, timestamps[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(Corpus.SIZE)
    public void parse(Blackhole bh) {
        for (int i = 0; i < values.length; i++) {
            bh.consume(parser.parse(values[i], timestamps[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(Corpus.SIZE)
    public void classify(Blackhole bh) {
        for (int i = 0; i < values.length; i++) {
            bh.consume(classifier.classify(values[i], null, timestamps[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(Corpus.SIZE)
    public void write(Blackhole bh) {
        for (ClassifiedEvent event : classified) {
            bh.consume(EnrichedJson.write(event, Redactor.OFF, enrichFields));
        }
    }
}
