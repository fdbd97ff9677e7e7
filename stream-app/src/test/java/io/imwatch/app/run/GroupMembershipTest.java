package io.imwatch.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ImwatchConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

    private static final Map<String, String> CLUSTER = Map.of("bootstrap.servers", "kafka:9092");

    private static GroupMembership membership(Map<String, String> settings, Map<String, String> env, String dir) {
        ImwatchConfig config =
                new ConfigSources().add("f", CLUSTER).add("g", settings).build();
        return GroupMembership.of(config, dir, env, () -> "fallback-host");
    }

    @Test
    void shouldDeriveAStaticNameFromHostAndStateDirThatLeavesOnStopByDefault() {
        GroupMembership m = membership(Map.of(), Map.of("HOSTNAME", "build-7"), "/var/lib/imwatch/state");

        assertThat(m.staticMember()).isTrue();
        assertThat(m.leaveOnClose()).as("a derived name may never come back").isTrue();
        assertThat(m.instanceId()).get().asString().matches("build-7-[0-9a-f]{8}");
        assertThat(membership(Map.of(), Map.of("HOSTNAME", "build-7"), "/var/lib/imwatch/state/../state")
                        .instanceId())
                .as("the same directory, however written, the same name")
                .isEqualTo(m.instanceId());
        assertThat(membership(Map.of(), Map.of("HOSTNAME", "build-7"), "/var/lib/imwatch/other")
                        .instanceId())
                .as("a second instance on the host has its own state directory, so its own name")
                .isNotEqualTo(m.instanceId());
    }

    @Test
    void shouldFallBackToTheLocalHostNameAndKeepOnlyCharactersKafkaAccepts() {
        assertThat(membership(Map.of(), Map.of(), "/s").instanceId())
                .get()
                .asString()
                .startsWith("fallback-host-");
        assertThat(GroupMembership.derive("my host:1/ü", "/s")).matches("my_host_1__-[0-9a-f]{8}");
    }

    @Test
    void shouldUseAGivenNameAndKeepThePlaceInTheGroupOnStop() {
        GroupMembership m = membership(Map.of("instance.id", "imwatch-2"), Map.of("HOSTNAME", "h"), "/s");

        assertThat(m.instanceId()).contains("imwatch-2");
        assertThat(m.staticMember()).isTrue();
        assertThat(m.leaveOnClose()).isFalse();
        Properties p = new Properties();
        m.applyTo(p);
        assertThat(p).containsEntry("group.instance.id", "imwatch-2");
    }

    @Test
    void shouldLeaveKafkasOwnGroupInstanceIdAlone() {
        for (String key : java.util.List.of("kafka.group.instance.id", "kafka.main.consumer.group.instance.id")) {
            GroupMembership m = membership(Map.of(key, "pod-0", "instance.id", "other"), Map.of(), "/s");
            assertThat(m.instanceId()).as(key).isEmpty();
            assertThat(m.staticMember()).isTrue();
            assertThat(m.leaveOnClose()).isFalse();
        }
    }

    @Test
    void shouldBeDynamicWhenAskedOrEmbedded() {
        GroupMembership none = membership(Map.of("instance.id", "none"), Map.of("HOSTNAME", "h"), "/s");
        assertThat(none.instanceId()).isEmpty();
        assertThat(none.staticMember()).isFalse();
        assertThat(none.leaveOnClose()).isTrue();

        GroupMembership embedded =
                GroupMembership.of(new ConfigSources().build(), "/s", Map.of("HOSTNAME", "h"), () -> "x");
        assertThat(embedded.instanceId()).isEqualTo(Optional.empty());
        assertThat(embedded.staticMember()).isFalse();
    }

    @Test
    void shouldRefuseANameKafkaWouldRefuseNamingTheKey() {
        assertThatThrownBy(() -> membership(Map.of("instance.id", "imwatch 0"), Map.of(), "/s"))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("instance.id")
                .hasMessageContaining("letters, digits");
    }
}
