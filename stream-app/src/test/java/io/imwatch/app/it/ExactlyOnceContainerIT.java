package io.imwatch.app.it;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** {@link ExactlyOnceScenario} on the official apache/kafka image, where Docker exists (skipped without it). */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExactlyOnceContainerIT {

    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

    @TempDir
    Path stateDir;

    @Test
    void shouldRouteEveryInputRecordToExactlyOneOutput() throws Exception {
        ExactlyOnceScenario.run(KAFKA.getBootstrapServers(), stateDir);
    }
}
