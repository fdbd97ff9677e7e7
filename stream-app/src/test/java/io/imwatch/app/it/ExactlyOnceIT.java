package io.imwatch.app.it;

import io.imwatch.app.embedded.EmbeddedKafka;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ExactlyOnceScenario} on Kafka's own KRaft broker, in-process. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExactlyOnceIT {

    @Test
    void shouldRouteEveryInputRecordToExactlyOneOutput() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            ExactlyOnceScenario.run(kafka.bootstrapServers(), kafka.scratchDir("streams-state"));
        }
    }
}
