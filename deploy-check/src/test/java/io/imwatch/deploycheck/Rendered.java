package io.imwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The objects one kustomization renders to, and what its workloads refer to. */
record Rendered(String dir, List<JsonNode> objects) {

    /** Kinds without a namespace (of those a kustomization here may hold). */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "ClusterRole",
            "ClusterRoleBinding",
            "CustomResourceDefinition",
            "PersistentVolume",
            "StorageClass",
            "PriorityClass",
            "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration");

    /** A ConfigMap or Secret a pod template names. */
    record Reference(String kind, String name, boolean optional, String where) {}

    static String kind(JsonNode o) {
        return o.path("kind").asText();
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    static String namespace(JsonNode o) {
        return o.path("metadata").path("namespace").asText("");
    }

    static boolean namespaced(JsonNode o) {
        return !CLUSTER_SCOPED.contains(kind(o));
    }

    static String id(JsonNode o) {
        return kind(o) + "/" + name(o) + (namespace(o).isEmpty() ? "" : " (namespace " + namespace(o) + ")");
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).toList();
    }

    Optional<JsonNode> find(String kind, String namespace, String name) {
        return objects.stream()
                .filter(o -> kind.equals(kind(o)) && namespace.equals(namespace(o)) && name.equals(name(o)))
                .findFirst();
    }

    /** Objects with a pod template, and that template's pod spec. */
    Map<JsonNode, JsonNode> podSpecs() {
        Map<JsonNode, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode o : objects) {
            JsonNode spec = switch (kind(o)) {
                case "StatefulSet", "Deployment", "DaemonSet", "ReplicaSet", "Job" -> o.at("/spec/template/spec");
                case "CronJob" -> o.at("/spec/jobTemplate/spec/template/spec");
                case "Pod" -> o.path("spec");
                default -> null;
            };
            if (spec != null && !spec.isMissingNode()) {
                out.put(o, spec);
            }
        }
        return out;
    }

    /** Every ConfigMap and Secret a pod spec names: volumes, projected volumes, env and envFrom. */
    static List<Reference> references(JsonNode podSpec) {
        List<Reference> refs = new ArrayList<>();
        for (JsonNode v : podSpec.path("volumes")) {
            String where = "volume " + v.path("name").asText();
            add(refs, "ConfigMap", v.path("configMap"), "name", where);
            add(refs, "Secret", v.path("secret"), "secretName", where);
            for (JsonNode source : v.path("projected").path("sources")) {
                add(refs, "ConfigMap", source.path("configMap"), "name", where);
                add(refs, "Secret", source.path("secret"), "name", where);
            }
        }
        for (JsonNode c : containers(podSpec)) {
            String where = "container " + c.path("name").asText();
            for (JsonNode e : c.path("env")) {
                add(refs, "ConfigMap", e.path("valueFrom").path("configMapKeyRef"), "name", where + " env");
                add(refs, "Secret", e.path("valueFrom").path("secretKeyRef"), "name", where + " env");
            }
            for (JsonNode e : c.path("envFrom")) {
                add(refs, "ConfigMap", e.path("configMapRef"), "name", where + " envFrom");
                add(refs, "Secret", e.path("secretRef"), "name", where + " envFrom");
            }
        }
        return refs;
    }

    private static void add(List<Reference> refs, String kind, JsonNode ref, String nameField, String where) {
        if (!ref.isMissingNode() && ref.has(nameField)) {
            refs.add(new Reference(
                    kind, ref.path(nameField).asText(), ref.path("optional").asBoolean(false), where));
        }
    }

    static List<JsonNode> containers(JsonNode podSpec) {
        List<JsonNode> out = new ArrayList<>();
        podSpec.path("initContainers").forEach(out::add);
        podSpec.path("containers").forEach(out::add);
        return out;
    }

    /** A ConfigMap's or Secret's entries as text (Secret data decoded). */
    static Map<String, String> data(JsonNode configMapOrSecret) {
        Map<String, String> out = new LinkedHashMap<>();
        configMapOrSecret
                .path("data")
                .properties()
                .forEach(e -> out.put(
                        e.getKey(),
                        kind(configMapOrSecret).equals("Secret")
                                ? new String(
                                        Base64.getMimeDecoder()
                                                .decode(e.getValue().asText()),
                                        StandardCharsets.UTF_8)
                                : e.getValue().asText()));
        configMapOrSecret
                .path("stringData")
                .properties()
                .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
