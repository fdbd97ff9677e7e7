package io.imwatch.app.it;

import static io.imwatch.app.it.KafkaTestSupport.SEQ;
import static io.imwatch.app.it.KafkaTestSupport.header;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.imwatch.app.demo.DemoEvent;
import io.imwatch.app.demo.DemoTraffic;
import io.imwatch.app.topology.DeadLetters;
import io.imwatch.classify.event.LogEventParser;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * How {@link CrashRestartIT}'s inputs are written, and where each input's id is found again in the
 * outputs: one demo event per record with the id in a header, or OTLP batches of demo events with
 * each id inside its log record.
 */
enum CrashInput {
    /** One demo event per record; its id in the {@link KafkaTestSupport#SEQ} header. */
    LINES {
        @Override
        String topicOption() {
            return "";
        }

        @Override
        void produce(KafkaProducer<byte[], byte[]> producer, String topic, int events, AtomicInteger produced)
                throws InterruptedException {
            DemoTraffic traffic = new DemoTraffic(11, true);
            for (int seq = 0; seq < events; seq++) {
                long now = System.currentTimeMillis();
                DemoEvent event = traffic.next(now);
                producer.send(new ProducerRecord<>(topic, null, now, event.key(), event.value(), seqHeader(seq)));
                produced.incrementAndGet();
                if (seq % 100 == 99) {
                    producer.flush();
                    Thread.sleep(100);
                }
            }
        }

        @Override
        List<Integer> ids(ConsumerRecord<byte[], byte[]> record) {
            return List.of(Integer.parseInt(header(record, SEQ)));
        }
    },

    /**
     * OTLP protobuf batches of 1 to 40 demo events, each log record with its id in the attribute
     * {@value #ID}; unreadable records (non-UTF-8 bytes bodies) are dead-lettered alone, and one
     * batch in 40 is cut short and dead-lettered whole (its ids then in the {@value #BATCH_IDS} header).
     */
    OTLP {
        @Override
        String topicOption() {
            return ":otlp";
        }

        @Override
        void produce(KafkaProducer<byte[], byte[]> producer, String topic, int events, AtomicInteger produced)
                throws InterruptedException {
            DemoTraffic traffic = new DemoTraffic(11, true);
            Random random = new Random(13);
            int seq = 0;
            int sinceFlush = 0;
            while (seq < events) {
                long now = System.currentTimeMillis();
                int n = Math.min(events - seq, 1 + random.nextInt(40));
                ScopeLogs.Builder scope = ScopeLogs.newBuilder();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < n; i++, seq++) {
                    scope.addLogRecords(logRecord(traffic.next(now), now, seq));
                    ids.add(Integer.toString(seq));
                }
                byte[] batch = ExportLogsServiceRequest.newBuilder()
                        .addResourceLogs(ResourceLogs.newBuilder()
                                .setResource(Resource.newBuilder()
                                        .addAttributes(KeyValue.newBuilder()
                                                .setKey("service.name")
                                                .setValue(AnyValue.newBuilder().setStringValue("im-backend"))))
                                .addScopeLogs(scope))
                        .build()
                        .toByteArray();
                if (random.nextInt(40) == 0) {
                    batch = Arrays.copyOf(batch, batch.length - 1);
                }
                RecordHeaders headers = new RecordHeaders();
                headers.add(BATCH_IDS, String.join(",", ids).getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(topic, null, now, null, batch, headers));
                produced.addAndGet(n);
                sinceFlush += n;
                if (sinceFlush >= 100) {
                    sinceFlush = 0;
                    producer.flush();
                    Thread.sleep(100);
                }
            }
        }

        private static LogRecord logRecord(DemoEvent event, long now, int seq) {
            String text = new String(event.value(), StandardCharsets.UTF_8);
            AnyValue body = Arrays.equals(text.getBytes(StandardCharsets.UTF_8), event.value())
                    ? AnyValue.newBuilder().setStringValue(text).build()
                    : AnyValue.newBuilder()
                            .setBytesValue(ByteString.copyFrom(event.value()))
                            .build();
            return LogRecord.newBuilder()
                    .setTimeUnixNano(now * 1_000_000L)
                    .setBody(body)
                    .addAttributes(KeyValue.newBuilder()
                            .setKey(ID)
                            .setValue(AnyValue.newBuilder().setIntValue(seq)))
                    .build();
        }

        @Override
        List<Integer> ids(ConsumerRecord<byte[], byte[]> record) throws Exception {
            if (header(record, DeadLetters.REASON) == null) {
                JsonNode event = LogEventParser.mapper().readTree(record.value());
                return List.of(event.path("attributes").path(ID).asInt(-1));
            }
            if (header(record, DeadLetters.SOURCE_RECORD_INDEX) != null) {
                for (KeyValue kv : LogRecord.parseFrom(record.value()).getAttributesList()) {
                    if (kv.getKey().equals(ID)) {
                        return List.of((int) kv.getValue().getIntValue());
                    }
                }
                return List.of(-1);
            }
            return Arrays.stream(header(record, BATCH_IDS).split(","))
                    .map(Integer::valueOf)
                    .toList();
        }
    };

    /** The log record attribute holding an OTLP input's id. */
    static final String ID = "it.seq";

    /** The header listing the ids of an OTLP batch (read only off a batch dead-lettered whole). */
    static final String BATCH_IDS = "it.batch.seqs";

    /** What follows the topic's name in {@code input.topics}. */
    abstract String topicOption();

    /** Writes inputs with ids 0 to {@code events - 1}, about 1,000 a second, counting them in {@code produced}. */
    abstract void produce(KafkaProducer<byte[], byte[]> producer, String topic, int events, AtomicInteger produced)
            throws InterruptedException;

    /** The input ids an output record stands for. */
    abstract List<Integer> ids(ConsumerRecord<byte[], byte[]> record) throws Exception;

    private static RecordHeaders seqHeader(int seq) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SEQ, Integer.toString(seq).getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
