package io.imwatch.catalog;

import java.util.List;

/** A catalogue could not be loaded; {@link #problems()} lists every problem found, each locatable. */
public final class CatalogException extends FileProblemsException {

    public CatalogException(String summary, List<String> problems) {
        super(summary, problems);
    }
}
