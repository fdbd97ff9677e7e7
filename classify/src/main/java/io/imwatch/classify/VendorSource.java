package io.imwatch.classify;

/** Where the event's vendor came from, most trusted first. */
public enum VendorSource {
    /** Envelope or payload fields named the service (service.name, container, app, logger, sdk, file path). */
    HINT,
    /** A vendor-specific format rule matched. */
    FORMAT,
    /** The configured default vendor (per topic, or {@code --vendor}). */
    CONFIG,
    /** Nothing said which vendor it is. */
    NONE
}
