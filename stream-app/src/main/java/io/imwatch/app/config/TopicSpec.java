package io.imwatch.app.config;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A topic with the serdes it is written with: injected into the topology, never hard-coded in it. */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}
