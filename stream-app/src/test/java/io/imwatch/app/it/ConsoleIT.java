package io.imwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as README starts it (embedded broker, demo traffic, summary): the console holds
 * imwatch's own lines, no topology dump and no warning or error from Kafka; Ctrl-C/SIGTERM stops it
 * with exit 0 within a bound.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleIT {

    @Test
    void shouldShowOnlyImwatchsOwnLinesAndStopCleanly(@TempDir Path dir) throws Exception {
        try (JarRun imwatch = JarRun.start(dir.resolve("console.txt"), Map.of(), "--set", "summary.interval=2s")) {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !imwatch.isAlive()
                            || (imwatch.isReady() && imwatch.console().contains("events/s")));
            assertThat(imwatch.isAlive()).as(imwatch.console()).isTrue();
            // a few seconds of traffic: two more summaries
            String seen = imwatch.console();
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() ->
                            imwatch.console().split("events/s", -1).length >= seen.split("events/s", -1).length + 2);

            long start = System.nanoTime();
            imwatch.terminate();
            Integer exit = imwatch.awaitExit(Duration.ofMinutes(1));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            String console = imwatch.console();
            assertThat(exit).as(console).isZero();
            assertThat(took).as(console).isLessThan(Duration.ofSeconds(30));
            assertThat(console)
                    .contains("imwatch: running")
                    .doesNotContain("Topologies:")
                    .doesNotContain("Sub-topology");
            assertThat(console.lines().filter(line -> line.matches("\\S+ (WARN|ERROR) .*")))
                    .as(console)
                    .isEmpty();
            assertThat(console).doesNotContain("Exception");
        }
    }

    @Test
    void shouldShowTheTopologyWithLogLevelDebug(@TempDir Path dir) throws Exception {
        try (JarRun imwatch = JarRun.start(
                dir.resolve("console.txt"), Map.of(), "--log-level", "debug", "--set", "summary.interval=0s")) {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !imwatch.isAlive() || imwatch.isReady());

            assertThat(imwatch.console()).contains("imwatch topology:").contains("Sub-topology: 0");
            imwatch.terminate();
            assertThat(imwatch.awaitExit(Duration.ofMinutes(1))).isZero();
        }
    }
}
