package io.imwatch.classify.otlp;

import io.imwatch.classify.event.MalformedReason;
import java.util.function.Supplier;

/**
 * One log record as a batch reader saw it: its flat form, or why it could not be read; either way
 * its own bytes on demand (only a failure needs them).
 */
record RecordRead(FlatRecord flat, MalformedReason reason, String message, Supplier<byte[]> raw) {

    static RecordRead ok(FlatRecord flat, Supplier<byte[]> raw) {
        return new RecordRead(flat, null, null, raw);
    }

    static RecordRead failed(MalformedReason reason, String message, Supplier<byte[]> raw) {
        return new RecordRead(null, reason, message, raw);
    }

    boolean isFailure() {
        return flat == null;
    }
}
