package io.imwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.classify.event.LogEventParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(LogEventParser.mapper().readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void shouldWriteOneObjectPerInputLineFromStdin() throws Exception {
        CliRunner.Result result = CliRunner.run(
                "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}\n[WebIM] onError type=16\n{\"errCode\":\n\nplain line\n",
                "classify");

        assertThat(result.exitCode()).isZero();
        List<JsonNode> out = lines(result.out());
        assertThat(out).hasSize(5);
        assertThat(out.get(0).path("errCode").asInt()).isEqualTo(1501);
        assertThat(out.get(0).path("imwatch").path("codes").get(0).path("name").asText())
                .isEqualTo("TokenExpiredError");
        assertThat(out.get(1).path("message").asText()).isEqualTo("[WebIM] onError type=16");
        assertThat(out.get(1).path("imwatch").path("vendor").asText()).isEqualTo("easemob");
        assertThat(out.get(2).has("imwatch")).isFalse();
        assertThat(out.get(2).path("error").asText()).startsWith("malformed-json:");
        assertThat(out.get(2).path("raw").asText()).isEqualTo("{\"errCode\":");
        assertThat(out.get(2).path("line").asInt()).isEqualTo(3);
        assertThat(out.get(3).path("imwatch").path("route").asText()).isEqualTo("no-code");
        assertThat(out.get(4).path("message").asText()).isEqualTo("plain line");
    }

    @Test
    void shouldUseTheDefaultVendorForAmbiguousCodes() throws Exception {
        JsonNode code = lines(CliRunner.run("request done code=1001\n", "classify", "--vendor", "openim")
                        .out())
                .get(0)
                .path("imwatch")
                .path("codes")
                .get(0);

        assertThat(code.path("vendor").asText()).isEqualTo("openim");
        assertThat(code.path("name").asText()).isEqualTo("ArgsError");
        assertThat(code.has("candidates")).isFalse();
    }

    @Test
    void shouldClassifyTheElasticAndOpenTelemetryShapesOfTheSampleFile() throws Exception {
        Path sample = Path.of("..", "samples", "ecs-otel.log").toAbsolutePath().normalize();

        CliRunner.Result result = CliRunner.run("", "classify", sample.toString());

        assertThat(result.exitCode()).isZero();
        List<String> got = new ArrayList<>();
        for (JsonNode event : lines(result.out())) {
            JsonNode imwatch = event.path("imwatch");
            JsonNode code = imwatch.path("codes").path(0);
            got.add(imwatch.path("route").asText() + " "
                    + imwatch.path("vendorSource").asText() + " "
                    + code.path("vendor").asText() + "/" + code.path("code").asText() + " "
                    + imwatch.path("eventTime").asText());
        }
        assertThat(got)
                .containsExactly(
                        "enriched hint easemob/206 2026-11-20T10:15:06.250Z", // ECS event.original
                        "enriched format igap/111 2026-11-20T10:15:07.125Z", // ECS log.original
                        "enriched hint easemob/206 2026-11-20T10:15:06.250Z", // OTel body, resource "service.name"
                        "enriched hint openim/1501 2026-11-20T10:15:07Z", // OpenIM JSON in body, timeUnixNano
                        "enriched hint turms/1001 2026-11-20T10:15:08.500Z"); // Vector OTel source: resources
    }

    @Test
    void shouldReadFilesAndUserCatalogues(@TempDir Path dir) throws Exception {
        Path events = Files.writeString(dir.resolve("events.log"), "GW-CLOSE reason=4031\n");
        Path catalog = Files.writeString(dir.resolve("inhouse.yaml"), """
                vendor: inhouse
                spaces:
                  - id: gateway
                    defaults: {side: SERVER, outcome: ERROR, category: Gateway}
                    codes:
                      - {code: 4031, name: KICKED_DUPLICATE_LOGIN, class: SESSION, severity: WARN, retryable: false, sessionClose: KICKED_BY_OTHER_DEVICE}
                """);
        Path rules = Files.writeString(dir.resolve("inhouse-rules.yaml"), """
                vendor: inhouse
                rules:
                  - id: gw-close
                    space: gateway
                    text: {contains: [GW-CLOSE], regex: 'GW-CLOSE reason=(?<code>\\d+)'}
                """);

        CliRunner.Result result = CliRunner.run(
                "", "classify", "--catalog", catalog.toString(), "--rules", rules.toString(), events.toString());

        JsonNode code = lines(result.out()).get(0).path("imwatch").path("codes").get(0);
        assertThat(code.path("name").asText()).isEqualTo("KICKED_DUPLICATE_LOGIN");
        assertThat(code.path("sessionClose").asText()).isEqualTo("KICKED_BY_OTHER_DEVICE");
    }

    @Test
    void shouldWriteTheLeanFieldsByDefaultAndTheChosenOnesOnRequest() throws Exception {
        String event = "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}\n";
        JsonNode lean = lines(CliRunner.run(event, "classify").out())
                .get(0)
                .path("imwatch")
                .path("codes")
                .get(0);
        JsonNode full = lines(CliRunner.run(event, "classify", "--enrich-fields", "full")
                        .out())
                .get(0)
                .path("imwatch")
                .path("codes")
                .get(0);

        assertThat(lean.path("sessionClose").asText()).isEqualTo("AUTH_EXPIRED");
        assertThat(lean.has("message") || lean.has("category") || lean.has("side"))
                .isFalse();
        assertThat(full.path("message").asText()).isEqualTo("Token has expired");
        assertThat(full.path("category").asText()).isEqualTo("Server Error Codes");
    }

    @Test
    void shouldFailWithAFixForABadEnrichFieldsChoice() {
        CliRunner.Result result = CliRunner.run("", "classify", "--enrich-fields", "lean,colour");

        assertThat(result.exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
        assertThat(result.err())
                .contains("--enrich-fields has no field 'colour'; use lean, full, none, or a comma-separated list of");
    }

    @Test
    void shouldFailWithAFixForAnUnknownVendorOrMissingFile() {
        CliRunner.Result vendor = CliRunner.run("", "classify", "--vendor", "wechat");
        CliRunner.Result file = CliRunner.run("", "classify", "/no/such/events.log");

        assertThat(vendor.exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
        assertThat(vendor.err())
                .contains(
                        "--vendor 'wechat' is not in the catalogue; known vendors are [easemob, igap, jmessage, openim, turms]");
        assertThat(file.exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
        assertThat(file.err()).contains("cannot read input file /no/such/events.log");
    }

    @Test
    void shouldReportABrokenCatalogueFileWithItsLine(@TempDir Path dir) throws Exception {
        Path catalog = Files.writeString(
                dir.resolve("bad.yaml"), "vendor: x\nspaces:\n  - id: s\n    codes:\n      - {code: 1, name: A}\n");

        CliRunner.Result result = CliRunner.run("", "classify", "--catalog", catalog.toString());

        assertThat(result.exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
        assertThat(result.err()).contains(catalog + ":5: space 's' entry code 1: missing 'category'");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a few seconds alone; generous for a loaded machine
    void shouldSkipALineOverTwoGibibytesReportingItsStartAndClassifyTheLinesAfterIt() throws Exception {
        long length = 3L << 29; // 1.5 GiB, generated as read: the old reader needed an array of 2^31 bytes
        String after = "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}\nplain line\n";

        CliRunner.Result result =
                CliRunner.run(new RepeatedLineInput(length, after.getBytes(StandardCharsets.UTF_8)), "classify");

        assertThat(result.exitCode()).isZero();
        List<JsonNode> out = lines(result.out());
        assertThat(out).hasSize(3);
        JsonNode error = out.get(0);
        assertThat(error.path("reason").asText()).isEqualTo("too-large");
        assertThat(error.path("error").asText())
                .isEqualTo("too-large: " + length + " bytes is over the limit of 1048576 (--max-event-bytes)");
        assertThat(error.path("line").asLong()).isEqualTo(1);
        assertThat(error.path("truncated").asBoolean()).isTrue();
        assertThat(error.path("bytes").asLong()).isEqualTo(length);
        assertThat(error.path("raw").asText()).isEqualTo("x".repeat(ClassifyCommand.RAW_PREFIX_BYTES));
        assertThat(out.get(1).path("imwatch").path("codes").get(0).path("name").asText())
                .isEqualTo("TokenExpiredError");
        assertThat(out.get(2).path("message").asText()).isEqualTo("plain line");
    }

    @Test
    void shouldApplyMaxEventBytesToEachLineAndKeepLineNumbers() throws Exception {
        String longLine = "{\"errCode\":1501,\"pad\":\"" + "é".repeat(100) + "\"}";

        CliRunner.Result result = CliRunner.run(
                "short code=1001\n" + longLine + "\n{\"errCode\":\n", "classify", "--max-event-bytes", "64");

        List<JsonNode> out = lines(result.out());
        assertThat(out).hasSize(3);
        assertThat(out.get(0).path("imwatch").path("route").asText()).isEqualTo("unknown");
        JsonNode error = out.get(1);
        assertThat(error.path("reason").asText()).isEqualTo("too-large");
        assertThat(error.path("line").asInt()).isEqualTo(2);
        assertThat(error.path("bytes").asInt()).isEqualTo(longLine.getBytes(StandardCharsets.UTF_8).length);
        // the first 64 bytes end inside an 'é': the prefix stops before it rather than mangling it
        assertThat(error.path("raw").asText()).isEqualTo("{\"errCode\":1501,\"pad\":\"" + "é".repeat(20));
        assertThat(out.get(2).path("reason").asText()).isEqualTo("malformed-json");
        assertThat(out.get(2).path("line").asInt()).isEqualTo(3);
    }

    @Test
    void shouldRefuseAMaxEventBytesOutsideTheStreamsRange() {
        CliRunner.Result result = CliRunner.run("", "classify", "--max-event-bytes", "0");

        assertThat(result.exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
        assertThat(result.err().strip())
                .isEqualTo("imwatch: --max-event-bytes 0 is out of range; use 64 to 67108864 (the default is 1048576)");
    }

    @Test
    void shouldRefuseADirectoryInOneLine(@TempDir Path dir) {
        CliRunner.Result result = CliRunner.run("", "classify", dir.toString());

        assertThat(result.exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
        assertThat(result.err().strip())
                .isEqualTo("imwatch: cannot read input file " + dir + ": it is a directory; name the files in it (e.g. "
                        + dir + "/*.log) or use '-' for stdin");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void shouldReportAFileThatFailsWhileReadInOneLine() {
        // readable by its permissions, yet reading it fails (EIO): as a disk error would
        Path unreadable = Path.of("/proc/self/mem");
        assumeTrue(Files.isReadable(unreadable), "needs Linux /proc");

        CliRunner.Result result = CliRunner.run("", "classify", unreadable.toString());

        assertThat(result.exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err())
                .startsWith("imwatch: cannot read input file /proc/self/mem: ")
                .contains("; check that it is a readable regular file");
    }

    @Test
    void shouldSayWhyALineHasNoCode() throws Exception {
        List<JsonNode> out =
                lines(CliRunner.run("GET /health 200 3ms\n{\"errCode\":1501.0}\n{\"errCode\":1501}\n", "classify")
                        .out());

        assertThat(out.get(0).path("imwatch").path("reason").asText()).isEqualTo("none-found");
        assertThat(out.get(1).path("imwatch").path("route").asText()).isEqualTo("no-code");
        assertThat(out.get(1).path("imwatch").path("reason").asText()).isEqualTo("code-out-of-range");
        assertThat(out.get(2).path("imwatch").has("reason")).isFalse();
    }

    @Test
    void shouldWriteTheLinesReadBeforeAnInputFailsAndReportTheFailureInOneLine() throws Exception {
        InputStream failing = new SequenceInputStream(
                new ByteArrayInputStream("{\"errCode\":1501}\n".getBytes(StandardCharsets.UTF_8)), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Input/output error");
                    }
                });

        CliRunner.Result result = CliRunner.run(failing, "classify");

        assertThat(result.exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
        assertThat(result.err().strip()).isEqualTo("imwatch: cannot read standard input: Input/output error");
        assertThat(lines(result.out())).hasSize(1);
    }
}
