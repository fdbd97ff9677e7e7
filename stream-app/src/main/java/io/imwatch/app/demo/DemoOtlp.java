package io.imwatch.app.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * OTLP log batches as the OpenTelemetry Collector's {@code kafkaexporter} writes them ({@code
 * otlp_proto}: one {@code ExportLogsServiceRequest} per Kafka record), built with the OpenTelemetry
 * project's own classes: the embedded demo's OTLP stream, and the tests'. Not thread-safe.
 */
public final class DemoOtlp {

    /**
     * One log record.
     *
     * @param service its resource's {@code service.name}
     * @param body its string body
     * @param timeMillis its {@code timeUnixNano} in ms (0: unset)
     */
    public record Log(String service, String body, long timeMillis) {}

    private static final int[] OPENIM_CODES = {0, 0, 0, 1001, 1004, 1204, 1302};
    private static final String[] OPENIM_NAMES = {
        "", "", "", "ArgsError", "RecordNotFoundError", "DismissedAlreadyError", "BlockedByPeer"
    };

    private final Random random;

    /** @param seed equal seeds give equal batches */
    public DemoOtlp(long seed) {
        this.random = new Random(seed);
    }

    /**
     * The next demo batch: 1 to 20 OpenIM API responses (no session closes, so the demo's spike
     * figures are those of its main stream) and lines without codes, from two services.
     */
    public DemoEvent next(long now) {
        int n = 1 + random.nextInt(20);
        List<Log> logs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(5) == 0) {
                logs.add(new Log("openim-push", "push delivered to " + random.nextInt(1000) + " devices", now));
            } else {
                int pick = random.nextInt(OPENIM_CODES.length);
                logs.add(new Log(
                        "openim-api",
                        "{\"errCode\":" + OPENIM_CODES[pick] + ",\"errMsg\":\"" + OPENIM_NAMES[pick]
                                + "\",\"errDlt\":\"\",\"data\":null}",
                        now));
            }
        }
        return new DemoEvent("otlp-batch", null, batch(logs), now);
    }

    /**
     * One batch of {@code logs}, in their order: a resource (with its one scope) per run of logs of
     * one service.
     */
    public static byte[] batch(List<Log> logs) {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        String service = null;
        ScopeLogs.Builder scope = null;
        for (Log log : logs) {
            if (!log.service().equals(service)) {
                addResource(request, service, scope);
                service = log.service();
                scope = ScopeLogs.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("imwatch-demo"));
            }
            LogRecord.Builder record = LogRecord.newBuilder()
                    .setBody(AnyValue.newBuilder().setStringValue(log.body()))
                    .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
                    .setSeverityText("INFO");
            if (log.timeMillis() != 0) {
                record.setTimeUnixNano(log.timeMillis() * 1_000_000L)
                        .setObservedTimeUnixNano(log.timeMillis() * 1_000_000L);
            }
            scope.addLogRecords(record);
        }
        addResource(request, service, scope);
        return request.build().toByteArray();
    }

    private static void addResource(ExportLogsServiceRequest.Builder request, String service, ScopeLogs.Builder scope) {
        if (scope != null) {
            request.addResourceLogs(ResourceLogs.newBuilder()
                    .setResource(Resource.newBuilder()
                            .addAttributes(attribute("service.name", service))
                            .addAttributes(attribute("telemetry.sdk.name", "opentelemetry")))
                    .addScopeLogs(scope));
        }
    }

    /**
     * {@code logs} as JSON lines, the same events as a line-per-record shipper writes them (the flat
     * OpenTelemetry shape: {@code timeUnixNano}, {@code body}, {@code resource}).
     */
    public static List<byte[]> asJsonLines(List<Log> logs) {
        return logs.stream()
                .map(log -> {
                    ObjectNode line = JsonNodeFactory.instance.objectNode();
                    line.put("timeUnixNano", Long.toString(log.timeMillis() * 1_000_000L));
                    line.put("body", log.body());
                    line.putObject("resource").put("service.name", log.service());
                    return line.toString().getBytes(StandardCharsets.UTF_8);
                })
                .toList();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }
}
