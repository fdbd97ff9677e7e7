package io.imwatch.deploycheck;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's deploy and grafana files, read as the checks need them; paths are relative to the root. */
final class DeployFiles {

    static final String COMPOSE = "deploy/compose/docker-compose.yml";
    static final String K8S = "deploy/kubernetes";
    static final String EXAMPLES = "deploy/examples";
    static final String RULES = "deploy/prometheus/rules/imwatch.rules.yml";
    static final String RULE_TESTS = "deploy/prometheus/tests";
    static final String DEPLOY_README = "deploy/README.md";
    static final String GRAFANA_PROVISIONING = "grafana/provisioning";
    static final String GRAFANA_DASHBOARDS = "grafana/dashboards";

    /** Duplicate keys are an error, as in a YAML parser that follows the spec (the last would win silently). */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private DeployFiles() {}

    static Path path(String rel) {
        return Kustomize.ROOT.resolve(rel);
    }

    static String rel(Path file) {
        return Kustomize.ROOT.relativize(file).toString().replace('\\', '/');
    }

    static String read(String rel) {
        try {
            return Files.readString(path(rel));
        } catch (IOException e) {
            throw new AssertionError(rel + ": cannot read: " + e, e);
        }
    }

    /** Every non-empty document of a YAML file; fails naming the file when it does not parse. */
    static List<JsonNode> yamlDocuments(String rel) {
        return parse(rel, read(rel));
    }

    static List<JsonNode> parse(String where, String text) {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readValues(YAML.createParser(text), JsonNode.class)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(
                    where + " is not valid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        return docs;
    }

    /** A YAML file holding exactly one mapping. */
    static JsonNode yaml(String rel) {
        List<JsonNode> docs = yamlDocuments(rel);
        if (docs.size() != 1 || !docs.get(0).isObject()) {
            throw new AssertionError(rel + " must hold exactly one YAML mapping, has " + docs.size() + " document(s)");
        }
        return docs.get(0);
    }

    /** The *.yml and *.yaml files directly in a directory, sorted; empty when it does not exist. */
    static List<String> yamlFiles(String dirRel) {
        Path dir = path(dirRel);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted()
                    .map(DeployFiles::rel)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The texts of an array (a scalar counts as a one-item list); empty for a missing node. */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isValueNode()) {
            out.add(node.asText());
        }
        return out;
    }

    static int intOr(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The host of "host:port", "scheme://host:port/path". */
    static String hostOf(String address) {
        String s = withoutSchemeAndPath(address);
        int colon = s.lastIndexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }

    /** The port of "host:port", "scheme://host:port/path", or {@code fallback} without one. */
    static int portOf(String address, int fallback) {
        String s = withoutSchemeAndPath(address);
        int colon = s.lastIndexOf(':');
        return colon < 0 ? fallback : intOr(s.substring(colon + 1), -1);
    }

    private static String withoutSchemeAndPath(String address) {
        String s = address.replaceFirst("^[a-z]+://", "");
        int slash = s.indexOf('/');
        return slash < 0 ? s : s.substring(0, slash);
    }
}
