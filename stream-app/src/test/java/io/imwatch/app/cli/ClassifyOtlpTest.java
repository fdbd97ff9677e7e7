package io.imwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.app.demo.DemoOtlp;
import io.imwatch.classify.event.LogEventParser;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imwatch classify --format otlp-proto|otlp-proto-batch|otlp-json}. */
class ClassifyOtlpTest {

    private static final long T = 1_795_169_707_000L;

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(LogEventParser.mapper().readTree(line));
            }
        }
        return nodes;
    }

    private static byte[] batch(String... openimBodies) {
        return DemoOtlp.batch(Arrays.stream(openimBodies)
                .map(body -> new DemoOtlp.Log("openim-api", body, T))
                .toList());
    }

    private static String codes(List<JsonNode> out) {
        List<String> codes = new ArrayList<>();
        for (JsonNode line : out) {
            JsonNode code = line.path("imwatch").path("codes").path(0);
            codes.add(
                    line.has("error")
                            ? line.path("reason").asText()
                            : code.path("code").asText());
        }
        return codes.toString();
    }

    @Test
    void shouldReadLengthDelimitedProtobufBatchesOneLinePerLogRecord() throws Exception {
        ByteArrayOutputStream delimited = new ByteArrayOutputStream();
        ExportLogsServiceRequest.parseFrom(batch("{\"errCode\":1501}", "{\"errCode\":1204}"))
                .writeDelimitedTo(delimited);
        ExportLogsServiceRequest.parseFrom(batch("{\"errCode\":1302}")).writeDelimitedTo(delimited);

        CliRunner.Result result =
                CliRunner.run(new ByteArrayInputStream(delimited.toByteArray()), "classify", "--format", "otlp-proto");

        assertThat(result.exitCode()).isZero();
        List<JsonNode> out = lines(result.out());
        assertThat(codes(out)).isEqualTo("[1501, 1204, 1302]");
        assertThat(out.get(0).path("resource").path("service.name").asText()).isEqualTo("openim-api");
        assertThat(out.get(0).path("imwatch").path("vendor").asText()).isEqualTo("openim");
    }

    @Test
    void shouldReportACutShortBatchAfterTheWholeOnes() throws Exception {
        ByteArrayOutputStream delimited = new ByteArrayOutputStream();
        ExportLogsServiceRequest.parseFrom(batch("{\"errCode\":1501}")).writeDelimitedTo(delimited);
        ExportLogsServiceRequest.parseFrom(batch("{\"errCode\":1204}")).writeDelimitedTo(delimited);
        byte[] cut = Arrays.copyOf(delimited.toByteArray(), delimited.size() - 4);

        List<JsonNode> out = lines(CliRunner.run(new ByteArrayInputStream(cut), "classify", "--format", "otlp-proto")
                .out());

        assertThat(codes(out)).isEqualTo("[1501, malformed-otlp]");
        assertThat(out.get(1).path("batch").asInt()).isEqualTo(2);
        assertThat(out.get(1).path("error").asText()).contains("truncated");
    }

    @Test
    void shouldReadAFileHoldingOneProtobufBatch(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("record.bin");
        Files.write(file, batch("{\"errCode\":1501}", "{\"errCode\":1204}"));

        List<JsonNode> out = lines(CliRunner.run("", "classify", "--format", "otlp-proto-batch", file.toString())
                .out());

        assertThat(codes(out)).isEqualTo("[1501, 1204]");
    }

    @Test
    void shouldReadOneOtlpJsonBatchPerLineWithErrorsNamingBatchAndRecord() throws Exception {
        String good = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                + "{\"stringValue\":\"openim-api\"}}]},\"scopeLogs\":[{\"logRecords\":["
                + "{\"body\":{\"stringValue\":\"{\\\"errCode\\\":1501}\"}},"
                + "{\"timeUnixNano\":\"later\",\"body\":{\"stringValue\":\"{\\\"errCode\\\":1204}\"}}]}]}]}";

        CliRunner.Result result = CliRunner.run(good + "\n{\"errCode\":1501}\n", "classify", "--format", "otlp-json");

        List<JsonNode> out = lines(result.out());
        assertThat(codes(out)).isEqualTo("[1501, malformed-otlp, malformed-otlp]");
        assertThat(out.get(1).path("batch").asInt()).isEqualTo(1);
        assertThat(out.get(1).path("record").asInt()).isEqualTo(1);
        assertThat(new String(
                        java.util.Base64.getDecoder()
                                .decode(out.get(1).path("rawBase64").asText()),
                        StandardCharsets.UTF_8))
                .contains("later");
        assertThat(out.get(2).path("batch").asInt()).isEqualTo(2);
        assertThat(out.get(2).has("record")).as("the whole batch").isFalse();
    }

    @Test
    void shouldClassifyTheOtlpJsonSample() throws Exception {
        Path sample = Path.of("..", "samples", "otlp-logs.jsonl");

        List<JsonNode> out = lines(CliRunner.run("", "classify", "--format", "otlp-json", sample.toString())
                .out());

        assertThat(codes(out)).isEqualTo("[1501, 1204, 206]");
        assertThat(out)
                .extracting(line -> line.path("imwatch").path("route").asText())
                .containsOnly("enriched");
    }

    @Test
    void shouldRefuseAnUnknownFormatInOneLine() {
        CliRunner.Result result = CliRunner.run("", "classify", "--format", "otlp");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip())
                .isEqualTo("imwatch: --format otlp is not a format imwatch reads; use lines, otlp-proto,"
                        + " otlp-proto-batch or otlp-json");
    }
}
