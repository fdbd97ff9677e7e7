package io.imwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.catalog.Catalog;
import io.imwatch.classify.event.LogEventParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainAndCatalogCommandTest {

    @Test
    void shouldExplainACodeInEverySpaceOfTheVendor() {
        CliRunner.Result result = CliRunner.run("", "explain", "turms", "100");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("turms / client / 100  INVALID_REQUEST")
                .contains("turms / session-close / 100  ILLEGAL_REQUEST")
                .contains("sessionClose: PROTOCOL_VIOLATION");
    }

    @Test
    void shouldExplainAcrossVendorsByNameAndByMinor() {
        assertThat(CliRunner.run("", "explain", "1001").out())
                .contains("turms / response / 1001  NO_CONTENT")
                .contains("openim / server / 1001  ArgsError");
        assertThat(CliRunner.run("", "explain", "turms", "SERVER_CLOSED").out())
                .contains("turms / session-close / 201  SERVER_CLOSED");
        assertThat(CliRunner.run("", "explain", "igap", "111", "4").out())
                .contains("igap / error / 111 minor 4  USER_LOGIN_FAILED")
                .contains("message:      User is blocked");
        assertThat(CliRunner.run("", "explain", "openim", "15000").out())
                .contains("openim / client / 10000-20000 (range)");
    }

    @Test
    void shouldSayWhenNothingMatches() {
        CliRunner.Result result = CliRunner.run("", "explain", "turms", "99999");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("No catalogue entry for turms 99999 in vendor turms.");
        assertThat(CliRunner.run("", "explain", "wechat", "1").exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
    }

    @Test
    void shouldExportEveryEntryAsJsonLines() throws Exception {
        CliRunner.Result result = CliRunner.run("", "catalog", "export", "--format", "jsonl");

        String[] lines = result.out().strip().split("\n");
        assertThat(lines).hasSize(Catalog.builtin().entries().size());
        JsonNode first = LogEventParser.mapper().readTree(lines[0]);
        assertThat(first.fieldNames())
                .toIterable()
                .contains(
                        "vendor",
                        "space",
                        "code",
                        "minor",
                        "name",
                        "message",
                        "category",
                        "class",
                        "severity",
                        "side",
                        "outcome",
                        "retryable",
                        "sessionClose");
    }

    @Test
    void shouldValidateUserCatalogues(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(
                dir.resolve("good.yaml"),
                "vendor: inhouse\nspaces:\n  - id: s\n    codes:\n"
                        + "      - {code: 1, name: A, category: C, class: SERVER, severity: ERROR, side: SERVER, outcome: ERROR, retryable: true}\n");
        Path clash = Files.writeString(
                dir.resolve("clash.yaml"),
                "vendor: turms\nspaces:\n  - id: response\n    codes:\n"
                        + "      - {code: 1000, name: OK, category: C, class: SUCCESS, severity: INFO, side: SERVER, outcome: SUCCESS, retryable: false}\n");

        CliRunner.Result ok = CliRunner.run("", "catalog", "validate", good.toString());
        CliRunner.Result bad = CliRunner.run("", "catalog", "validate", clash.toString());

        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("OK " + good + ": 1 entries").contains("catalogue fingerprint");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("entry code 1000 minor *: duplicate key, already defined by turms.yaml");
    }

    @Test
    void shouldExitWithUsageErrorForUnknownOptions() {
        CliRunner.Result result = CliRunner.run("", "classify", "--vendr", "turms");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown option: '--vendr'");
    }
}
