package io.imwatch.classify.rules;

import io.imwatch.catalog.FileProblemsException;
import java.util.List;

/** Extraction rules could not be loaded; {@link #problems()} lists every problem, each locatable. */
public final class RuleException extends FileProblemsException {

    public RuleException(String summary, List<String> problems) {
        super(summary, problems);
    }
}
