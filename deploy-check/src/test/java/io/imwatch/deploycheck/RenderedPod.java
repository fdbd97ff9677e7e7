package io.imwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first pod of a rendered StatefulSet as the kubelet would start its container {@code imwatch}:
 * the args, the environment (envFrom, then env, ConfigMap and Secret references resolved from the
 * render, the downward API's pod name and namespace, and the service-link variables of every
 * non-headless Service of its namespace unless {@code enableServiceLinks: false}), and the volumes
 * mounted under a local directory that stands in for the container's root.
 */
final class RenderedPod {

    private final Rendered rendered;
    private final JsonNode podSpec;
    private final JsonNode container;
    private final String namespace;
    private final String podName;

    private RenderedPod(Rendered rendered, JsonNode statefulSet) {
        this.rendered = rendered;
        this.podSpec = statefulSet.at("/spec/template/spec");
        this.container = Rendered.containers(podSpec).stream()
                .filter(c -> "imwatch".equals(c.path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(Rendered.id(statefulSet) + " has no container imwatch"));
        this.namespace = Rendered.namespace(statefulSet);
        this.podName = Rendered.name(statefulSet) + "-0";
    }

    /** The pod of the StatefulSet {@code imwatch} of {@code rendered}. */
    static RenderedPod of(Rendered rendered) {
        List<JsonNode> sets = rendered.ofKind("StatefulSet").stream()
                .filter(s -> "imwatch".equals(Rendered.name(s)))
                .toList();
        if (sets.size() != 1) {
            throw new AssertionError(rendered.dir() + " renders " + sets.size() + " StatefulSets named imwatch");
        }
        return new RenderedPod(rendered, sets.get(0));
    }

    List<String> args() {
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    /** The container's environment, in Kubernetes' precedence: service links, envFrom, env. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(ServiceLinks.forPod(rendered, namespace, podSpec));
        env.putAll(containerEnvironment());
        return env;
    }

    /** What the container spec itself sets: envFrom, then env. */
    Map<String, String> containerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String prefix = from.path("prefix").asText("");
            source(from.path("configMapRef"), "ConfigMap")
                    .ifPresent(data -> data.forEach((k, v) -> env.put(prefix + k, v)));
            source(from.path("secretRef"), "Secret").ifPresent(data -> data.forEach((k, v) -> env.put(prefix + k, v)));
        }
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            if (e.has("value")) {
                env.put(name, e.path("value").asText());
                continue;
            }
            JsonNode from = e.path("valueFrom");
            if (from.has("fieldRef")) {
                env.put(name, field(from.path("fieldRef").path("fieldPath").asText()));
            } else if (from.has("configMapKeyRef")) {
                key(from.path("configMapKeyRef"), "ConfigMap").ifPresent(v -> env.put(name, v));
            } else if (from.has("secretKeyRef")) {
                key(from.path("secretKeyRef"), "Secret").ifPresent(v -> env.put(name, v));
            } else {
                throw new AssertionError("env " + name + ": cannot resolve " + from);
            }
        }
        return env;
    }

    private String field(String path) {
        return switch (path) {
            case "metadata.name" -> podName;
            case "metadata.namespace" -> namespace;
            default -> throw new AssertionError("env fieldRef " + path + " is not modelled by this check");
        };
    }

    private Optional<Map<String, String>> source(JsonNode ref, String kind) {
        if (ref.isMissingNode()) {
            return Optional.empty();
        }
        Optional<JsonNode> found =
                rendered.find(kind, namespace, ref.path("name").asText());
        if (found.isEmpty() && !ref.path("optional").asBoolean(false)) {
            throw new AssertionError(
                    kind + " " + ref.path("name").asText() + " does not exist: the pod would not start");
        }
        return found.map(Rendered::data);
    }

    private Optional<String> key(JsonNode ref, String kind) {
        return source(ref, kind).map(data -> data.get(ref.path("key").asText()));
    }

    /**
     * Writes every ConfigMap and Secret volume's files at {@code root} + its mount path and creates
     * the other mounts (empty), as the container would see them.
     */
    void materialize(Path root) throws IOException {
        Map<String, JsonNode> volumes = new LinkedHashMap<>();
        podSpec.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        for (JsonNode mount : container.path("volumeMounts")) {
            Path dir = under(root, mount.path("mountPath").asText());
            Files.createDirectories(dir);
            JsonNode volume = volumes.get(mount.path("name").asText());
            if (volume == null) {
                continue; // a volumeClaimTemplate: an empty volume
            }
            Optional<Map<String, String>> files = Optional.empty();
            if (volume.has("configMap")) {
                files = source(volume.path("configMap"), "ConfigMap");
            } else if (volume.has("secret")) {
                JsonNode secret = volume.path("secret");
                files = rendered.find(
                                "Secret", namespace, secret.path("secretName").asText())
                        .map(Rendered::data);
            }
            for (Map.Entry<String, String> f : files.orElse(Map.of()).entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
        }
    }

    /** {@code value} with every mount path in it moved under {@code root}. */
    String relocate(String value, Path root) {
        List<String> mounts = new ArrayList<>();
        container
                .path("volumeMounts")
                .forEach(m -> mounts.add(m.path("mountPath").asText()));
        if (mounts.isEmpty()) {
            return value;
        }
        mounts.sort(Comparator.comparingInt(String::length).reversed());
        // one pass, longest mount first: a mount path starting a path (not inside a longer one),
        // followed by / , or the end; what was replaced is not looked at again
        List<String> quoted = mounts.stream().map(Pattern::quote).toList();
        Matcher m = Pattern.compile("(?<![\\w/.-])(" + String.join("|", quoted) + ")(?=/|,|$)")
                .matcher(value);
        return m.replaceAll(
                r -> Matcher.quoteReplacement(under(root, r.group(1)).toString()));
    }

    private static Path under(Path root, String absolute) {
        return root.resolve(absolute.replaceFirst("^/+", ""));
    }

    JsonNode podSpec() {
        return podSpec;
    }

    String namespace() {
        return namespace;
    }

    /** The container port named {@code name}. */
    int containerPort(String name) {
        for (JsonNode p : container.path("ports")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("container imwatch has no port named " + name.toLowerCase(Locale.ROOT));
    }
}
