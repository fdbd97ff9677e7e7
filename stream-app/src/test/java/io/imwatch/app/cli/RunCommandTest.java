package io.imwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration stops `imwatch run` before anything starts, with a message that names the key and the fix. */
class RunCommandTest {

    @Test
    void shouldFailFastOnAnUnknownVendor() {
        CliRunner.Result result =
                CliRunner.run("", "run", "--bootstrap-servers", "localhost:1", "--set", "input.topics=im.logs:wechat");

        assertThat(result.exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
        assertThat(result.err())
                .contains(
                        "input.topics (from command line): vendor 'wechat' of topic 'im.logs' is not in the catalogue");
    }

    @Test
    void shouldFailFastOnABadPort() {
        CliRunner.Result result = CliRunner.run("", "run", "--http-port", "70000");

        assertThat(result.exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
        assertThat(result.err())
                .contains("Invalid value 70000 for configuration http.port")
                .contains("set by command line");
    }

    @Test
    void shouldFailFastOnAnUnknownKeyInTheConfigFile(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(
                dir.resolve("imwatch.yaml"), "bootstrap.servers: localhost:1\ninput:\n  topcs: im.logs\n");

        CliRunner.Result result = CliRunner.run("", "run", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
        assertThat(result.err())
                .contains("unknown key 'input.topcs' (from " + config + "); did you mean 'input.topics'?");
    }

    @Test
    void shouldFailFastOnAMissingConfigFile() {
        CliRunner.Result result = CliRunner.run("", "run", "--config", "/no/such/imwatch.yaml");

        assertThat(result.exitCode()).isEqualTo(ImwatchCommand.EXIT_CONFIG);
        assertThat(result.err()).contains("cannot read config file /no/such/imwatch.yaml");
    }
}
