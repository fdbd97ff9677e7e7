package io.imwatch.app.counts;

import io.imwatch.app.window.SumKeys;
import io.imwatch.classify.ClassifiedCode;

/** What a code counts towards, keyed by {@link CountKey}: its code count and, for a session close, its close count. */
final class CountKeys implements SumKeys {

    private final long window;

    CountKeys(long windowMillis) {
        this.window = windowMillis;
    }

    @Override
    public void keys(ClassifiedCode code, Sink out) {
        out.add(CountKey.code(code), window);
        String close = CountKey.close(code);
        if (close != null) {
            out.add(close, window);
        }
    }
}
