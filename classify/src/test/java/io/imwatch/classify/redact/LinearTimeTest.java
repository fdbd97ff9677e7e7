package io.imwatch.classify.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every detector on long runs of the characters it reacts to: four times the input must take about
 * four times as long, not sixteen. Measured as a ratio of two sizes in the same JVM (best of
 * several runs), so a loaded machine slows both alike. A quadratic scanner does not finish 400,000
 * characters within the timeout.
 */
@Timeout(120)
class LinearTimeTest {

    private static final Redactor ALL = Redactor.of(new RedactionPolicy(
            EnumSet.allOf(Detector.class), List.of("a.b"), List.of("x(\\d+)y"), RedactMode.MASK, ""));
    private static final int SMALL = 100_000;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "@",
                "a@",
                "a.",
                "a@b.",
                "1",
                "1.",
                "1-",
                "1 ",
                "+1 ",
                "(1",
                "(1)",
                "0 1",
                "1:",
                ":",
                "a:",
                "::1:",
                "f",
                "1.1.1.1.",
                "eyJ",
                "eyJaaaaaaaaaa.",
                "eyJaaaaaaaaaa.bb.",
                "bearer ",
                "Bearer  ",
                "token=",
                "token:\"",
                "authorization: Basic ",
                "token ",
                "x1",
                "\\",
                "é1"
            })
    void redactionShouldBeLinearInTheText(String unit) {
        String small = unit.repeat(SMALL / unit.length());
        String large = unit.repeat(4 * SMALL / unit.length());

        double ratio = ratio(() -> best(large), () -> best(small));

        assertThat(ratio).as("time(4n)/time(n) for runs of '%s'", unit).isLessThan(9.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\":", "[", "{\"a\":[", "\"b\\\"\","})
    void jsonWalkShouldBeLinearInTheObject(String unit) {
        String small = json(unit, SMALL);
        String large = json(unit, 4 * SMALL);

        double ratio = ratio(() -> bestJson(large), () -> bestJson(small));

        assertThat(ratio).as("time(4n)/time(n) for JSON of '%s'", unit).isLessThan(9.0);
    }

    /**
     * The smallest of three ratios, each of best-of-seven times after a warm-up: other processes on
     * the machine can only slow a run down, never make a quadratic look linear.
     */
    private static double ratio(java.util.function.DoubleSupplier large, java.util.function.DoubleSupplier small) {
        large.getAsDouble(); // warm up: the compiled code, not the interpreter, is what is measured
        double ratio = Double.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && ratio >= 9.0; attempt++) {
            ratio = Math.min(ratio, large.getAsDouble() / small.getAsDouble());
        }
        return ratio;
    }

    /** A valid object holding {@code unit} repeated inside a string, or the nesting it opens. */
    private static String json(String unit, int length) {
        int n = length / unit.length();
        String body = unit.replace("\\\"", "x").replace("\"", "\\\"").repeat(n);
        return "{\"errCode\":1501,\"a\":{\"b\":\"" + body + "\"},\"m\":\"" + body + "\"}";
    }

    private static double best(String text) {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 7; run++) {
            long start = System.nanoTime();
            ALL.text(text);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    private static double bestJson(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 7; run++) {
            long start = System.nanoTime();
            ALL.json(bytes, 0, bytes.length);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }
}
