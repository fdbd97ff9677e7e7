package io.imwatch.benchmarks.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.output.EnrichFields;
import io.imwatch.classify.output.EnrichedJson;
import io.imwatch.classify.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The whole per-record path over the mixed corpus, against the cost of merely reading and
 * re-writing the same records with Jackson. One operation is one event; compare the two scores of
 * one run (their ratio), not scores across machines.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class ClassifyBenchmark {

    private static final ObjectMapper MAPPER = LogEventParser.mapper();

    /** The {@code enrich.fields} choice written: {@code lean} (the default) or {@code full}. */
    @Param({"lean"})
    public String fields;

    private EnrichFields enrichFields;
    private Classifier classifier;
    private byte[][] values;
    private long[] timestamps;

    @Setup
    public void setUp() {
        Corpus corpus = Corpus.mixed();
        classifier = Classifier.builtin();
        enrichFields = EnrichFields.parse(fields);
        corpus.checkClassifies(classifier);
        values = corpus.values;
        timestamps = corpus.timestamps;
    }

    /** Extract, look up and write the enriched JSON, as the topology does for each record. */
    @Benchmark
    @OperationsPerInvocation(Corpus.SIZE)
    public void classifyAndWrite(Blackhole bh) {
        for (int i = 0; i < values.length; i++) {
            bh.consume(EnrichedJson.write(
                    classifier.classify(values[i], null, timestamps[i]), Redactor.OFF, enrichFields));
        }
    }

    /**
     * Jackson alone, same output shape minus the codes: a JSON event is parsed to a tree and
     * written back; a text line is written as {@code {"message": line}}.
     */
    @Benchmark
    @OperationsPerInvocation(Corpus.SIZE)
    public void jacksonBaseline(Blackhole bh) throws IOException {
        for (byte[] value : values) {
            if (Corpus.isJson(value)) {
                bh.consume(MAPPER.writeValueAsBytes(MAPPER.readTree(value)));
            } else {
                ObjectNode wrapped = MAPPER.createObjectNode();
                wrapped.put("message", new String(value, StandardCharsets.UTF_8));
                bh.consume(MAPPER.writeValueAsBytes(wrapped));
            }
        }
    }
}
