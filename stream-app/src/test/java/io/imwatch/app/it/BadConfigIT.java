package io.imwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.embedded.EmbeddedKafka;
import io.imwatch.app.run.ImwatchApp;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Configuration that only a real cluster can show to be wrong still fails fast, leaving nothing running. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BadConfigIT {

    private static EmbeddedKafka kafka;
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldNameMissingTopicsAndTheFlagThatCreatesThem() {
        ConfigSources sources = new ConfigSources()
                .add(
                        "test",
                        Map.of(
                                "bootstrap.servers",
                                kafka.bootstrapServers(),
                                "input.topics",
                                "nowhere.logs",
                                "http.port",
                                "0"));

        assertThatThrownBy(() -> ImwatchApp.start(sources, false, QUIET))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("topics [nowhere.logs, im.codes.enriched, im.codes.unknown, im.deadletter")
                .hasMessageContaining("do not exist on " + kafka.bootstrapServers())
                .hasMessageContaining("run with --create-topics");
    }

    @Test
    void shouldRefuseAnHttpPortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            ConfigSources sources = new ConfigSources()
                    .add(
                            "test",
                            Map.of(
                                    "bootstrap.servers",
                                    kafka.bootstrapServers(),
                                    "input.topics",
                                    "taken.logs",
                                    "http.port",
                                    Integer.toString(taken.getLocalPort()),
                                    "application.id",
                                    "bad-port-" + System.nanoTime(),
                                    "summary.interval",
                                    "0s"));

            assertThatThrownBy(() -> ImwatchApp.start(sources, true, QUIET))
                    .isInstanceOf(ConfigProblem.class)
                    .hasMessageContaining("http.port " + taken.getLocalPort()
                            + " is already in use; choose another with --http-port");
        }
    }

    @Test
    void shouldSayWhenTheClusterCannotBeReached() {
        ConfigSources sources = new ConfigSources()
                .add(
                        "test",
                        Map.of(
                                "bootstrap.servers",
                                "localhost:1",
                                "http.port",
                                "0",
                                "kafka.default.api.timeout.ms",
                                "3000",
                                "kafka.request.timeout.ms",
                                "2000"));

        assertThatThrownBy(() -> ImwatchApp.start(sources, false, QUIET))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("cannot reach the Kafka cluster at bootstrap.servers=localhost:1 (from test)")
                .hasMessageContaining("no broker answered within 3000 ms")
                .hasMessageContaining("check bootstrap.servers");
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("imwatch-"));
    }
}
