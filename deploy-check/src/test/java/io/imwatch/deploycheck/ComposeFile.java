package io.imwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** deploy/compose/docker-compose.yml, read the way docker compose reads the parts the checks need. */
final class ComposeFile {

    /** A volume of a service: a named volume, or a bind mount of a repository path. */
    record Mount(String source, String target, boolean named) {}

    private final JsonNode doc = DeployFiles.yaml(DeployFiles.COMPOSE);

    JsonNode services() {
        return doc.path("services");
    }

    List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        services().fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode service(String name) {
        return services().path(name);
    }

    Set<String> declaredVolumes() {
        Set<String> out = new LinkedHashSet<>();
        doc.path("volumes").fieldNames().forEachRemaining(out::add);
        return out;
    }

    static List<Mount> mounts(JsonNode service) {
        List<Mount> out = new ArrayList<>();
        for (JsonNode v : service.path("volumes")) {
            if (v.isTextual()) {
                String[] parts = v.asText().split(":");
                if (parts.length >= 2) {
                    String s = parts[0];
                    out.add(new Mount(s, parts[1], !(s.startsWith(".") || s.startsWith("/") || s.startsWith("~"))));
                }
            } else {
                out.add(new Mount(
                        v.path("source").asText(null),
                        v.path("target").asText(null),
                        "volume".equals(v.path("type").asText())));
            }
        }
        return out;
    }

    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service.path("environment");
        if (e.isObject()) {
            e.properties()
                    .forEach(f -> env.put(
                            f.getKey(),
                            f.getValue().isNull() ? "" : f.getValue().asText()));
        } else {
            for (JsonNode item : e) {
                String s = item.asText();
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return env;
    }

    /** Container ports a service publishes ("8080:8080", "127.0.0.1:80:8080", long syntax). */
    static Set<Integer> containerPorts(JsonNode service) {
        Set<Integer> out = new LinkedHashSet<>();
        for (JsonNode p : service.path("ports")) {
            if (p.isObject()) {
                out.add(DeployFiles.intOr(p.path("target").asText(), -1));
            } else {
                String s = p.asText().replaceAll("/(tcp|udp)$", "");
                out.add(DeployFiles.intOr(s.substring(s.lastIndexOf(':') + 1), -1));
            }
        }
        return out;
    }

    static Set<String> dependsOn(JsonNode service) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode deps = service.path("depends_on");
        if (deps.isObject()) {
            deps.fieldNames().forEachRemaining(out::add);
        } else {
            deps.forEach(d -> out.add(d.asText()));
        }
        return out;
    }

    static List<String> command(JsonNode service) {
        return DeployFiles.strings(service.path("command"));
    }

    /** The repository-relative path of a bind-mount source (compose resolves it against its own directory). */
    static String repoPath(String source) {
        Path composeDir = DeployFiles.path(DeployFiles.COMPOSE).getParent();
        return DeployFiles.rel(composeDir.resolve(source).normalize());
    }

    /** Where a repository directory or file is mounted in a service, if it is. */
    static Optional<String> mountTarget(JsonNode service, String repoPath) {
        return mounts(service).stream()
                .filter(m -> !m.named() && repoPath(m.source()).equals(repoPath))
                .map(Mount::target)
                .findFirst();
    }

    /** The repository file mounted where the service's {@code --config.file=} flag points. */
    static String configFile(JsonNode service, String serviceName) {
        String flag = "--config.file=";
        String target = command(service).stream()
                .filter(c -> c.startsWith(flag))
                .map(c -> c.substring(flag.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        DeployFiles.COMPOSE + " " + serviceName + ": command has no " + flag + "PATH"));
        String rel = mounts(service).stream()
                .filter(m -> !m.named() && target.equals(m.target()))
                .map(m -> repoPath(m.source()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(DeployFiles.COMPOSE + " " + serviceName + ": " + flag + target
                        + " is not a file mounted from the repository"));
        if (!Files.isRegularFile(DeployFiles.path(rel))) {
            throw new AssertionError(DeployFiles.COMPOSE + " " + serviceName + ": " + flag + target
                    + " is mounted from " + rel + ", which is no file");
        }
        return rel;
    }
}
