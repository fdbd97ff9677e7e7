package io.imwatch.classify.otlp;

import io.imwatch.classify.event.MalformedReason;

/** One log record cannot be read; its batch goes on. Never leaves this package. */
final class RecordProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final MalformedReason reason;

    RecordProblem(MalformedReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    MalformedReason reason() {
        return reason;
    }
}
