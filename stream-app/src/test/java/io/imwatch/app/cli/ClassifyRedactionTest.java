package io.imwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.classify.event.LogEventParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classify --redact…}: the same redaction as the stream, error records left as read. */
class ClassifyRedactionTest {

    private static final String INPUT = "{\"errCode\":1501,\"token\":\"abc-secret\",\"mail\":\"alice@example.com\","
            + "\"userID\":\"u-77\",\"m\":\"order-1234567\"}\n"
            + "login from 10.1.2.3 token=abc-secret\n"
            + "{\"errCode\":1501,\"mail\":\"alice@example.com\",\n";

    private static JsonNode line(CliRunner.Result result, int index) throws Exception {
        return LogEventParser.mapper().readTree(result.out().split("\n")[index]);
    }

    @Test
    void shouldMaskCredentialsOnlyByDefault() throws Exception {
        CliRunner.Result result = CliRunner.run(INPUT, "classify");

        assertThat(result.exitCode()).isZero();
        assertThat(line(result, 0).get("token").asText()).isEqualTo("[token]");
        assertThat(line(result, 0).get("mail").asText()).isEqualTo("alice@example.com");
        assertThat(line(result, 1).get("message").asText()).isEqualTo("login from 10.1.2.3 token=[token]");
    }

    @Test
    void shouldApplyDetectorsFieldsAndPatternsButLeaveErrorRecordsAsRead() throws Exception {
        CliRunner.Result result = CliRunner.run(
                INPUT, "classify", "--redact", "all", "--redact-field", "userID", "--redact-pattern", "order-(\\d+)");

        assertThat(result.exitCode()).isZero();
        JsonNode first = line(result, 0);
        assertThat(first.get("mail").asText()).isEqualTo("[email]");
        assertThat(first.get("userID").asText()).isEqualTo("[redacted]");
        assertThat(first.get("m").asText()).isEqualTo("order-[redacted]");
        assertThat(first.at("/imwatch/codes/0/code").asInt()).isEqualTo(1501);
        assertThat(line(result, 1).get("message").asText()).isEqualTo("login from [ipv4] token=[token]");
        assertThat(line(result, 2).get("raw").asText()).contains("alice@example.com");
    }

    @Test
    void shouldHashWithAKeyFromAFile(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "0123456789abcdef0123\n");

        CliRunner.Result result = CliRunner.run(
                INPUT,
                "classify",
                "--redact",
                "email",
                "--redact-mode",
                "hash",
                "--redact-hash-key-file",
                key.toString());

        assertThat(line(result, 0).get("mail").asText()).matches("\\[email:[0-9a-f]{16}]");
    }

    @Test
    void shouldFailWithTheFlagAndTheFix() {
        CliRunner.Result noKey = CliRunner.run(INPUT, "classify", "--redact-mode", "hash");
        CliRunner.Result badDetector = CliRunner.run(INPUT, "classify", "--redact", "emails");

        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err())
                .contains("the hash key (--redact-hash-key-file or IMWATCH_REDACT_HASH_KEY): empty, but hash mode");
        assertThat(badDetector.exitCode()).isEqualTo(2);
        assertThat(badDetector.err()).contains("--redact: unknown detector 'emails'");
    }
}
