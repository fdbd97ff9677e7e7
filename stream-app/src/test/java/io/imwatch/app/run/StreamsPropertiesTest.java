package io.imwatch.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ConfigValidator;
import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.catalog.Catalog;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

    private static final String LINGER = StreamsConfig.producerPrefix("linger.ms");

    private static Properties of(Map<String, String> settings) {
        ConfigSources sources = new ConfigSources().add("test", settings);
        ImwatchConfig config = sources.build();
        return StreamsProperties.of(
                config,
                ConfigValidator.validate(config, sources, Catalog.builtin()),
                "localhost:9092",
                "/tmp/never-used",
                reason -> {});
    }

    @Test
    void shouldLingerUntilAboutTheCommitUnderExactlyOnceWhereOutputIsInvisibleUntilThen() {
        Properties p = of(Map.of());

        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(p.get(LINGER)).isEqualTo(StreamsProperties.EXACTLY_ONCE_LINGER_MS);
    }

    @Test
    void shouldLingerBrieflyUnderAtLeastOnceWhereOutputIsVisibleWhenWritten() {
        Properties p = of(Map.of("processing.guarantee", StreamsConfig.AT_LEAST_ONCE));

        assertThat(p.get(LINGER)).isEqualTo(StreamsProperties.AT_LEAST_ONCE_LINGER_MS);
    }

    @Test
    void shouldLetTheUserSetTheLinger() {
        Properties p = of(Map.of("kafka.producer.linger.ms", "5"));

        assertThat(p.get(LINGER)).isEqualTo("5");
    }

    @Test
    void shouldNeverIdleATaskToAlignItsInputsButLetTheUserTurnIdlingOn() {
        assertThat(of(Map.of()).get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
                .isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        assertThat(of(Map.of("kafka.max.task.idle.ms", "0")).get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
                .isEqualTo("0");
    }
}
