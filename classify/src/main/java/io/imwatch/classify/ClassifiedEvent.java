package io.imwatch.classify;

import io.imwatch.classify.event.LogEvent;
import java.util.List;

/**
 * An event with the codes found in it, classified.
 *
 * @param event the event as read
 * @param vendor the event's vendor, or {@code null} when not known (or when its codes disagree)
 * @param vendorSource where {@code vendor} came from
 * @param codes every code found, in the order found
 * @param noCodeReason why no code was found when {@code codes} is empty ({@link NoCodeReason#NONE_FOUND}
 *     when given as {@code null}); always {@code null} when there are codes
 */
public record ClassifiedEvent(
        LogEvent event,
        String vendor,
        VendorSource vendorSource,
        List<ClassifiedCode> codes,
        NoCodeReason noCodeReason) {

    public ClassifiedEvent {
        codes = List.copyOf(codes);
        if (!codes.isEmpty()) {
            noCodeReason = null;
        } else if (noCodeReason == null) {
            noCodeReason = NoCodeReason.NONE_FOUND;
        }
    }

    /** An event whose codes, if none, were simply not there ({@link NoCodeReason#NONE_FOUND}). */
    public ClassifiedEvent(LogEvent event, String vendor, VendorSource vendorSource, List<ClassifiedCode> codes) {
        this(event, vendor, vendorSource, codes, null);
    }

    /** {@link Route#ENRICHED}, {@link Route#UNKNOWN} or {@link Route#NO_CODE}. */
    public Route route() {
        if (codes.isEmpty()) {
            return Route.NO_CODE;
        }
        for (ClassifiedCode code : codes) {
            if (!code.isKnown()) {
                return Route.UNKNOWN;
            }
        }
        return Route.ENRICHED;
    }
}
