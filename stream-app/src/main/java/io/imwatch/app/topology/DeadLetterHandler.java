package io.imwatch.app.topology;

import java.util.Map;
import org.apache.kafka.common.Configurable;

/** What the three dead-letter exception handlers share: the dead-letter builder, read from their configs. */
abstract class DeadLetterHandler implements Configurable {

    protected DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.from(configs);
    }
}
