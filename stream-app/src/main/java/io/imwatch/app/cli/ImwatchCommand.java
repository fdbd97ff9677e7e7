package io.imwatch.app.cli;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.catalog.FileProblemsException;
import java.io.PrintWriter;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code imwatch}: the top-level command. */
@Command(
        name = "imwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Watches the status and error codes of instant-messaging systems in their logs.",
        subcommands = {
            RunCommand.class,
            ClassifyCommand.class,
            ExplainCommand.class,
            CatalogCommand.class,
            SimulateAlertsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ImwatchCommand implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ImwatchCommand.class);

    /** Exit status for a configuration the user must fix (bad file, unknown key, unknown vendor). */
    public static final int EXIT_CONFIG = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: run, classify, explain, catalog or simulate");
    }

    /** The configured command line: config errors print their problems and exit {@link #EXIT_CONFIG}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ImwatchCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof FileProblemsException || e instanceof ConfigProblem) {
                log.debug("configuration problem", e);
                err.println("imwatch: " + e.getMessage());
                err.flush();
                return EXIT_CONFIG;
            }
            if (e instanceof ConfigException) {
                // a Kafka setting refused by Kafka itself where imwatch did not check it first
                log.debug("Kafka refused its configuration", e);
                err.println("imwatch: invalid Kafka configuration: " + e.getMessage()
                        + " (check the kafka.* settings; --log-level debug shows where it failed)");
                err.flush();
                return EXIT_CONFIG;
            }
            throw e;
        });
        return cli;
    }
}
