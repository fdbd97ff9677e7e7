package io.imwatch.deploycheck;

import static io.imwatch.deploycheck.DeployFiles.K8S;
import static io.imwatch.deploycheck.KubernetesBase.KUSTOMIZATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.deploycheck.KubernetesBase.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/kubernetes read as files (no kubectl needed): the kustomization lists every manifest, every
 * object is well named, the base has what imwatch needs, and what selects the pods selects them.
 */
class KubernetesManifestsTest {

    private static final Pattern DNS1123 =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final KubernetesBase base = new KubernetesBase();

    static List<String> listedFiles() {
        return new KubernetesBase().listed();
    }

    @Test
    void shouldFindEveryFileOfTheConfigMapGenerator() {
        for (String file : base.generatorFiles()) {
            assertThat(Files.isRegularFile(DeployFiles.path(K8S + "/" + file)))
                    .as("%s: configMapGenerator names %s, which does not exist", KUSTOMIZATION, file)
                    .isTrue();
        }
    }

    @Test
    void shouldListEveryManifestInResources() {
        Set<String> notManifests = new TreeSet<>(base.generatorFiles());
        notManifests.add("kustomization.yaml");
        for (String rel : DeployFiles.yamlFiles(K8S)) {
            String file = Path.of(rel).getFileName().toString();
            if (!notManifests.contains(file)) {
                assertThat(base.listed())
                        .as("%s: %s is not listed in resources: kubectl apply -k would skip it", KUSTOMIZATION, file)
                        .contains(file);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("listedFiles")
    void shouldHoldOnlyCompleteValidlyNamedObjects(String file) {
        String rel = K8S + "/" + file;
        assertThat(Files.isRegularFile(DeployFiles.path(rel)))
                .as("%s lists resource %s, which does not exist", KUSTOMIZATION, file)
                .isTrue();
        for (JsonNode doc : DeployFiles.yamlDocuments(rel)) {
            String kind = doc.path("kind").asText(null);
            String name = doc.at("/metadata/name").asText(null);
            assertThat(doc.hasNonNull("apiVersion") && kind != null && name != null)
                    .as("%s: a document lacks apiVersion, kind or metadata.name", rel)
                    .isTrue();
            assertThat(DNS1123.matcher(name).matches() && name.length() <= 253)
                    .as("%s: %s name '%s' is not a DNS-1123 name", rel, kind, name)
                    .isTrue();
        }
    }

    @Test
    void shouldHaveWhatImwatchNeeds() {
        Set<String> kinds = new TreeSet<>();
        base.resources().forEach(r -> kinds.add(r.kind()));
        assertThat(kinds)
                .as("kinds in %s", K8S)
                .contains("StatefulSet", "Service", "PodDisruptionBudget", "PrometheusRule");
        assertThat(kinds.contains("PodMonitor") || kinds.contains("ServiceMonitor"))
                .as("%s has no PodMonitor or ServiceMonitor: Prometheus would not scrape imwatch", K8S)
                .isTrue();
        assertThat(!base.generatedConfigMaps().isEmpty() || kinds.contains("ConfigMap"))
                .as("%s has no ConfigMap with imwatch.yaml", K8S)
                .isTrue();
    }

    @Test
    void shouldSelectTheImwatchPodsFromEveryServiceAndPodDisruptionBudget() {
        JsonNode pods = podLabels();
        int replicas =
                DeployFiles.intOr(statefulSet().doc().at("/spec/replicas").asText(null), 1);
        for (Resource r : base.ofKind("Service")) {
            JsonNode sel = r.doc().at("/spec/selector");
            assertThat(KubernetesBase.selects(sel, pods))
                    .as("%s: selector %s does not select the pods %s", r.where(), sel, pods)
                    .isTrue();
            for (JsonNode p : r.doc().at("/spec/ports")) {
                String target = p.has("targetPort")
                        ? p.path("targetPort").asText()
                        : p.path("port").asText();
                assertThat(containerPortNames().contains(target)
                                || containerPortNumbers().contains(target))
                        .as("%s: targetPort %s is no container port", r.where(), target)
                        .isTrue();
            }
        }
        for (Resource r : base.ofKind("PodDisruptionBudget")) {
            JsonNode sel = r.doc().at("/spec/selector/matchLabels");
            assertThat(KubernetesBase.selects(sel, pods))
                    .as("%s: selector %s does not select the pods %s", r.where(), sel, pods)
                    .isTrue();
            JsonNode min = r.doc().at("/spec/minAvailable");
            JsonNode max = r.doc().at("/spec/maxUnavailable");
            assertThat(min.isMissingNode() != max.isMissingNode())
                    .as("%s: set exactly one of minAvailable or maxUnavailable", r.where())
                    .isTrue();
            if (!min.isMissingNode() && !min.asText().endsWith("%")) {
                assertThat(DeployFiles.intOr(min.asText(), 0))
                        .as(
                                "%s: minAvailable %s >= replicas %s: node drains would block forever",
                                r.where(), min.asText(), replicas)
                        .isLessThan(replicas);
            }
        }
    }

    @Test
    void shouldScrapeTheImwatchPodsAsJobImwatch() {
        JsonNode pods = podLabels();
        for (Resource r : base.ofKind("PodMonitor")) {
            JsonNode sel = r.doc().at("/spec/selector/matchLabels");
            assertThat(KubernetesBase.selects(sel, pods))
                    .as("%s: selector %s does not select the pods %s", r.where(), sel, pods)
                    .isTrue();
            for (JsonNode ep : r.doc().at("/spec/podMetricsEndpoints")) {
                assertThat(containerPortNames())
                        .as(
                                "%s: port '%s' is a named container port",
                                r.where(), ep.path("port").asText())
                        .contains(ep.path("port").asText());
                assertThat(ep.path("path").asText()).as("%s: path", r.where()).isEqualTo("/metrics");
            }
            String jobLabel = r.doc().at("/spec/jobLabel").asText(null);
            assertThat(jobLabel == null ? null : pods.path(jobLabel).asText(null))
                    .as(
                            "%s: set jobLabel to a pod label whose value is imwatch, so job=\"imwatch\" as in the compose "
                                    + "stack and the rules (jobLabel %s)",
                            r.where(), jobLabel)
                    .isEqualTo("imwatch");
        }
        for (Resource r : base.ofKind("ServiceMonitor")) {
            JsonNode sel = r.doc().at("/spec/selector/matchLabels");
            assertThat(base.ofKind("Service"))
                    .as("%s: selector %s selects no Service", r.where(), sel)
                    .anyMatch(s -> KubernetesBase.selects(sel, s.doc().at("/metadata/labels")));
        }
    }

    private Resource statefulSet() {
        return base.ofKind("StatefulSet").stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError(K8S + " has no StatefulSet"));
    }

    private JsonNode podLabels() {
        return statefulSet().doc().at("/spec/template/metadata/labels");
    }

    private JsonNode imwatchContainer() {
        for (JsonNode c : statefulSet().doc().at("/spec/template/spec/containers")) {
            if ("imwatch".equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError(statefulSet().where() + " has no container named imwatch");
    }

    private List<String> containerPortNames() {
        return imwatchContainer().path("ports").findValuesAsText("name");
    }

    private List<String> containerPortNumbers() {
        return imwatchContainer().path("ports").findValuesAsText("containerPort");
    }
}
