package io.imwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imwatch.app.demo.DemoEvent;
import io.imwatch.app.demo.DemoTraffic;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.Route;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.output.EnrichedJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalog suggest} on the demo's unknown traffic: grouped codes, and stubs that validate once named. */
class CatalogSuggestCommandTest {

    private static final Pattern UNNAMED = Pattern.compile("\\{code: (\\d+)(, minor: \\d+)?, name: }");

    /** The unknown-topic records of 5,000 demo events, as imwatch writes them (one JSON object per line). */
    private static Path demoUnknownRecords(Path dir) throws Exception {
        DemoTraffic demo = new DemoTraffic(42, true);
        Classifier classifier = Classifier.builtin();
        List<String> lines = new ArrayList<>();
        long now = 1_795_000_000_000L;
        for (int i = 0; i < 5_000; i++) {
            DemoEvent event = demo.next(now + i * 10L);
            ClassifiedEvent classified;
            try {
                classified = classifier.classify(event.value(), null, event.timestamp());
            } catch (MalformedEventException e) {
                continue; // the demo's malformed records go to the dead-letter topic
            }
            if (classified.route() == Route.UNKNOWN) {
                lines.add(new String(EnrichedJson.write(classified), StandardCharsets.UTF_8));
            }
        }
        assertThat(lines).hasSizeGreaterThan(100);
        return Files.write(dir.resolve("unknown.jsonl"), lines);
    }

    @Test
    void shouldGroupTheDemosUnknownCodesAndDraftStubsThatValidateOnceNamed(@TempDir Path dir) throws Exception {
        Path records = demoUnknownRecords(dir);
        Path stubs = dir.resolve("stubs");

        CliRunner.Result result = CliRunner.run(
                "", "catalog", "suggest", "--from-file", records.toString(), "--output-dir", stubs.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err())
                .containsPattern("openim +server +90002 +UNKNOWN +\\d+ ")
                .containsPattern("turms +response +8001 +UNKNOWN +\\d+ +2026-")
                .containsPattern("\\? +\\? +1001 +AMBIGUOUS")
                .contains("vendor not known");
        List<Path> files;
        try (Stream<Path> listed = Files.list(stubs)) {
            files = listed.sorted().toList();
        }
        assertThat(files).isNotEmpty();
        String openim = Files.readString(stubs.resolve("openim-suggested.yaml"));
        assertThat(openim)
                .contains("vendor: openim")
                .contains("- id: server")
                .contains("{code: 90002, name: }")
                .contains("# seen ")
                .contains("#   e.g. {\"errCode\":90002");

        // as drafted, nothing can be published by mistake: every name is missing
        for (Path file : files) {
            CliRunner.Result unnamed = CliRunner.run("", "catalog", "validate", file.toString());
            assertThat(unnamed.exitCode()).as(file.toString()).isEqualTo(1);
            assertThat(unnamed.err()).contains("name");
        }
        // a human fills in the names
        List<String> named = new ArrayList<>(List.of("catalog", "validate"));
        for (Path file : files) {
            Matcher m = UNNAMED.matcher(Files.readString(file));
            StringBuilder filled = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(filled, "{code: $1$2, name: NEW_CODE_$1}");
            }
            m.appendTail(filled);
            Files.writeString(file, filled);
            named.add(file.toString());
        }
        CliRunner.Result validated = CliRunner.run("", named.toArray(String[]::new));
        assertThat(validated.exitCode()).as(validated.err()).isZero();
        assertThat(validated.out()).contains("OK " + stubs.resolve("openim-suggested.yaml"));
    }

    @Test
    void shouldPrintTheStubsWhenNoDirectoryIsGiven(@TempDir Path dir) throws Exception {
        CliRunner.Result result = CliRunner.run(
                "", "catalog", "suggest", "--from-file", demoUnknownRecords(dir).toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .startsWith("---\n# Drafted by imwatch catalog suggest")
                .contains("vendor: openim");
    }

    @Test
    void shouldNeedExactlyOneSourceAndAClusterForATopic() {
        assertThat(CliRunner.run("", "catalog", "suggest").exitCode()).isEqualTo(2);
        CliRunner.Result noCluster = CliRunner.run("", "catalog", "suggest", "--from-topic", "im.codes.unknown");
        assertThat(noCluster.exitCode()).isEqualTo(2);
        assertThat(noCluster.err()).contains("no Kafka cluster given: use --bootstrap-servers");
        CliRunner.Result publish = CliRunner.run("", "catalog", "publish", "x.yaml");
        assertThat(publish.exitCode()).isEqualTo(2);
    }
}
