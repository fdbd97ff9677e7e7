package io.imwatch.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.app.config.ConfigSources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/examples/autoscaling: KEDA's ScaledObject checked against the fields KEDA documents
 * (https://keda.sh/docs/latest/reference/scaledobject-spec/, …/scalers/apache-kafka/) and against
 * the base it scales: the StatefulSet's name, the input's partitions, the group and topic imwatch
 * commits its lag under, the standby replicas, the session timeout. The rendered overlay (kubectl)
 * leaves spec.replicas to the autoscaler.
 */
class AutoscalingTest {

    static final String DIR = DeployFiles.EXAMPLES + "/autoscaling";
    private static final String FILE = DIR + "/scaledobject.yaml";

    private static final Set<String> SPEC_FIELDS = Set.of(
            "scaleTargetRef",
            "pollingInterval",
            "cooldownPeriod",
            "initialCooldownPeriod",
            "idleReplicaCount",
            "minReplicaCount",
            "maxReplicaCount",
            "fallback",
            "advanced",
            "triggers");
    private static final Set<String> TRIGGER_FIELDS =
            Set.of("type", "name", "metadata", "authenticationRef", "metricType", "useCachedMetrics");
    private static final Set<String> KAFKA_METADATA = Set.of(
            "bootstrapServers",
            "consumerGroup",
            "topic",
            "lagThreshold",
            "activationLagThreshold",
            "offsetResetPolicy",
            "allowIdleConsumers",
            "excludePersistentLag",
            "scaleToZeroOnInvalidOffset",
            "limitToPartitionsWithLag",
            "ensureEvenDistributionOfPartitions",
            "version",
            "partitionLimitation",
            "sasl",
            "tls",
            "unsafeSsl");

    private final KubernetesBase base = new KubernetesBase();
    private final JsonNode scaled = DeployFiles.yaml(FILE);
    private final JsonNode spec = scaled.path("spec");
    private final JsonNode kafka = kafkaTrigger().path("metadata");

    @Test
    void shouldBeAKedaScaledObjectWithOnlyDocumentedFields() {
        assertThat(scaled.path("apiVersion").asText()).as(FILE).isEqualTo("keda.sh/v1alpha1");
        assertThat(scaled.path("kind").asText()).as(FILE).isEqualTo("ScaledObject");
        assertThat(fields(spec)).as("%s spec: fields KEDA does not know", FILE).isSubsetOf(SPEC_FIELDS);
        for (JsonNode trigger : spec.path("triggers")) {
            assertThat(fields(trigger)).as("%s trigger fields", FILE).isSubsetOf(TRIGGER_FIELDS);
        }
        assertThat(fields(kafka))
                .as("%s kafka trigger metadata: keys the Apache Kafka scaler does not know", FILE)
                .isSubsetOf(KAFKA_METADATA);
        kafka.properties()
                .forEach(f -> assertThat(f.getValue().isTextual())
                        .as(
                                "%s: trigger metadata %s must be a string (quote it): KEDA's CRD types metadata as strings",
                                FILE, f.getKey())
                        .isTrue());
        assertThat(spec.at("/advanced/horizontalPodAutoscalerConfig").isObject())
                .as("%s: spec.advanced.horizontalPodAutoscalerConfig.behavior paces the scaling", FILE)
                .isTrue();
    }

    @Test
    void shouldScaleTheBasesStatefulSet() {
        JsonNode target = spec.path("scaleTargetRef");
        assertThat(target.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(target.path("kind").asText()).isEqualTo("StatefulSet");
        assertThat(base.find("StatefulSet", target.path("name").asText()))
                .as("%s: scaleTargetRef.name names no StatefulSet of %s", FILE, DeployFiles.K8S)
                .isPresent();
    }

    @Test
    void shouldStayBetweenTheStandbysNeedsAndTheInputsPartitions() throws IOException {
        Map<String, String> config = config();
        int min = spec.path("minReplicaCount").asInt(0);
        int max = spec.path("maxReplicaCount").asInt(100);
        int standbys = DeployFiles.intOr(config.get("kafka.num.standby.replicas"), 1);
        int partitions = DeployFiles.intOr(config.get("topics.partitions"), 3);
        assertThat(min)
                .as(
                        "%s: minReplicaCount must leave room for kafka.num.standby.replicas=%d on other instances",
                        FILE, standbys)
                .isGreaterThanOrEqualTo(standbys + 1);
        assertThat(max)
                .as(
                        "%s: maxReplicaCount beyond the input's %d partitions (topics.partitions) only adds idle pods",
                        FILE, partitions)
                .isBetween(min, partitions);
        assertThat(kafka.path("allowIdleConsumers").asText("false"))
                .as("%s: allowIdleConsumers would scale past the partitions", FILE)
                .isEqualTo("false");
    }

    @Test
    void shouldWatchTheLagImwatchCommitsOnItsInput() throws IOException {
        Map<String, String> config = config();
        assertThat(kafka.path("consumerGroup").asText())
                .as("%s: consumerGroup must be imwatch's application.id", FILE)
                .isEqualTo(config.getOrDefault("application.id", "imwatch"));
        List<String> inputs = Arrays.stream(
                        config.getOrDefault("input.topics", "im.logs").split(","))
                .map(t -> t.strip().split(":")[0])
                .toList();
        assertThat(inputs)
                .as(
                        "%s: topic must be one of input.topics (without it KEDA sums the repartition topics' lag too)",
                        FILE)
                .contains(kafka.path("topic").asText());
        assertThat(kafka.path("bootstrapServers").asText())
                .as("%s: bootstrapServers", FILE)
                .isEqualTo(config.get("bootstrap.servers"));
        assertThat(kafka.path("lagThreshold").asText())
                .as("%s: lagThreshold", FILE)
                .matches("[1-9][0-9]*");
    }

    @Test
    void shouldScaleOnePodAtATimeAndDownSlowerThanASessionTimeout() throws IOException {
        JsonNode behavior = spec.at("/advanced/horizontalPodAutoscalerConfig/behavior");
        for (String direction : List.of("scaleUp", "scaleDown")) {
            JsonNode policies = behavior.path(direction).path("policies");
            assertThat(policies.isEmpty())
                    .as("%s: %s.policies", FILE, direction)
                    .isFalse();
            for (JsonNode policy : policies) {
                assertThat(policy.path("type").asText() + " "
                                + policy.path("value").asInt())
                        .as("%s: %s: one pod per step (each step is a rebalance)", FILE, direction)
                        .isEqualTo("Pods 1");
            }
        }
        long sessionSeconds = DeployFiles.intOr(config().get("kafka.session.timeout.ms"), 45_000) / 1000L;
        assertThat(behavior.at("/scaleDown/stabilizationWindowSeconds").asLong(300))
                .as(
                        "%s: scale-down stabilization below kafka.session.timeout.ms (%d s) would remove pods while"
                                + " a restarted one may still be rejoining",
                        FILE, sessionSeconds)
                .isGreaterThanOrEqualTo(sessionSeconds);
    }

    @Test
    void shouldLeaveReplicasToTheAutoscalerWhenRendered() throws Exception {
        Kustomize.assumeKubectl();
        Rendered rendered = Kustomize.render(DIR);
        List<JsonNode> statefulSets = rendered.ofKind("StatefulSet");
        assertThat(statefulSets).hasSize(1);
        assertThat(statefulSets.get(0).at("/spec/replicas").isMissingNode())
                .as("%s: the rendered StatefulSet still sets spec.replicas: every apply would undo the scaling", DIR)
                .isTrue();
        assertThat(rendered.ofKind("ScaledObject"))
                .extracting(o -> Rendered.namespace(o))
                .as("the ScaledObject lives in the StatefulSet's namespace")
                .containsExactly(Rendered.namespace(statefulSets.get(0)));
    }

    private JsonNode kafkaTrigger() {
        for (JsonNode trigger : spec.path("triggers")) {
            if ("kafka".equals(trigger.path("type").asText())) {
                return trigger;
            }
        }
        throw new AssertionError(FILE + " has no trigger of type kafka");
    }

    private Map<String, String> config() throws IOException {
        String text = base.configMapEntry("imwatch-config", "imwatch.yaml")
                .orElseThrow(() -> new AssertionError(DeployFiles.K8S + " generates no imwatch-config/imwatch.yaml"));
        return KubernetesBase.readAsFile("imwatch.yaml", text, ConfigSources::fromFile);
    }

    private static List<String> fields(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
