package io.imwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.embedded.EmbeddedKafka;
import io.imwatch.app.run.ImwatchApp;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without {@code --create-topics}, the topics deploy/README.md tells an operator to create are
 * exactly enough: imwatch runs on them, and asks for {@code topic.nocode} only with
 * {@code nocode.forward}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RequiredTopicsIT {

    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
    private static final Pattern README_TOPICS = Pattern.compile("(?m)^for topic in ([^;]+); do$");

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBrokerWithTheDocumentedTopics() throws Exception {
        kafka = EmbeddedKafka.start();
        KafkaTestSupport.createTopics(
                kafka.bootstrapServers(), 2, readmeTopics().toArray(String[]::new));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    /** The topics of deploy/README.md's {@code for topic in ...; do kafka-topics.sh --create} loop. */
    static List<String> readmeTopics() throws IOException {
        Path readme = Path.of("..", "deploy", "README.md").toAbsolutePath().normalize();
        String text = Files.readString(readme);
        Matcher m = README_TOPICS.matcher(text);
        assertThat(m.find()).as("a 'for topic in ...; do' line in %s", readme).isTrue();
        List<String> topics =
                new java.util.ArrayList<>(List.of(m.group(1).strip().split("\\s+")));
        // a topic created on its own line (the compacted catalogue topic)
        Matcher single = Pattern.compile("(?m)^kafka-topics\\.sh .*--create .*--topic (\\S+)")
                .matcher(text);
        while (single.find()) {
            topics.add(single.group(1));
        }
        return topics;
    }

    private static Map<String, String> settings(Path stateDir, String applicationId) {
        Map<String, String> s = new HashMap<>();
        s.put("bootstrap.servers", kafka.bootstrapServers());
        s.put("application.id", applicationId);
        s.put("state.dir", stateDir.toString());
        s.put("http.port", "0");
        s.put("summary.interval", "0s");
        s.put("demo.enabled", "false");
        return s;
    }

    @Test
    void shouldRunOnExactlyTheTopicsTheDeployReadmeLists(@TempDir Path state) throws Exception {
        ConfigSources sources = new ConfigSources().add("test", settings(state, "required-topics"));

        try (ImwatchApp app = ImwatchApp.start(sources, false, QUIET)) {
            assertThat(app.awaitRunning(Duration.ofMinutes(3))).isTrue();
        }
    }

    @Test
    void shouldAskForTheNoCodeTopicOnlyWhenForwardingToIt(@TempDir Path state) {
        Map<String, String> s = settings(state, "required-topics-nocode");
        s.put("nocode.forward", "true");
        ConfigSources sources = new ConfigSources().add("test", s);

        assertThatThrownBy(() -> ImwatchApp.start(sources, false, QUIET))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("topics [im.codes.none] do not exist")
                .hasMessageContaining("topic.nocode is needed because nocode.forward is true")
                .hasMessageContaining("create them, or run with --create-topics");
    }
}
