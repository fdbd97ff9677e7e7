package io.imwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.classify.event.LogEventParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The CLI as README runs it: java -jar imwatch.jar ... on the bundled sample file. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FatJarCliIT {

    private record Run(int exit, String out, String err) {}

    private static Run imwatch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                ImwatchProcess.jar().toString()));
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
}
