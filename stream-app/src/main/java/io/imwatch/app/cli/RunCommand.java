package io.imwatch.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code imwatch run}: the Kafka Streams application (see the stream issue). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the stream processor.")
public final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new ConfigProblem("run is not built yet");
    }
}
