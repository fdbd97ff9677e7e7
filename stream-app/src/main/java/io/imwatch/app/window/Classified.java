package io.imwatch.app.window;

import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Route;

/**
 * A classified record flowing through the topology.
 *
 * @param event the classification
 * @param eventTime when it happened: the log's own time when it has a plausible one, else the record's
 * @param catalogVersion the fingerprint of the catalogue version that classified it, stamped on the
 *     enriched and unknown records; {@code null} when not tracked
 */
public record Classified(ClassifiedEvent event, long eventTime, String catalogVersion) {

    /** A record whose catalogue version is not tracked. */
    public Classified(ClassifiedEvent event, long eventTime) {
        this(event, eventTime, null);
    }

    public Route route() {
        return event.route();
    }
}
