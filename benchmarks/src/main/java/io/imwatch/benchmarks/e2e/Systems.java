package io.imwatch.benchmarks.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of the harness's systems run ({@code -Dbench.systems=floor,imwatch}; all by default): one
 * system alone, under a profiler, shows its own threads without the others' samples mixed in. A
 * system left out reports no records, so its columns read 0.
 */
final class Systems {

    static final List<String> ALL = List.of("passthrough", "identity", "floor", "imwatch");

    /** One system's throughput run. */
    interface Run {
        CommittedProgress.Result run() throws Exception;
    }

    private final Set<String> selected;

    private Systems(Set<String> selected) {
        this.selected = selected;
    }

    /** The systems named by {@code bench.systems}, all when it is not set. */
    static Systems fromProperty() {
        String names = System.getProperty("bench.systems");
        if (names == null || names.isBlank()) {
            return new Systems(Set.copyOf(ALL));
        }
        Set<String> selected = Arrays.stream(names.split(","))
                .map(n -> n.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        for (String name : selected) {
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("bench.systems: unknown system '" + name + "'; use any of " + ALL);
            }
        }
        return new Systems(selected);
    }

    CommittedProgress.Result run(String name, Run run) throws Exception {
        return selected.contains(name) ? run.run() : new CommittedProgress.Result(0, 0, 0, Map.of());
    }
}
