package io.imwatch.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example overlays under deploy/examples, read as files (no kubectl): what they refer to exists and is right. */
class OverlaysTest {

    static List<String> overlays() {
        return Kustomize.directories().stream()
                .filter(d -> d.startsWith(DeployFiles.EXAMPLES + "/"))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldReferToFilesThatExist(String dir) {
        String kustomization = dir + "/kustomization.yaml";
        for (String ref : referenced(DeployFiles.yaml(kustomization))) {
            assertThat(Files.exists(DeployFiles.path(dir).resolve(ref).normalize()))
                    .as("%s refers to %s, which does not exist", kustomization, ref)
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldSetOnlyImwatchKeysWithImwatchVariablesInItsPatches(String dir) {
        for (String ref : referenced(DeployFiles.yaml(dir + "/kustomization.yaml"))) {
            Path p = DeployFiles.path(dir).resolve(ref).normalize();
            if (!Files.isRegularFile(p) || !(ref.endsWith(".yaml") || ref.endsWith(".yml"))) {
                continue;
            }
            for (JsonNode doc : DeployFiles.yamlDocuments(DeployFiles.rel(p))) {
                for (JsonNode c : doc.at("/spec/template/spec/containers")) {
                    assertThat(ImwatchKeys.environmentProblems(c.path("env").findValuesAsText("name")))
                            .as(
                                    "%s container %s env",
                                    DeployFiles.rel(p), c.path("name").asText())
                            .isEmpty();
                }
            }
        }
    }

    /** Files and directories a kustomization names: resources, configMapGenerator files, patches. */
    private static List<String> referenced(JsonNode kustomization) {
        List<String> out = new ArrayList<>(DeployFiles.strings(kustomization.path("resources")));
        kustomization
                .path("configMapGenerator")
                .forEach(g -> DeployFiles.strings(g.path("files")).forEach(f -> {
                    out.add(f.contains("=") ? f.substring(f.indexOf('=') + 1) : f);
                }));
        kustomization.path("patches").forEach(p -> {
            if (p.hasNonNull("path")) {
                out.add(p.path("path").asText());
            }
        });
        return out;
    }
}
