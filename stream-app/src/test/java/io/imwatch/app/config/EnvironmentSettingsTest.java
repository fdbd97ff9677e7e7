package io.imwatch.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSettingsTest {

    @Test
    void shouldSetImwatchAndKafkaKeysFromTheirVariables() {
        EnvironmentSettings env = EnvironmentSettings.read(Map.of(
                "IMWATCH_HTTP_PORT", "9000",
                "IMWATCH_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "IMWATCH_KAFKA_GROUP_INSTANCE_ID", "imwatch-0",
                "IMWATCH_KAFKA_MAIN_CONSUMER_MAX_POLL_RECORDS", "500",
                "IMWATCH_INPUT_TOPICS", "a,b:turms",
                "IMWATCH_STATE_DIR", "/var/lib/imwatch/state",
                "PATH", "/usr/bin",
                "IMWATCH_", "x"));

        assertThat(env.keys())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "http.port", "9000",
                        "kafka.security.protocol", "SASL_SSL",
                        "kafka.group.instance.id", "imwatch-0",
                        "kafka.main.consumer.max.poll.records", "500",
                        "input.topics", "a,b:turms",
                        "state.dir", "/var/lib/imwatch/state"));
        assertThat(env.settings()).contains(new EnvironmentSettings.Setting("IMWATCH_HTTP_PORT", "http.port", "9000"));
        assertThat(env.warnings()).isEmpty();
    }

    @Test
    void shouldIgnoreKubernetesServiceLinksAndUnrelatedVariablesSilently() {
        Map<String, String> platform = new HashMap<>();
        // Service "imwatch" (port "http" 8080), Service "imwatch-kafka" (port 9092, unnamed), Service "imwatch-http"
        platform.putAll(Map.of(
                "IMWATCH_SERVICE_HOST", "10.96.0.10",
                "IMWATCH_SERVICE_PORT", "8080",
                "IMWATCH_SERVICE_PORT_HTTP", "8080",
                "IMWATCH_PORT", "tcp://10.96.0.10:8080",
                "IMWATCH_PORT_8080_TCP", "tcp://10.96.0.10:8080",
                "IMWATCH_PORT_8080_TCP_PROTO", "tcp",
                "IMWATCH_PORT_8080_TCP_PORT", "8080",
                "IMWATCH_PORT_8080_TCP_ADDR", "10.96.0.10"));
        platform.putAll(Map.of(
                "IMWATCH_KAFKA_SERVICE_HOST", "10.96.0.11",
                "IMWATCH_KAFKA_SERVICE_PORT", "9092",
                "IMWATCH_KAFKA_PORT", "tcp://10.96.0.11:9092",
                "IMWATCH_KAFKA_PORT_9092_TCP", "tcp://10.96.0.11:9092",
                "IMWATCH_KAFKA_PORT_9092_TCP_ADDR", "10.96.0.11",
                "IMWATCH_HTTP_PORT", "tcp://10.96.0.12:80",
                "IMWATCH_HOME", "/opt/imwatch",
                "IMWATCH_VERSION", "0.1.0"));

        EnvironmentSettings env = EnvironmentSettings.read(platform);

        assertThat(env.settings()).isEmpty();
        assertThat(env.warnings()).isEmpty();
        assertThat(env.ignored()).hasSize(platform.size());
    }

    @Test
    void shouldWarnAboutANearMissOfAKnownKeyAndIgnoreIt() {
        EnvironmentSettings env = EnvironmentSettings.read(Map.of(
                "IMWATCH_HTTP_PROT", "9000",
                "IMWATCH_KAFKA_NUM_STREAM_THREAD", "4",
                "IMWATCH_BOOTSTRAP_SERVERS", "kafka:9092"));

        assertThat(env.keys()).containsOnlyKeys("bootstrap.servers");
        assertThat(env.warnings())
                .containsExactly(
                        "ignoring environment variable IMWATCH_HTTP_PROT: not an imwatch setting;"
                                + " did you mean IMWATCH_HTTP_PORT (http.port)?",
                        "ignoring environment variable IMWATCH_KAFKA_NUM_STREAM_THREAD: not an imwatch setting;"
                                + " did you mean IMWATCH_KAFKA_NUM_STREAM_THREADS (kafka.num.stream.threads)?");
    }

    @Test
    void shouldRememberEachVariableAsTheOriginOfItsKey() {
        ConfigSources sources =
                new ConfigSources().addEnvironment(EnvironmentSettings.read(Map.of("IMWATCH_HTTP_PORT", "70000")));

        assertThat(sources.origin("http.port")).isEqualTo("environment variable IMWATCH_HTTP_PORT");
    }
}
