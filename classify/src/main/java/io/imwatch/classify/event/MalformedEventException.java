package io.imwatch.classify.event;

import java.util.Objects;

/** An event that cannot be read; it is dead-lettered with its original bytes, never dropped. */
public final class MalformedEventException extends RuntimeException {

    private final MalformedReason reason;

    public MalformedEventException(MalformedReason reason, String message) {
        this(reason, message, null);
    }

    public MalformedEventException(MalformedReason reason, String message, Throwable cause) {
        super(reason.id() + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public MalformedReason reason() {
        return reason;
    }
}
