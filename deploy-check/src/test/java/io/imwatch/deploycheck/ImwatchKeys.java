package io.imwatch.deploycheck;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.EnvironmentSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What imwatch itself says about settings written in deploy files: the app's own config definition
 * ({@code ImwatchConfig.DEFINITION}) and "did you mean", through {@link ConfigSources} and
 * {@link EnvironmentSettings}, so these checks never keep a second list of keys.
 */
final class ImwatchKeys {

    private ImwatchKeys() {}

    /**
     * One line per {@code IMWATCH_*} name that sets no imwatch key. The app ignores such a variable
     * (with a warning when it is near a key); in a deploy file it is always a mistake.
     */
    static List<String> environmentProblems(Collection<String> names) {
        Map<String, String> env = new LinkedHashMap<>();
        names.stream().filter(n -> n.startsWith(EnvironmentSettings.PREFIX)).forEach(n -> env.put(n, ""));
        EnvironmentSettings settings = EnvironmentSettings.read(env);
        List<String> problems = new ArrayList<>(settings.warnings());
        settings.ignored()
                .forEach(n -> problems.add(n + " sets no imwatch key, so imwatch ignores it (keys: ImwatchConfig; "
                        + "Kafka client settings are IMWATCH_KAFKA_*)"));
        return problems;
    }

    /** The app's verdict on a config file (keys and values), or empty when imwatch would accept it. */
    static List<String> configFileProblems(Path file) {
        try {
            new ConfigSources()
                    .add(file.getFileName().toString(), ConfigSources.fromFile(file))
                    .build();
            return List.of();
        } catch (ConfigProblem e) {
            return List.of(e.getMessage());
        }
    }
}
