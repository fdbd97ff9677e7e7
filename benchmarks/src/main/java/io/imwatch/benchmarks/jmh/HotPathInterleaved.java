package io.imwatch.benchmarks.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.output.EnrichFields;
import io.imwatch.classify.output.EnrichedJson;
import io.imwatch.classify.redact.Redactor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@link ClassifyBenchmark} and {@link ClassifyBreakdownBenchmark} for a machine shared with other
 * work: the Jackson baseline, the whole path and its stages take turns, one pass over the corpus
 * each, timed by this thread's CPU time (the JIT's and the collector's threads are not counted),
 * and each keeps its fastest pass, so a burst of load slows all alike. Ratios are against the
 * Jackson baseline of the same run. The last three passes run over text lines only
 * ({@link Corpus#textLines()}, the same number of events), the first of them being Jackson
 * wrapping each line in {@code {"message": ...}}.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.imwatch.benchmarks.jmh.HotPathInterleaved [rounds]}
 */
public final class HotPathInterleaved {

    private static final ObjectMapper MAPPER = LogEventParser.mapper();
    /** The index of the first pass over text lines only, their baseline. */
    private static final int TEXT_PASSES = 8;

    private HotPathInterleaved() {}

    /** One pass over the corpus; returns something derived from the output so nothing is optimised away. */
    private interface Pass {
        long run() throws IOException;
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Corpus corpus = Corpus.mixed();
        Classifier classifier = Classifier.builtin();
        byte[][] values = corpus.values;
        long[] times = corpus.timestamps;
        LogEventParser treeParser = new LogEventParser(
                classifier.rules().envelope(), classifier.parser().maxBytes());
        Corpus textCorpus = Corpus.textLines();
        byte[][] texts = textCorpus.values;
        long[] textTimes = textCorpus.timestamps;
        ClassifiedEvent[] classified = new ClassifiedEvent[values.length];
        for (int i = 0; i < values.length; i++) {
            classified[i] = classifier.classify(values[i], null, times[i]);
        }
        String[] names = {
            "jackson read tree + write back",
            "whole path, lean",
            "whole path, full",
            "parse (streaming selection)",
            "parse (whole tree, as before)",
            "parse + classify",
            "write, lean",
            "write, full",
            "text lines: jackson {message}",
            "text lines: parse + classify",
            "text lines: whole path, lean"
        };
        Pass[] passes = {
            () -> {
                long n = 0;
                for (byte[] value : values) {
                    if (Corpus.isJson(value)) {
                        n += MAPPER.writeValueAsBytes(MAPPER.readTree(value)).length;
                    } else {
                        ObjectNode wrapped = MAPPER.createObjectNode();
                        wrapped.put("message", new String(value, StandardCharsets.UTF_8));
                        n += MAPPER.writeValueAsBytes(wrapped).length;
                    }
                }
                return n;
            },
            () -> {
                long n = 0;
                for (int i = 0; i < values.length; i++) {
                    n += EnrichedJson.write(
                                    classifier.classify(values[i], null, times[i]), Redactor.OFF, EnrichFields.LEAN)
                            .length;
                }
                return n;
            },
            () -> {
                long n = 0;
                for (int i = 0; i < values.length; i++) {
                    n += EnrichedJson.write(
                                    classifier.classify(values[i], null, times[i]), Redactor.OFF, EnrichFields.FULL)
                            .length;
                }
                return n;
            },
            () -> {
                long n = 0;
                for (int i = 0; i < values.length; i++) {
                    n += classifier.parser().parse(values[i], times[i]).hints().length();
                }
                return n;
            },
            () -> {
                long n = 0;
                for (int i = 0; i < values.length; i++) {
                    n += treeParser.parse(values[i], times[i]).hints().length();
                }
                return n;
            },
            () -> {
                long n = 0;
                for (int i = 0; i < values.length; i++) {
                    n += classifier.classify(values[i], null, times[i]).codes().size();
                }
                return n;
            },
            () -> {
                long n = 0;
                for (ClassifiedEvent event : classified) {
                    n += EnrichedJson.write(event, Redactor.OFF, EnrichFields.LEAN).length;
                }
                return n;
            },
            () -> {
                long n = 0;
                for (ClassifiedEvent event : classified) {
                    n += EnrichedJson.write(event, Redactor.OFF, EnrichFields.FULL).length;
                }
                return n;
            },
            () -> {
                long n = 0;
                for (byte[] value : texts) {
                    ObjectNode wrapped = MAPPER.createObjectNode();
                    wrapped.put("message", new String(value, StandardCharsets.UTF_8));
                    n += MAPPER.writeValueAsBytes(wrapped).length;
                }
                return n;
            },
            () -> {
                long n = 0;
                for (int i = 0; i < texts.length; i++) {
                    n += classifier
                            .classify(texts[i], null, textTimes[i])
                            .codes()
                            .size();
                }
                return n;
            },
            () -> {
                long n = 0;
                for (int i = 0; i < texts.length; i++) {
                    n += EnrichedJson.write(
                                    classifier.classify(texts[i], null, textTimes[i]), Redactor.OFF, EnrichFields.LEAN)
                            .length;
                }
                return n;
            }
        };
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] best = new long[passes.length];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < passes.length; k++) {
                long start = threads.getCurrentThreadCpuTime();
                sink += passes[k].run();
                best[k] = Math.min(best[k], threads.getCurrentThreadCpuTime() - start);
            }
        }
        for (int k = 0; k < passes.length; k++) {
            System.out.printf(
                    Locale.ROOT,
                    "%-32s %6.0f ns CPU/event  baseline/this %.2f%n",
                    names[k],
                    best[k] / (double) values.length,
                    best[k >= TEXT_PASSES ? TEXT_PASSES : 0] / (double) best[k]);
        }
        System.out.println("(" + sink + ")");
    }
}
