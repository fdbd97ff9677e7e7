package io.imwatch.app.window;

import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Route;

/**
 * A classified record flowing through the topology.
 *
 * @param event the classification
 * @param eventTime when it happened: the log's own time when it has a plausible one, else the record's
 */
public record Classified(ClassifiedEvent event, long eventTime) {

    public Route route() {
        return event.route();
    }
}
