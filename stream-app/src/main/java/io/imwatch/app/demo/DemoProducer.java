package io.imwatch.app.demo;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces {@link DemoTraffic} into a topic at a steady rate, and every {@code spikeEvery} adds a
 * session-close spike of {@code spikeRate} extra events per second for {@code spikeLength}
 * (Turms heartbeat timeouts, then Easemob kicks, then OpenIM token expiries, in turn). Given an
 * OTLP topic, it also writes {@link DemoOtlp} batches there, {@value #OTLP_BATCHES_PER_SECOND} a
 * second (about 20 log records a second), as the OpenTelemetry Collector's {@code kafkaexporter} would.
 */
public final class DemoProducer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoProducer.class);
    private static final long TICK_MS = 100;
    static final int OTLP_BATCHES_PER_SECOND = 2;

    /** The demo's pace and spike schedule. */
    public record Schedule(int ratePerSecond, Duration spikeEvery, Duration spikeLength, int spikeRatePerSecond) {}

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String otlpTopic;
    private final DemoOtlp otlp = new DemoOtlp(System.nanoTime());
    private final Schedule schedule;
    private final DemoTraffic traffic = new DemoTraffic(System.nanoTime(), true);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong produced = new AtomicLong();
    private final Thread thread;
    private volatile DemoTraffic.Spike currentSpike;

    public DemoProducer(Map<String, Object> clientProperties, String topic, Schedule schedule) {
        this(clientProperties, topic, null, schedule);
    }

    /** @param otlpTopic where to write OTLP batches too, or {@code null} */
    public DemoProducer(Map<String, Object> clientProperties, String topic, String otlpTopic, Schedule schedule) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "imwatch-demo");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.otlpTopic = otlpTopic;
        this.schedule = schedule;
        this.thread = new Thread(this::run, "imwatch-demo");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The spike being produced right now, or {@code null}. */
    public DemoTraffic.Spike currentSpike() {
        return currentSpike;
    }

    public long produced() {
        return produced.get();
    }

    private void run() {
        long start = System.currentTimeMillis();
        double owed = 0;
        double spikeOwed = 0;
        double otlpOwed = 0;
        int spikeNumber = -1;
        try {
            while (running.get()) {
                long now = System.currentTimeMillis();
                long sinceStart = now - start;
                long every = schedule.spikeEvery().toMillis();
                long cycle = sinceStart / every;
                boolean inSpike = cycle >= 1
                        && sinceStart % every < schedule.spikeLength().toMillis();
                DemoTraffic.Spike spike = inSpike
                        ? DemoTraffic.Spike.values()[(int) ((cycle - 1) % DemoTraffic.Spike.values().length)]
                        : null;
                if (spike != null && cycle != spikeNumber) {
                    spikeNumber = (int) cycle;
                    log.info("demo: starting a {} spike for {}", spike, schedule.spikeLength());
                }
                currentSpike = spike;
                owed += schedule.ratePerSecond() * TICK_MS / 1000.0;
                for (; owed >= 1; owed--) {
                    send(traffic.next(now));
                }
                if (spike != null) {
                    spikeOwed += schedule.spikeRatePerSecond() * TICK_MS / 1000.0;
                    for (; spikeOwed >= 1; spikeOwed--) {
                        send(traffic.spike(spike, now));
                    }
                }
                if (otlpTopic != null) {
                    otlpOwed += OTLP_BATCHES_PER_SECOND * TICK_MS / 1000.0;
                    for (; otlpOwed >= 1; otlpOwed--) {
                        DemoEvent batch = otlp.next(now);
                        producer.send(new ProducerRecord<>(otlpTopic, null, now, batch.key(), batch.value()));
                    }
                }
                Thread.sleep(Math.max(1, TICK_MS - (System.currentTimeMillis() - now)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running.get()) {
                log.error("demo producer stopped", e);
            }
        }
    }

    private void send(DemoEvent event) {
        producer.send(new ProducerRecord<>(topic, null, event.timestamp(), event.key(), event.value()));
        produced.incrementAndGet();
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
