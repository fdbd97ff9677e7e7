package io.imwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A setting only the cluster or Kafka can refuse still stops `imwatch run` fast, exit 2, with one
 * line on the console that names the setting and the fix: no stack trace, no flood of retries.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StartupErrorsIT {

    /** Generous for a loaded machine: a JVM start, the check's 5 s, and the exit. */
    private static final Duration FAST = Duration.ofSeconds(45);

    private static String fail(Path console, String... args) throws Exception {
        try (JarRun imwatch = JarRun.start(console, Map.of(), args)) {
            long start = System.nanoTime();
            Integer exit = imwatch.awaitExit(FAST);
            assertThat(exit)
                    .as("exit status within %s; console:%n%s", FAST, imwatch.console())
                    .isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
            String out = imwatch.console().strip();
            assertThat(out.lines()).as(out).hasSize(1);
            return out;
        }
    }

    @Test
    void shouldSayInOneLineThatNoBrokerAnswers(@TempDir Path dir) throws Exception {
        assertThat(fail(dir.resolve("console.txt"), "--bootstrap-servers", "localhost:1"))
                .startsWith("imwatch: cannot reach the Kafka cluster at bootstrap.servers=localhost:1"
                        + " (from command line): no broker answered within 5000 ms;")
                .contains("check bootstrap.servers");
    }

    @Test
    void shouldSayInOneLineThatTheBootstrapHostDoesNotResolve(@TempDir Path dir) throws Exception {
        assertThat(fail(dir.resolve("console.txt"), "--bootstrap-servers", "nohost.invalid:1"))
                .startsWith("imwatch: bootstrap.servers=nohost.invalid:1 (from command line):")
                .contains("give the host:port of one or more reachable Kafka brokers");
    }

    @Test
    void shouldRefuseABadKafkaValueBeforeTheEmbeddedBrokerStarts(@TempDir Path dir) throws Exception {
        assertThat(fail(dir.resolve("console.txt"), "--set", "kafka.num.stream.threads=abc"))
                .isEqualTo("imwatch: invalid configuration: kafka.num.stream.threads=abc (from command line):"
                        + " Not a number of type INT; fix it there or override it with --set"
                        + " kafka.num.stream.threads=...");
    }

    @Test
    void shouldRefuseKafkaSettingsThatDoNotGoTogether(@TempDir Path dir) throws Exception {
        // a valid value alone; exactly-once makes the producers idempotent, which needs acks=all
        assertThat(fail(dir.resolve("console.txt"), "--set", "kafka.producer.acks=0"))
                .startsWith("imwatch: invalid Kafka configuration: Must set acks to all")
                .contains("kafka.producer.acks");
    }
}
