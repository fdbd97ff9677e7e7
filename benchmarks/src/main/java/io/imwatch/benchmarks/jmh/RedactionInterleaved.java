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
import java.util.Locale;

/**
 * {@link RedactionBenchmark#writeOnly} for a machine shared with other work: the three settings
 * take turns, one pass over the corpus each, and each keeps its fastest pass, so a burst of load
 * slows all three alike instead of whichever JMH happened to be measuring.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.imwatch.benchmarks.jmh.RedactionInterleaved [rounds]}
 */
public final class RedactionInterleaved {

    private RedactionInterleaved() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Corpus corpus = Corpus.mixed();
        Classifier classifier = Classifier.builtin();
        ClassifiedEvent[] events = new ClassifiedEvent[corpus.values.length];
        for (int i = 0; i < events.length; i++) {
            events[i] = classifier.classify(corpus.values[i], null, corpus.timestamps[i]);
        }
        String[] names = {"off", "default", "all"};
        Redactor[] redactors = {
            Redactor.OFF,
            Redactor.of(RedactionPolicy.DEFAULT),
            Redactor.of(new RedactionPolicy(
                    EnumSet.allOf(Detector.class), List.of("userId"), List.of(), RedactMode.MASK, ""))
        };
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        long bytes = 0;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < redactors.length; k++) {
                long start = System.nanoTime();
                for (ClassifiedEvent event : events) {
                    bytes += EnrichedJson.write(event, redactors[k]).length;
                }
                best[k] = Math.min(best[k], System.nanoTime() - start);
            }
        }
        for (int k = 0; k < redactors.length; k++) {
            System.out.printf(
                    Locale.ROOT,
                    "write, redaction %-7s %6.0f ns/event  %.2fx%n",
                    names[k],
                    best[k] / (double) events.length,
                    best[k] / (double) best[0]);
        }
        System.out.println("(" + bytes + " bytes written)");
    }
}
