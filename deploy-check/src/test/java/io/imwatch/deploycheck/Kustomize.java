package io.imwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.imwatch.app.it.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@code kubectl kustomize} over the kustomizations of deploy/. */
final class Kustomize {

    /**
     * The repository root whose deploy/ is checked: the parent of deploy-check/, or
     * {@code -Ddeploycheck.root=DIR} (e.g. an old checkout's files, to see what these checks catch).
     */
    static final Path ROOT = Path.of(System.getProperty("deploycheck.root", ".."))
            .toAbsolutePath()
            .normalize();

    static final Path DEPLOY = ROOT.resolve("deploy");

    private static final YAMLMapper YAML = new YAMLMapper();

    private Kustomize() {}

    /** Every directory under deploy/ that holds a kustomization.yaml, relative to the root, sorted. */
    static List<String> directories() {
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            return walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .map(p -> ROOT.relativize(p.getParent()).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean kubectlPresent() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips (or fails, when tools are required) without kubectl. */
    static void assumeKubectl() {
        ExternalTools.assumePresent(
                kubectlPresent(), "kubectl", "https://kubernetes.io/docs/tasks/tools/ (has kustomize built in)");
    }

    /** {@code kubectl kustomize DIR}, parsed; fails with kubectl's message when it does not render. */
    static Rendered render(String dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize-", ".yaml");
        Path err = Files.createTempFile("kustomize-", ".err");
        try {
            Process p = new ProcessBuilder(
                            "kubectl", "kustomize", ROOT.resolve(dir).toString())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            List<JsonNode> objects = new ArrayList<>();
            try (var docs = YAML.readValues(YAML.createParser(out.toFile()), JsonNode.class)) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && doc.isObject()) {
                        objects.add(doc);
                    }
                }
            }
            return new Rendered(dir, objects);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
