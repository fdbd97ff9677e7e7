package io.imwatch.deploycheck.grafana;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What these ITs need to start Prometheus or Alertmanager as a child process and wait for it: a port, a probe. */
final class LocalServers {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalServers() {}

    /** A port nothing listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Whether {@code uri} answers 200 within {@code timeout}; false while nothing listens yet. */
    static boolean answersOk(URI uri, Duration timeout) {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
