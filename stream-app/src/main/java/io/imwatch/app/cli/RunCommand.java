package io.imwatch.app.cli;

import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.EnvironmentSettings;
import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.app.run.ImwatchApp;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code imwatch run}: the stream processor, until Ctrl-C. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the Kafka Streams application. Without bootstrap.servers it starts an embedded Kafka broker,",
            "creates the topics and produces demo traffic, and prints a summary every few seconds.",
            "Settings: --config file, then IMWATCH_* environment variables (IMWATCH_HTTP_PORT -> http.port), then flags.",
            "Ctrl-C or SIGTERM stops it cleanly (exit 0)."
        })
public final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "A .properties or .yaml config file.")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT,...",
            description = "The Kafka cluster (overrides bootstrap.servers).")
    String bootstrapServers;

    @Option(
            names = "--http-port",
            paramLabel = "N",
            description = "Port of /health and /metrics (default 8080; 0 = any free port).")
    Integer httpPort;

    @Option(
            names = "--create-topics",
            description = "Create missing topics (topics.partitions, topics.replication.factor).")
    boolean createTopics;

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            description = "Level of imwatch's own log: TRACE, DEBUG (shows the topology), INFO, WARN, ERROR.")
    String logLevel;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Set any config key (repeatable), e.g. --set demo.rate=500.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The environment; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        EnvironmentSettings env = EnvironmentSettings.read(environment);
        env.warnings().forEach(warning -> log.warn("{}", warning));
        if (!env.ignored().isEmpty()) {
            log.debug("environment variables that are not imwatch settings, ignored: {}", env.ignored());
        }
        Map<String, String> flags = new LinkedHashMap<>(overrides);
        if (bootstrapServers != null) {
            flags.put(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (httpPort != null) {
            flags.put(ImwatchConfig.HTTP_PORT_CONFIG, Integer.toString(httpPort));
        }
        if (logLevel != null) {
            flags.put(ImwatchConfig.LOG_LEVEL_CONFIG, logLevel);
        }
        ConfigSources sources = ConfigSources.layered(config, env, flags);
        // ready for a stop before anything starts: Ctrl-C while the broker boots stops it cleanly too
        ImwatchApp app = ImwatchApp.create();
        StopSignals signals = StopSignals.install(app::close);
        Thread hook = new Thread(
                () -> {
                    app.close();
                    // log4j2.xml disables Log4j's own hook: logging must outlive the broker's shutdown
                    LogManager.shutdown();
                },
                "imwatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            app.begin(sources, createTopics, System.out);
        } catch (ImwatchApp.StopRequested e) {
            return 0;
        } catch (RuntimeException e) {
            signals.close();
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e;
        }
        boolean clean = app.awaitStop();
        return clean ? 0 : 1;
    }
}
