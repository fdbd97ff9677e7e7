package io.imwatch.app.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imwatch.app.config.ConfigProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code GET /health/live} (200 unless Kafka Streams failed), {@code GET /health/ready} (200 only
 * while RUNNING) and {@code GET /metrics} (Prometheus text format), on the JDK's HTTP server.
 */
public final class HttpEndpoints implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers;

    private HttpEndpoints(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /**
     * @param state the current Kafka Streams state
     * @param scrape the Prometheus exposition text
     * @throws ConfigProblem if the port is taken
     */
    public static HttpEndpoints start(int port, Supplier<KafkaStreams.State> state, Supplier<String> scrape) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/health/live", ex -> {
                KafkaStreams.State s = state.get();
                boolean live = s != KafkaStreams.State.ERROR && s != KafkaStreams.State.PENDING_ERROR;
                respond(ex, live ? 200 : 503, "text/plain", s + "\n");
            });
            server.createContext("/health/ready", ex -> {
                KafkaStreams.State s = state.get();
                respond(ex, s == KafkaStreams.State.RUNNING ? 200 : 503, "text/plain", s + "\n");
            });
            server.createContext(
                    "/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", scrape.get()));
            server.createContext(
                    "/", ex -> respond(ex, 404, "text/plain", "imwatch: /health/live /health/ready /metrics\n"));
            ExecutorService handlers = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "imwatch-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(handlers);
            server.start();
            return new HttpEndpoints(server, handlers);
        } catch (BindException e) {
            throw new ConfigProblem(
                    "http.port " + port + " is already in use; choose another with --http-port N (0 picks a free one)",
                    e);
        } catch (IOException e) {
            throw new ConfigProblem("cannot open the HTTP port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        // HttpServer.stop leaves a caller-supplied executor running; its threads would outlive the app.
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
