package io.imwatch.deploycheck;

import io.imwatch.app.it.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of an external program (promtool, amtool, docker): its exit code and its output, both streams. */
record ToolRun(int exitCode, String output) {

    /** Runs the command in the repository root; fails the test when it does not finish in 120 s. */
    static ToolRun run(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("tool-", ".log");
        try {
            Process p = new ProcessBuilder(List.of(command))
                    .directory(Kustomize.ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
            }
            return new ToolRun(
                    p.exitValue(), Files.readString(log, StandardCharsets.UTF_8).strip());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Like {@link #run}, but null when the program is not installed. */
    static ToolRun tryRun(String... command) throws InterruptedException {
        try {
            return run(command);
        } catch (IOException e) {
            return null;
        }
    }

    /** Skips (or fails, when tools are required) unless {@code tool --version} runs. */
    static void assumeInstalled(String tool, String install) throws InterruptedException {
        ToolRun version = tryRun(tool, "--version");
        ExternalTools.assumePresent(version != null && version.exitCode() == 0, tool, install);
    }
}
