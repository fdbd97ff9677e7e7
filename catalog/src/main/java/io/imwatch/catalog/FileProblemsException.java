package io.imwatch.catalog;

import java.util.List;

/** A configuration file could not be loaded; {@link #problems()} lists every problem, each locatable. */
public class FileProblemsException extends RuntimeException {

    private final List<String> problems;

    public FileProblemsException(String summary, List<String> problems) {
        super(summary + (problems.isEmpty() ? "" : ":\n  - " + String.join("\n  - ", problems)));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code file:line: where: what is wrong and what is expected}. */
    public List<String> problems() {
        return problems;
    }
}
