package io.imwatch.benchmarks.e2e;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * imwatch keys set for every Kafka Streams system of a run — the identity, the output floor and
 * imwatch — by {@code -Dbench.all.KEY=VALUE} (e.g. {@code
 * -Dbench.all.kafka.producer.compression.type=zstd}): a client setting is compared on both sides
 * of the ratio, as a changed default would be. {@code -Dimwatch.KEY=VALUE} sets a key for imwatch
 * alone.
 */
final class SharedSettings {

    private static final String PREFIX = "bench.all.";

    private SharedSettings() {}

    /** The shared keys with {@code fixed} on top (the harness's own topics, servers, ids). */
    static Map<String, String> with(Map<String, String> fixed) {
        Map<String, String> settings = new HashMap<>(fromProperties());
        settings.putAll(fixed);
        return settings;
    }

    static Map<String, String> fromProperties() {
        return System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(PREFIX))
                .collect(Collectors.toMap(name -> name.substring(PREFIX.length()), System::getProperty));
    }
}
