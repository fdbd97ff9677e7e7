package io.imwatch.deploycheck;

import static io.imwatch.deploycheck.DeployFiles.K8S;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * deploy/kubernetes as files, without kubectl: the kustomization, the ConfigMaps its generator
 * makes and every manifest it lists. (DeployManifestsTest checks what kubectl renders from it.)
 */
final class KubernetesBase {

    static final String KUSTOMIZATION = K8S + "/kustomization.yaml";

    /** One object of a manifest file. */
    record Resource(String file, String kind, String name, JsonNode doc) {
        String where() {
            return file + " " + kind + "/" + name;
        }
    }

    final JsonNode kustomization = DeployFiles.yaml(KUSTOMIZATION);

    List<String> listed() {
        return DeployFiles.strings(kustomization.path("resources"));
    }

    /** configMapGenerator entries: ConfigMap name to (key to file, relative to deploy/kubernetes). */
    Map<String, Map<String, String>> generatedConfigMaps() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (JsonNode g : kustomization.path("configMapGenerator")) {
            Map<String, String> files = new LinkedHashMap<>();
            for (String spec : DeployFiles.strings(g.path("files"))) {
                int eq = spec.indexOf('=');
                files.put(
                        eq < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, eq),
                        eq < 0 ? spec : spec.substring(eq + 1));
            }
            out.put(g.path("name").asText(), files);
        }
        return out;
    }

    Set<String> generatorFiles() {
        Set<String> out = new LinkedHashSet<>();
        generatedConfigMaps().values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** Every object of every listed manifest that exists. */
    List<Resource> resources() {
        List<Resource> out = new ArrayList<>();
        for (String file : listed()) {
            String rel = K8S + "/" + file;
            if (!Files.isRegularFile(DeployFiles.path(rel))) {
                continue;
            }
            for (JsonNode doc : DeployFiles.yamlDocuments(rel)) {
                out.add(new Resource(
                        rel,
                        doc.path("kind").asText(null),
                        doc.at("/metadata/name").asText(null),
                        doc));
            }
        }
        return out;
    }

    List<Resource> ofKind(String kind) {
        return resources().stream().filter(r -> kind.equals(r.kind())).toList();
    }

    Optional<Resource> find(String kind, String name) {
        return resources().stream()
                .filter(r -> kind.equals(r.kind()) && Objects.equals(name, r.name()))
                .findFirst();
    }

    /** The text of one key of a ConfigMap, generated or a manifest; empty when there is none. */
    Optional<String> configMapEntry(String configMap, String key) {
        Map<String, String> generated = generatedConfigMaps().get(configMap);
        if (generated != null) {
            String file = generated.get(key);
            return file == null ? Optional.empty() : Optional.of(DeployFiles.read(K8S + "/" + file));
        }
        return find("ConfigMap", configMap)
                .map(cm -> cm.doc().path("data").path(key).asText(null));
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        List<Boolean> each = new ArrayList<>();
        selector.properties()
                .forEach(e -> each.add(
                        e.getValue().asText().equals(labels.path(e.getKey()).asText(null))));
        return !each.contains(false);
    }

    /** The app's verdict on a config file's text, as if mounted under its name. */
    static List<String> configFileProblems(String name, String content) throws IOException {
        return readAsFile(name, content, ImwatchKeys::configFileProblems);
    }

    /** What the app reads from a config file's text: imwatch picks the format by the file's name. */
    interface FileReading<T> {
        T read(Path file) throws IOException;
    }

    /** Writes {@code content} to a temporary file called {@code name}, reads it with {@code reading}, deletes it. */
    static <T> T readAsFile(String name, String content, FileReading<T> reading) throws IOException {
        Path dir = Files.createTempDirectory("deploycheck-config-");
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, content);
            return reading.read(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
