package io.imwatch.app.run;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.config.ImwatchConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks Kafka Streams' state directory before anything starts. */
final class StateDirs {

    private static final Logger log = LoggerFactory.getLogger(StateDirs.class);

    private StateDirs() {}

    /**
     * Creates {@code stateDir} if needed, and warns if it is in the OS temp directory, which the OS may
     * clear (Kafka Streams says so too, but log4j2.xml quiets that line: the embedded demo keeps its
     * throwaway state there on purpose).
     *
     * @throws ConfigProblem if it cannot be created or written
     */
    static void prepare(String stateDir, String origin) {
        Path dir = Path.of(stateDir);
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new ConfigProblem(
                    ImwatchConfig.STATE_DIR_CONFIG + "=" + stateDir + " (from " + origin + ") cannot be created (" + e
                            + "); point state.dir at a writable directory on persistent storage",
                    e);
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigProblem(ImwatchConfig.STATE_DIR_CONFIG + "=" + stateDir + " (from " + origin
                    + ") is not writable; point state.dir at a writable directory on persistent storage");
        }
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null
                && dir.toAbsolutePath()
                        .normalize()
                        .startsWith(Path.of(tmp).toAbsolutePath().normalize())) {
            log.warn(
                    "state.dir {} (from {}) is in the OS temp directory, which the OS may clear: Kafka Streams would then"
                            + " restore its stores from Kafka; set state.dir to a persistent directory",
                    stateDir,
                    origin);
        }
    }
}
