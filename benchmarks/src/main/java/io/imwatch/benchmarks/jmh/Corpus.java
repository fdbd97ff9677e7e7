package io.imwatch.benchmarks.jmh;

import io.imwatch.app.demo.DemoEvent;
import io.imwatch.app.demo.DemoTraffic;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Classifier;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fixed event sets the benchmarks read: {@link DemoTraffic} with a fixed seed and fixed
 * timestamps, without malformed records, so that every run measures the same bytes.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.imwatch.benchmarks.jmh.Corpus} prints what the
 * corpora hold.
 */
final class Corpus {

    /** Events in each corpus; also each benchmark's operations per invocation. */
    static final int SIZE = 10_000;

    static final long SEED = 20_261_120L;

    /** The first event's time; events are {@link #STEP_MILLIS} apart. */
    static final long START_MILLIS = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    static final long STEP_MILLIS = 25;

    /** Record values, one per event. */
    final byte[][] values;

    /** Record timestamps (epoch ms), one per event. */
    final long[] timestamps;

    /** What the generator meant each event to be, e.g. {@code turms-gateway-api}. */
    final String[] kinds;

    private Corpus(int size) {
        this.values = new byte[size][];
        this.timestamps = new long[size];
        this.kinds = new String[size];
    }

    /** The first {@link #SIZE} events of the mixed traffic: every vendor, JSON and text. */
    static Corpus mixed() {
        return generate(false);
    }

    /** The first {@link #SIZE} text lines of the same traffic (values that do not start with '{'). */
    static Corpus textLines() {
        return generate(true);
    }

    private static Corpus generate(boolean textOnly) {
        DemoTraffic traffic = new DemoTraffic(SEED, false);
        Corpus corpus = new Corpus(SIZE);
        long now = START_MILLIS;
        int n = 0;
        while (n < SIZE) {
            DemoEvent event = traffic.next(now);
            now += STEP_MILLIS;
            if (textOnly && isJson(event.value())) {
                continue;
            }
            corpus.values[n] = event.value();
            corpus.timestamps[n] = event.timestamp();
            corpus.kinds[n] = event.kind();
            n++;
        }
        return corpus;
    }

    static boolean isJson(byte[] value) {
        return value.length > 0 && value[0] == '{';
    }

    /** Classifies every event once, so that a broken corpus fails at setup, not mid-measurement. */
    void checkClassifies(Classifier classifier) {
        int withCodes = 0;
        for (int i = 0; i < values.length; i++) {
            if (!classifier.classify(values[i], null, timestamps[i]).codes().isEmpty()) {
                withCodes++;
            }
        }
        if (withCodes == 0) {
            throw new IllegalStateException("no event of the corpus has a code: the benchmark would measure nothing");
        }
    }

    /** Prints each corpus by kind and by route. */
    public static void main(String[] args) {
        Classifier classifier = Classifier.builtin();
        print("mixed", mixed(), classifier);
        print("text lines", textLines(), classifier);
    }

    private static void print(String name, Corpus corpus, Classifier classifier) {
        Map<String, Integer> byKind = new TreeMap<>();
        Map<String, Integer> byRoute = new TreeMap<>();
        long bytes = 0;
        int json = 0;
        for (int i = 0; i < corpus.values.length; i++) {
            byKind.merge(corpus.kinds[i], 1, Integer::sum);
            ClassifiedEvent classified = classifier.classify(corpus.values[i], null, corpus.timestamps[i]);
            byRoute.merge(classified.route().id(), 1, Integer::sum);
            bytes += corpus.values[i].length;
            json += isJson(corpus.values[i]) ? 1 : 0;
        }
        System.out.printf(
                "%s: %d events, %d JSON, %d text, %d bytes (mean %d)%n",
                name, corpus.values.length, json, corpus.values.length - json, bytes, bytes / corpus.values.length);
        System.out.printf("  by route: %s%n", byRoute);
        byKind.forEach((kind, count) -> System.out.printf("  %-28s %5d%n", kind, count));
    }
}
