package io.imwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.classify.event.LogEventParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
