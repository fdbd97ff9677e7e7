package io.imwatch.benchmarks.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.app.demo.DemoEvent;
import io.imwatch.app.demo.DemoOtlp;
import io.imwatch.app.demo.DemoTraffic;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.otlp.OtlpBatch;
import io.imwatch.classify.otlp.OtlpDecoder;
import io.imwatch.classify.output.EnrichedJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * OTLP log batches of 1, 100 and 1,000 records, protobuf and OTLP/JSON, against the same events as
 * JSON lines (the flat OpenTelemetry shape a line-per-record shipper writes): decode, classify and
 * write each event's enriched JSON, as the topology does. One operation is one log record; compare
 * the scores of one run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class OtlpBenchmark {

    /** Log records per run of a benchmark method: a multiple of every batch size. */
    static final int EVENTS = 3_000;

    private static final long SEED = 20_261_128;

    @Param({"1", "100", "1000"})
    public int batchSize;

    private Classifier classifier;
    private OtlpDecoder decoder;
    private byte[][] protoBatches;
    private byte[][] jsonBatches;
    private byte[][] jsonLines;
    private long now;

    @Setup
    public void setUp() {
        classifier = Classifier.builtin();
        decoder = new OtlpDecoder(classifier.parser(), OtlpDecoder.DEFAULT_MAX_RECORDS);
        now = System.currentTimeMillis();
        DemoTraffic traffic = new DemoTraffic(SEED, false);
        List<DemoOtlp.Log> logs = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            DemoEvent event = traffic.next(now + i);
            String service = event.kind().substring(0, event.kind().indexOf('-'));
            logs.add(new DemoOtlp.Log(service, new String(event.value(), StandardCharsets.UTF_8), now + i));
        }
        int batches = EVENTS / batchSize;
        protoBatches = new byte[batches][];
        jsonBatches = new byte[batches][];
        for (int b = 0; b < batches; b++) {
            List<DemoOtlp.Log> chunk = logs.subList(b * batchSize, (b + 1) * batchSize);
            protoBatches[b] = DemoOtlp.batch(chunk);
            jsonBatches[b] = otlpJson(chunk);
        }
        jsonLines = DemoOtlp.asJsonLines(logs).toArray(byte[][]::new);
        check();
    }

    /** The three inputs hold the same events: equal routes, record for record. */
    private void check() {
        List<String> proto = new ArrayList<>();
        List<String> json = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int b = 0; b < protoBatches.length; b++) {
            decoder.decode(protoBatches[b], now).events().forEach(e -> proto.add(route(e)));
            decoder.decode(jsonBatches[b], now).events().forEach(e -> json.add(route(e)));
        }
        for (byte[] line : jsonLines) {
            lines.add(classifier.classify(line, null, now).route().toString());
        }
        for (int i = 0; i < EVENTS; i++) {
            if (proto.size() != EVENTS
                    || !proto.get(i).equals(lines.get(i))
                    || !json.get(i).equals(lines.get(i))) {
                throw new IllegalStateException("the OTLP batches and the JSON lines do not hold the same events: "
                        + "record " + i + " goes to " + proto.get(i) + " (protobuf), " + json.get(i) + " (json), "
                        + lines.get(i) + " (line " + new String(jsonLines[i], StandardCharsets.UTF_8) + ")");
            }
        }
    }

    private String route(OtlpBatch.Event event) {
        return classifier.classify(event.event(), null).route().toString();
    }

    /** Protobuf batches: decode, then classify and write each log record. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void otlpProto(Blackhole bh) {
        for (byte[] batch : protoBatches) {
            classifyAll(decoder.decode(batch, now), bh);
        }
    }

    /** OTLP/JSON batches: decode, then classify and write each log record. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void otlpJson(Blackhole bh) {
        for (byte[] batch : jsonBatches) {
            classifyAll(decoder.decode(batch, now), bh);
        }
    }

    /** The baseline: the same events, one JSON line each. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void jsonLines(Blackhole bh) {
        for (byte[] line : jsonLines) {
            bh.consume(EnrichedJson.write(classifier.classify(line, null, now)));
        }
    }

    private void classifyAll(OtlpBatch batch, Blackhole bh) {
        for (OtlpBatch.Event event : batch.events()) {
            bh.consume(EnrichedJson.write(classifier.classify(event.event(), null)));
        }
    }

    /** OTLP/JSON as the Collector's {@code otlp_json} encoding writes it: a resource per service, in order. */
    private static byte[] otlpJson(List<DemoOtlp.Log> logs) {
        ObjectMapper json = LogEventParser.mapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode resources = root.putArray("resourceLogs");
        String service = null;
        ArrayNode records = null;
        for (DemoOtlp.Log log : logs) {
            if (!log.service().equals(service)) {
                service = log.service();
                ObjectNode resource = resources.addObject();
                ObjectNode attribute =
                        resource.putObject("resource").putArray("attributes").addObject();
                attribute.put("key", "service.name");
                attribute.putObject("value").put("stringValue", service);
                records = resource.putArray("scopeLogs").addObject().putArray("logRecords");
            }
            ObjectNode record = records.addObject();
            record.put("timeUnixNano", Long.toString(log.timeMillis() * 1_000_000L));
            record.putObject("body").put("stringValue", log.body());
        }
        try {
            return json.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
