package io.imwatch.app.config;

/** A usage or configuration error whose message says what to fix; the CLI prints it and exits 2. */
public class ConfigProblem extends RuntimeException {

    public ConfigProblem(String message) {
        super(message);
    }

    public ConfigProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
