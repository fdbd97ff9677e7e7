package io.imwatch.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {

    @Test
    void shouldFlattenYamlAndReadProperties(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("imwatch.yaml"), """
                bootstrap:
                  servers: kafka:9092
                input:
                  topics: [im.logs, turms.logs:turms]
                kafka:
                  security.protocol: SASL_SSL
                """);
        Path properties = Files.writeString(dir.resolve("imwatch.properties"), "http.port = 9001\ncounts.window=30s\n");

        assertThat(ConfigSources.fromFile(yaml))
                .containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("input.topics", "im.logs,turms.logs:turms")
                .containsEntry("kafka.security.protocol", "SASL_SSL");
        assertThat(ConfigSources.fromFile(properties))
                .containsEntry("http.port", "9001")
                .containsEntry("counts.window", "30s");
    }

    @Test
    void shouldLetLaterSourcesWinAndRememberWhereValuesCameFrom() {
        ConfigSources sources = new ConfigSources()
                .add("imwatch.yaml", Map.of("http.port", "9001", "counts.window", "30s"))
                .add("environment", Map.of("http.port", "9002"))
                .add("command line", Map.of("counts.window", "2m"));
        ImwatchConfig config = sources.build();

        assertThat(config.getInt(ImwatchConfig.HTTP_PORT_CONFIG)).isEqualTo(9002);
        assertThat(config.duration(ImwatchConfig.COUNTS_WINDOW_CONFIG)).isEqualTo(Duration.ofMinutes(2));
        assertThat(sources.origin("http.port")).isEqualTo("environment");
        assertThat(sources.origin("application.id")).isEqualTo("default");
        assertThat(config.kafkaPassThrough()).isEmpty();
    }

    @Test
    void shouldRejectUnknownKeysSuggestingTheClosestOne() {
        ConfigSources sources = new ConfigSources().add("IMWATCH_*", Map.of("http.prot", "9000"));

        assertThatThrownBy(sources::build)
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("unknown key 'http.prot' (from IMWATCH_*); did you mean 'http.port'?");
    }

    @Test
    void shouldAcceptTheLogLevelThatLog4jAlsoReadsFromTheEnvironment() {
        ImwatchConfig config = new ConfigSources()
                .addEnvironment(EnvironmentSettings.read(Map.of("IMWATCH_LOG_LEVEL", "debug")))
                .build();

        assertThat(config.getString(ImwatchConfig.LOG_LEVEL_CONFIG)).isEqualTo("debug");
        assertThatThrownBy(() -> new ConfigSources()
                        .add("command line", Map.of("log.level", "LOUD"))
                        .build())
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("log.level");
    }

    @Test
    void shouldNameKeyValueAndSourceOfABadValue() {
        ConfigSources sources = new ConfigSources().add("command line", Map.of("http.port", "70000"));

        assertThatThrownBy(sources::build)
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("Invalid value 70000 for configuration http.port")
                .hasMessageContaining("set by command line");
    }

    @Test
    void shouldExplainDurationsItCannotRead() {
        assertThatThrownBy(() -> new ConfigSources()
                        .add("f", Map.of("counts.window", "a minute"))
                        .build())
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("counts.window")
                .hasMessageContaining("use a duration such as 500ms, 30s, 5m, 1h or PT1M");
        assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldKeepTheClassifyBudgetWithinItsRange() {
        assertThat(new ConfigSources().build().duration(ImwatchConfig.CLASSIFY_BUDGET_CONFIG))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(new ConfigSources()
                        .add("f", Map.of("classify.budget", "250ms"))
                        .build()
                        .duration(ImwatchConfig.CLASSIFY_BUDGET_CONFIG))
                .isEqualTo(Duration.ofMillis(250));
        for (String bad : new String[] {"0s", "1h", "soon"}) {
            assertThatThrownBy(() -> new ConfigSources()
                            .add("f", Map.of("classify.budget", bad))
                            .build())
                    .isInstanceOf(ConfigProblem.class)
                    .hasMessageContaining(
                            "Invalid value " + bad + " for configuration classify.budget: use a duration");
        }
        assertThatThrownBy(() -> new ConfigSources()
                        .add("f", Map.of("classify.budget", "0s"))
                        .build())
                .hasMessageContaining("use a duration from 1ms to 10m");
    }

    @Test
    void shouldPassKafkaSettingsThroughWithoutThePrefix() {
        ImwatchConfig config = new ConfigSources()
                .add("f", Map.of("kafka.security.protocol", "SASL_SSL", "kafka.num.stream.threads", "4"))
                .build();

        assertThat(config.kafkaPassThrough())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("num.stream.threads", "4");
    }

    @Test
    void shouldCheckKafkaValuesWithKafkasOwnDefinitionsNamingKeySourceAndFix() {
        ConfigSources sources = new ConfigSources()
                .add("imwatch.yaml", Map.of("kafka.consumer.max.poll.records", "many"))
                .add("command line", Map.of("kafka.num.stream.threads", "abc"));

        assertThatThrownBy(sources::build)
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("kafka.num.stream.threads=abc (from command line): Not a number of type INT;"
                        + " fix it there or override it with --set kafka.num.stream.threads=...")
                .hasMessageContaining("kafka.consumer.max.poll.records=many (from imwatch.yaml)");
    }

    @Test
    void shouldCheckValidatorsOfKafkaKeysNotOnlyTypes() {
        ConfigSources sources = new ConfigSources().add("f", Map.of("kafka.security.protocol", "PLAINTEXTT"));

        assertThatThrownBy(sources::build)
                .isInstanceOf(ConfigProblem.class)
                .hasMessageStartingWith("invalid configuration: kafka.security.protocol=PLAINTEXTT (from f)");
    }

    @Test
    void shouldRefuseANearMissOfAKafkaKeyButPassUnknownPluginSettingsOn() {
        assertThatThrownBy(() -> new ConfigSources()
                        .add("f", Map.of("kafka.num.stream.thread", "4"))
                        .build())
                .isInstanceOf(ConfigProblem.class)
                .hasMessage("invalid configuration: unknown Kafka setting 'kafka.num.stream.thread' (from f);"
                        + " did you mean 'kafka.num.stream.threads'?");

        ImwatchConfig config = new ConfigSources()
                .add(
                        "f",
                        Map.of(
                                "kafka.schema.registry.url", "http://registry:8081",
                                "kafka.producer.linger.ms", "5",
                                "kafka.topic.min.insync.replicas", "2",
                                "kafka.client.tag.zone", "eu-1"))
                .build();
        assertThat(config.kafkaPassThrough())
                .containsEntry("schema.registry.url", "http://registry:8081")
                .containsEntry("producer.linger.ms", "5");
    }
}
