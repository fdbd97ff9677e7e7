package io.imwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.classify.event.LogEventParser;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as README runs it: java -jar imwatch.jar ... on the bundled sample file. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FatJarCliIT {

    private record Run(int exit, String out, String err) {}

    private static Run imwatch(String... args) throws Exception {
        return imwatch(List.of(), args);
    }

    private static Run imwatch(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", ImwatchProcess.jar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        return new Run(
                process.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void shouldClassifyTheBundledSampleFile() throws Exception {
        Path sample = Path.of("..", "samples", "events.log").toAbsolutePath().normalize();
        Run run = imwatch("classify", "--summary", sample.toString());

        assertThat(run.exit()).isZero();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(22);
        List<String> routes = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = LogEventParser.mapper().readTree(line);
            routes.add(
                    node.has("imwatch")
                            ? node.path("imwatch").path("route").asText()
                            : "error:" + node.path("reason").asText());
        }
        assertThat(routes).filteredOn("enriched"::equals).hasSize(17);
        assertThat(routes).filteredOn("unknown"::equals).hasSize(3);
        assertThat(routes).contains("no-code", "error:malformed-json");
        assertThat(run.err()).contains("ENRICHED=17, UNKNOWN=3, DEAD_LETTER=1, NO_CODE=1");
    }

    @Test
    void shouldExplainAndExportAndPrintItsVersion() throws Exception {
        assertThat(imwatch("explain", "turms", "110").out())
                .contains("HEARTBEAT_TIMEOUT")
                .contains("sessionClose: HEARTBEAT_TIMEOUT");
        assertThat(imwatch("catalog", "export", "--format", "jsonl")
                        .out()
                        .strip()
                        .split("\n")
                        .length)
                .isGreaterThan(700);
        assertThat(imwatch("--version").out()).contains("built-in catalogue");
        Run noCommand = imwatch();
        assertThat(noCommand.exit()).isEqualTo(2);
        assertThat(noCommand.err()).contains("Missing command");
    }

    @Test
    void shouldClassifyPastA300MegabyteLineInA64MegabyteHeap(@TempDir Path dir) throws Exception {
        long length = 300L << 20;
        Path file = dir.resolve("huge-line.log");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write("request done code=1001\n".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (long written = 0; written < length; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\n{\"errCode\":1501}\n".getBytes(StandardCharsets.UTF_8));
        }

        // the line alone is almost five times the heap: it can only pass if it is never held
        Run run = imwatch(List.of("-Xmx64m"), "classify", "--summary", file.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        JsonNode error = LogEventParser.mapper().readTree(lines[1]);
        assertThat(error.path("reason").asText()).isEqualTo("too-large");
        assertThat(error.path("line").asInt()).isEqualTo(2);
        assertThat(error.path("bytes").asLong()).isEqualTo(length);
        assertThat(error.path("raw").asText()).hasSize(1024);
        assertThat(LogEventParser.mapper()
                        .readTree(lines[2])
                        .path("imwatch")
                        .path("route")
                        .asText())
                .isEqualTo("enriched");
        assertThat(run.err()).contains("ENRICHED=1, UNKNOWN=1, DEAD_LETTER=1");
    }
}
