package io.imwatch.app.it;

import static io.imwatch.app.it.KafkaTestSupport.SEQ;

import io.imwatch.app.demo.DemoEvent;
import io.imwatch.app.demo.DemoTraffic;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Demo traffic at a steady pace, stamped with the wall clock and numbered 0, 1, 2, … in the
 * {@link KafkaTestSupport#SEQ} header, until {@link #close()}; while {@link #spike(boolean)} is on,
 * extra turms heartbeat-timeout session closes on top (a spike the default SessionCloseSpike rule
 * fires on).
 */
final class PacedTraffic implements AutoCloseable {

    private static final int TICK_MS = 100;

    private final String bootstrap;
    private final String topic;
    private final int perTick;
    private final int spikePerTick;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean spiking = new AtomicBoolean();
    private final AtomicInteger produced = new AtomicInteger();
    private final Thread thread;

    /**
     * @param ratePerSecond ordinary records a second
     * @param spikePerSecond extra session closes a second while spiking
     */
    PacedTraffic(String bootstrap, String topic, int ratePerSecond, int spikePerSecond) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.perTick = ratePerSecond * TICK_MS / 1000;
        this.spikePerTick = spikePerSecond * TICK_MS / 1000;
        this.thread = new Thread(this::run, "it-traffic");
        thread.start();
    }

    void spike(boolean on) {
        spiking.set(on);
    }

    /** Records sent so far (all of them acknowledged once {@link #close()} returned). */
    int produced() {
        return produced.get();
    }

    private void run() {
        DemoTraffic traffic = new DemoTraffic(23, true);
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            while (running.get()) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < perTick; i++) {
                    send(producer, traffic.next(now));
                }
                if (spiking.get()) {
                    for (int i = 0; i < spikePerTick; i++) {
                        send(producer, traffic.spike(DemoTraffic.Spike.TURMS_HEARTBEAT_TIMEOUT, now));
                    }
                }
                producer.flush();
                Thread.sleep(Math.max(1, TICK_MS - (System.currentTimeMillis() - now)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(KafkaProducer<byte[], byte[]> producer, DemoEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SEQ, Integer.toString(produced.get()).getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(topic, null, event.timestamp(), event.key(), event.value(), headers));
        produced.incrementAndGet();
    }

    /** Stops after the current tick; everything sent is flushed. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
