package io.imwatch.app.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the CLI in-process with captured stdin/stdout/stderr. Not thread-safe (swaps System streams). */
final class CliRunner {

    record Result(int exitCode, String out, String err) {}

    private CliRunner() {}

    static Result run(String stdin, String... args) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    static Result run(InputStream stdin, String... args) {
        InputStream originalIn = System.in;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        StringWriter picocliOut = new StringWriter();
        try {
            System.setIn(stdin);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            var cli = ImwatchCommand.commandLine();
            // Hermetic: IMWATCH_* variables of the machine running the tests must not leak into `run`.
            RunCommand run = cli.getSubcommands().get("run").getCommand();
            run.environment = Map.of();
            cli.setOut(new PrintWriter(picocliOut, true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8) + picocliOut, err.toString());
        } finally {
            System.setIn(originalIn);
            System.setOut(originalOut);
        }
    }
}
