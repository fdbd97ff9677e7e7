package io.imwatch.classify.rules;

import java.util.List;

/** Extraction rules could not be loaded; {@link #problems()} lists every problem, each locatable. */
public final class RuleException extends RuntimeException {

    private final List<String> problems;

    public RuleException(String summary, List<String> problems) {
        super(summary + (problems.isEmpty() ? "" : ":\n  - " + String.join("\n  - ", problems)));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
