package io.imwatch.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ConfigValidator;
import io.imwatch.app.config.EnvironmentSettings;
import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.app.run.ImwatchApp;
import io.imwatch.catalog.Catalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kustomization under deploy/ rendered with {@code kubectl kustomize}, checked as the API
 * server and the kubelet would use it. Skips without kubectl unless tools are required (CI).
 */
class DeployManifestsTest {

    private static final Pattern HASH_SUFFIX = Pattern.compile("-[a-z0-9]{10}$");

    static List<String> kustomizations() {
        return Kustomize.directories();
    }

    @BeforeAll
    static void needKubectl() {
        Kustomize.assumeKubectl();
    }

    @Test
    void shouldFindTheBaseAndTheExamples() {
        assertThat(kustomizations()).contains("deploy/kubernetes", "deploy/examples/inhouse", "deploy/examples/sasl");
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void shouldFindEveryConfigMapAndSecretAWorkloadNamesInItsNamespace(String dir) throws Exception {
        Rendered r = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        r.podSpecs().forEach((workload, podSpec) -> {
            String ns = Rendered.namespace(workload);
            for (Rendered.Reference ref : Rendered.references(podSpec)) {
                String where = Rendered.id(workload) + " " + ref.where() + ": " + ref.kind() + " " + ref.name();
                if (r.find(ref.kind(), ns, ref.name()).isPresent()) {
                    continue;
                }
                // a generated object kustomize renamed (name-<hash>) while the reference kept the old name:
                // what happens when the generator and the workload are in different namespaces
                r.ofKind(ref.kind()).stream()
                        .filter(o -> HASH_SUFFIX
                                .matcher(Rendered.name(o))
                                .replaceFirst("")
                                .equals(ref.name()))
                        .forEach(o -> problems.add(where + " is not renamed to the generated " + Rendered.id(o)));
                if (!ref.optional()) {
                    problems.add(where + " does not exist in namespace '" + ns + "': the pod would not start");
                }
            }
        });
        assertThat(problems).as("references of %s", dir).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void shouldPutEveryNamespacedObjectInTheSameNamespace(String dir) throws Exception {
        Rendered r = Kustomize.render(dir);
        Set<String> namespaces = new LinkedHashSet<>();
        List<String> without = new ArrayList<>();
        for (JsonNode o : r.objects()) {
            if (Rendered.namespaced(o)) {
                if (Rendered.namespace(o).isEmpty()) {
                    without.add(Rendered.id(o));
                } else {
                    namespaces.add(Rendered.namespace(o));
                }
            }
        }
        assertThat(without).as("objects of %s without a namespace", dir).isEmpty();
        assertThat(namespaces).as("namespaces of %s", dir).containsExactly("imwatch");
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void shouldPinEveryImageAndRunImwatchAtTheProjectVersion(String dir) throws Exception {
        Rendered r = Kustomize.render(dir);
        String version = System.getProperty("imwatch.version");
        assertThat(version)
                .as("system property imwatch.version (set by the POM)")
                .isNotBlank();
        List<String> images = new ArrayList<>();
        r.podSpecs()
                .values()
                .forEach(spec -> Rendered.containers(spec)
                        .forEach(c -> images.add(c.path("image").asText())));
        assertThat(images).isNotEmpty();
        for (String image : images) {
            String last = image.substring(image.lastIndexOf('/') + 1);
            assertThat(last.contains(":") || last.contains("@"))
                    .as("%s: image %s has no tag (means latest)", dir, image)
                    .isTrue();
            assertThat(last).as("%s: image %s", dir, image).doesNotEndWith(":latest");
            if (last.startsWith("imwatch:")) {
                assertThat(last)
                        .as("%s: image %s; bump kustomization.yaml images: newTag with the project version", dir, image)
                        .isEqualTo("imwatch:" + version);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void shouldRequestAsMuchMemoryAsTheLimit(String dir) throws Exception {
        Rendered r = Kustomize.render(dir);
        r.podSpecs()
                .forEach((workload, spec) -> Rendered.containers(spec).forEach(c -> {
                    JsonNode resources = c.path("resources");
                    assertThat(resources.at("/limits/memory").asText())
                            .as("%s %s: a memory limit, equal to the memory request", dir, Rendered.id(workload))
                            .isNotEmpty()
                            .isEqualTo(resources.at("/requests/memory").asText());
                }));
    }

    @Test
    void shouldShipNoSecretInTheBaseAndStartWithoutOne() throws Exception {
        Rendered base = Kustomize.render("deploy/kubernetes");
        // a Secret in the base would overwrite one created out of band on every `kubectl apply -k`
        assertThat(base.ofKind("Secret")).isEmpty();
        base.podSpecs()
                .values()
                .forEach(spec -> Rendered.references(spec).stream()
                        .filter(ref -> ref.kind().equals("Secret"))
                        .forEach(ref ->
                                assertThat(ref.optional()).as(ref.toString()).isTrue()));
    }

    @Test
    void shouldRollThePodsWhenTheSaslCredentialsChange() throws Exception {
        Rendered sasl = Kustomize.render("deploy/examples/sasl");
        JsonNode secret = sasl.ofKind("Secret").get(0);
        assertThat(Rendered.name(secret)).matches("imwatch-kafka-credentials-[a-z0-9]{10}");
        // the pod template names the hashed Secret: new credentials, new name, new pods
        assertThat(Rendered.references(RenderedPod.of(sasl).podSpec()))
                .anyMatch(ref -> ref.kind().equals("Secret") && ref.name().equals(Rendered.name(secret)));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void shouldListInTheReadmeExactlyTheTopicsThePodNeedsWithoutCreateTopics(String dir, @TempDir Path root)
            throws Exception {
        RenderedPod pod = RenderedPod.of(Kustomize.render(dir));
        List<String> args = pod.args();
        if (args.contains("--create-topics")) {
            return; // imwatch creates what is missing
        }
        pod.materialize(root);
        int config = args.indexOf("--config");
        assertThat(config).as("%s: args %s name a --config file", dir, args).isNotNegative();
        ConfigSources sources = new ConfigSources();
        sources.add("config", ConfigSources.fromFile(Path.of(pod.relocate(args.get(config + 1), root))));
        sources.addEnvironment(EnvironmentSettings.read(pod.containerEnvironment()));
        ImwatchConfig built = sources.build();
        Catalog catalog = Catalog.builder().addBuiltins().build();
        List<String> required = ImwatchApp.requiredTopics(ConfigValidator.validate(built, sources, catalog));

        assertThat(DeployReadme.topics())
                .as("deploy/README.md's topics vs what %s's pod needs (args %s)", dir, args)
                .containsExactlyInAnyOrderElementsOf(required);
    }
}
