package io.imwatch.app;

import io.imwatch.app.cli.ImwatchCommand;

/** Entry point of {@code imwatch.jar}: parses the command line and exits with the command's status. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(ImwatchCommand.commandLine().execute(args));
    }
}
