package io.imwatch.benchmarks.jmh;

import io.imwatch.classify.Classifier;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The inputs that froze java.util.regex, at growing sizes: the classifier against a linear scan
 * of the same bytes (decode, read each character once). Linear time shows as a ratio that stays
 * the same as the size grows; one operation is one record.
 *
 * <ul>
 *   <li>{@code igap}: {@code majorCode=1} + spaces + {@code x} (igap-client-verbose; 3.6 s at 1,000
 *       spaces with java.util.regex)
 *   <li>{@code jmessage}: {@code responseCode=1 responseMessage=} + spaces + {@code x}
 *       (jmessage-sdk-callback's {@code (.*?)\s*$}; 15 s at 100,000 spaces)
 *   <li>{@code code}: {@code code} + {@code -} repeated (the generic and JMessage code rules
 *       search the whole line)
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class AdversarialBenchmark {

    @Param({"igap", "jmessage", "code"})
    public String input;

    @Param({"1000", "100000", "1000000"})
    public int size;

    private Classifier classifier;
    private byte[] value;
    private String vendor;

    @Setup
    public void setUp() {
        classifier = Classifier.builtin();
        String prefix;
        String unit;
        switch (input) {
            case "igap" -> {
                prefix = "majorCode=1";
                unit = " ";
                vendor = "igap";
            }
            case "jmessage" -> {
                prefix = "responseCode= responseMessage= responseCode=1 responseMessage=";
                unit = " ";
                vendor = "jmessage";
            }
            case "code" -> {
                prefix = "code";
                unit = "-";
                vendor = null;
            }
            default -> throw new IllegalArgumentException("no input " + input);
        }
        StringBuilder line = new StringBuilder(size).append(prefix);
        while (line.length() < size - 1) {
            line.append(unit);
        }
        value = line.append('x').toString().getBytes(StandardCharsets.UTF_8);
        classifier.classify(value, vendor, 0L); // fails here, not mid-measurement, if it cannot
    }

    /** The classifier on the record, as the topology runs it. */
    @Benchmark
    public Object classify() {
        return classifier.classify(value, vendor, 0L);
    }

    /** The floor: decode the bytes and read each character once. */
    @Benchmark
    public long scan() {
        String text = new String(value, StandardCharsets.UTF_8);
        long hash = 0;
        for (int i = 0; i < text.length(); i++) {
            hash = 31 * hash + text.charAt(i);
        }
        return hash;
    }
}
