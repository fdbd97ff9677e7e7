package io.imwatch.deploycheck;

import static io.imwatch.deploycheck.DeployFiles.COMPOSE;
import static org.assertj.core.api.Assertions.assertThat;

import io.imwatch.app.config.Durations;
import io.imwatch.app.config.ImwatchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compose {@code stop_grace_period} outlasts imwatch's worst-case close: ImwatchApp.close()
 * closes the demo producer, the alert forwarder, the HTTP server and Kafka Streams one after the
 * other, each bounded by its own timeout, so their sum is the worst case. Docker kills a container
 * still closing at the end of the grace period (under exactly-once: an aborted transaction and a
 * longer restore at the next start).
 */
class ShutdownGraceTest {

    private static final String APP_SRC = "stream-app/src/main/java/io/imwatch/app/";

    /** Margin for the JVM's own exit (shutdown hooks, log flush) after the bounded steps. */
    private static final long MARGIN_MS = 5_000;

    /** A timeout written as a literal in the code: found by a pattern whose group 1 is the number. */
    private record CodeBound(String file, String what, Pattern pattern, long millisPerUnit) {
        long millis() {
            Matcher m = pattern.matcher(DeployFiles.read(file));
            if (!m.find()) {
                throw new AssertionError("cannot find the " + what + " timeout in " + file + " (" + pattern
                        + "); update ShutdownGraceTest to the new code");
            }
            return Long.parseLong(m.group(1).replace("_", "")) * millisPerUnit;
        }
    }

    private static final List<CodeBound> CODE_BOUNDS = List.of(
            new CodeBound(
                    APP_SRC + "alerts/delivery/AlertForwarder.java",
                    "alert forwarder join",
                    Pattern.compile("thread\\.join\\(([\\d_]+)\\)"),
                    1),
            new CodeBound(
                    APP_SRC + "demo/DemoProducer.java",
                    "demo thread join",
                    Pattern.compile("thread\\.join\\(([\\d_]+)\\)"),
                    1),
            new CodeBound(
                    APP_SRC + "demo/DemoProducer.java",
                    "demo producer close",
                    Pattern.compile("producer\\.close\\(Duration\\.ofSeconds\\((\\d+)\\)\\)"),
                    1000),
            new CodeBound(
                    APP_SRC + "run/HttpEndpoints.java",
                    "HTTP handlers",
                    Pattern.compile("awaitTermination\\((\\d+), TimeUnit\\.SECONDS\\)"),
                    1000));

    @Test
    void shouldGiveImwatchTimeToCloseBeforeDockerKillsIt() {
        List<String> parts = new ArrayList<>();
        long streams = Durations.parse(String.valueOf(
                        ImwatchConfig.DEFINITION.defaultValues().get(ImwatchConfig.SHUTDOWN_TIMEOUT_CONFIG)))
                .toMillis();
        long worst = streams;
        parts.add("Kafka Streams close (shutdown.timeout default) " + streams / 1000.0 + " s");
        for (CodeBound b : CODE_BOUNDS) {
            long ms = b.millis();
            worst += ms;
            parts.add(b.what() + " " + ms / 1000.0 + " s");
        }
        String grace =
                new ComposeFile().service("imwatch").path("stop_grace_period").asText(null);
        long needed = worst + MARGIN_MS;
        assertThat(durationMillis(grace))
                .as(
                        "%s imwatch: stop_grace_period %s is below imwatch's worst-case close of %s s %s + %s s for the "
                                + "JVM's exit: docker would kill it mid-close; set it to at least %ss",
                        COMPOSE, grace, worst / 1000.0, parts, MARGIN_MS / 1000, (needed + 999) / 1000)
                .isGreaterThanOrEqualTo(needed);
    }

    /** A compose duration ("30s", "1m30s", "500ms") in milliseconds, or -1. */
    static long durationMillis(String text) {
        if (text == null || !text.matches("(\\d+(ms|s|m|h))+")) {
            return -1;
        }
        long total = 0;
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                default -> n * 3_600_000;
            };
        }
        return total;
    }
}
