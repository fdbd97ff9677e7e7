package io.imwatch.app.run;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ConfigValidator;
import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.catalog.Catalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConfigCheckTest {

    private static final Catalog CATALOG = Catalog.builder().addBuiltins().build();

    private static void check(ConfigSources sources) {
        ImwatchConfig config = sources.build();
        KafkaConfigCheck.check(
                StreamsProperties.of(
                        config,
                        ConfigValidator.validate(config, sources, CATALOG),
                        config.isEmbedded()
                                ? "localhost:9092"
                                : config.getString(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG),
                        "/tmp/never-used",
                        reason -> {}),
                config,
                sources);
    }

    @Test
    void shouldAcceptImwatchsOwnKafkaSettings() {
        assertThatCode(() -> check(new ConfigSources().add("f", Map.of("kafka.num.stream.threads", "4"))))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseSettingsKafkaRefusesTogetherNamingTheKeyAndWhereItWasSet() {
        assertThatThrownBy(() -> check(new ConfigSources().add("imwatch.yaml", Map.of("kafka.producer.acks", "0"))))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageStartingWith("invalid Kafka configuration: Must set acks to all")
                .hasMessageContaining("kafka.producer.acks");
    }

    @Test
    void shouldRefuseATransactionTimeoutBelowTheCommitInterval() {
        assertThatThrownBy(() -> check(new ConfigSources()
                        .add(
                                "f",
                                Map.of(
                                        "commit.interval.ms",
                                        "60000",
                                        "kafka.producer.transaction.timeout.ms",
                                        "1000"))))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageStartingWith("invalid Kafka configuration:");
    }

    @Test
    void shouldRefuseBootstrapServersThatDoNotResolveOrParse() {
        for (String servers : List.of("nohost.invalid:1", "kafka")) {
            assertThatThrownBy(
                            () -> check(new ConfigSources().add("command line", Map.of("bootstrap.servers", servers))))
                    .isInstanceOf(ConfigProblem.class)
                    .hasMessageStartingWith("bootstrap.servers=" + servers + " (from command line): ")
                    .hasMessageEndingWith("give the host:port of one or more reachable Kafka brokers,"
                            + " e.g. --bootstrap-servers kafka:9092");
        }
    }
}
