package io.imwatch.app.topology;

import io.imwatch.classify.event.LogEvent;

/**
 * One output of an OTLP batch: a log record's event, or the dead letter (the record's own bytes;
 * the reason is in the headers) of a log record that could not be read.
 */
record OtlpItem(LogEvent event, byte[] deadLetter) {

    boolean isEvent() {
        return event != null;
    }
}
