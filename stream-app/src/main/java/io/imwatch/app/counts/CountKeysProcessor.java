package io.imwatch.app.counts;

import io.imwatch.app.window.Classified;
import io.imwatch.app.window.SummingProcessor;
import io.imwatch.app.window.WindowSums;
import io.imwatch.classify.ClassifiedCode;

/**
 * Counts what each event adds to, keyed by {@link CountKey}, in the event's own time: summed per
 * key and window here, and forwarded as sums (see {@link WindowSums}) to the final count.
 */
final class CountKeysProcessor extends SummingProcessor {

    private final long window;

    CountKeysProcessor(long windowMillis, long maxSpanMillis) {
        super(CountsTopology.BUFFER, maxSpanMillis);
        this.window = windowMillis;
    }

    @Override
    protected void add(Classified event, WindowSums sums) {
        long time = event.eventTime();
        long windowStart = Math.floorDiv(time, window) * window;
        for (ClassifiedCode code : event.event().codes()) {
            sums.add(CountKey.code(code), windowStart, time, 1);
            String close = CountKey.close(code);
            if (close != null) {
                sums.add(close, windowStart, time, 1);
            }
        }
    }
}
