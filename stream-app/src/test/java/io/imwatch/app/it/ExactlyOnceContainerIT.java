package io.imwatch.app.it;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link ExactlyOnceScenario} against a broker in a container: the way to test imwatch against
 * your own broker image (CONTRIBUTING.md, "Testing against your own broker"). The image is
 * {@code -Dimwatch.it.kafka.image=...} (an image built like apache/kafka; default
 * {@value #DEFAULT_IMAGE}). Skipped without Docker, so in CI and on most developer machines,
 * where {@code ExactlyOnceIT} runs the same scenario on the in-process broker.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExactlyOnceContainerIT {

    static final String DEFAULT_IMAGE = "apache/kafka:4.3.1";

    @Container
    private static final KafkaContainer KAFKA =
            new KafkaContainer(DockerImageName.parse(System.getProperty("imwatch.it.kafka.image", DEFAULT_IMAGE))
                    .asCompatibleSubstituteFor("apache/kafka"));

    @TempDir
    Path stateDir;

    @Test
    void shouldRouteEveryInputRecordToExactlyOneOutput() throws Exception {
        ExactlyOnceScenario.run(KAFKA.getBootstrapServers(), stateDir);
    }
}
