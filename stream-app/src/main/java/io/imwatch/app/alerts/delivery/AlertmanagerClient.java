package io.imwatch.app.alerts.delivery;

import io.imwatch.app.alerts.AlertEvent;
import io.imwatch.app.alerts.AlertJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs alerts to Alertmanager's v2 API from its own thread: transitions as they come, and every
 * firing alert again each {@code resend} (Alertmanager resolves alerts that are not re-sent).
 * Failures back off exponentially up to a minute; pending alerts are kept per alert (latest
 * state wins), so nothing queues without bound and the stream is never blocked.
 */
public final class AlertmanagerClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerClient.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final URI endpoint;
    private final Duration resend;
    private final FiringAlerts firing;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "imwatch-alertmanager");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AlertEvent> pending = new LinkedHashMap<>();
    private long nextAttempt;
    private long nextResend;
    private Duration backoff = Duration.ofSeconds(1);

    /**
     * @param baseUrl e.g. {@code http://alertmanager:9093}
     * @param resend how often firing alerts are re-sent
     */
    public AlertmanagerClient(String baseUrl, Duration resend, FiringAlerts firing) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/api/v2/alerts");
        this.resend = resend;
        this.firing = firing;
        executor.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Queues a transition for sending. */
    public synchronized void send(AlertEvent alert) {
        pending.put(alert.fingerprint(), alert);
    }

    private void tick() {
        long now = System.currentTimeMillis();
        List<AlertEvent> batch;
        synchronized (this) {
            if (now < nextAttempt) {
                return;
            }
            if (now >= nextResend) {
                firing.firing().forEach(a -> pending.putIfAbsent(a.fingerprint(), a));
                nextResend = now + resend.toMillis();
            }
            if (pending.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(pending.values());
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            AlertJson.postBody(batch, now + 3 * resend.toMillis())))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            synchronized (this) {
                batch.forEach(sent -> pending.remove(sent.fingerprint(), sent));
                backoff = Duration.ofSeconds(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            synchronized (this) {
                nextAttempt = now + backoff.toMillis();
                log.warn(
                        "could not send {} alert(s) to {} ({}); retrying in {}",
                        batch.size(),
                        endpoint,
                        e.toString(),
                        backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
