package io.imwatch.classify.rules;

import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.event.MalformedReason;
import java.time.Duration;

/**
 * How long the rules may examine one record: the backstop behind linear-time matching (a record of
 * the maximum size through every rule stays well inside it). The rules report the characters they
 * examine; the clock is read only once another {@value #CHARS_PER_CHECK} have been, between rules
 * and between matches, so a record of ordinary size reads it once, at the start. One per record;
 * not thread-safe.
 */
public final class RecordBudget {

    /** Characters examined between two readings of the clock. */
    static final int CHARS_PER_CHECK = 16 * 1024;

    private final Duration limit;
    private final long limitNanos;
    private final long start;
    private long unchecked;

    private RecordBudget(Duration limit) {
        this.limit = limit;
        this.limitNanos = limit.toNanos();
        this.start = System.nanoTime();
    }

    /** A budget of {@code limit} from now. */
    public static RecordBudget start(Duration limit) {
        return new RecordBudget(limit);
    }

    /**
     * Counts {@code chars} characters as examined (or about to be).
     *
     * @throws MalformedEventException with {@link MalformedReason#OVER_BUDGET} once the record has
     *     taken longer than the limit
     */
    void spend(int chars) {
        unchecked += chars;
        if (unchecked >= CHARS_PER_CHECK) {
            unchecked = 0;
            if (System.nanoTime() - start > limitNanos) {
                throw new MalformedEventException(
                        MalformedReason.OVER_BUDGET,
                        "the rules examined the record for longer than its budget of " + limit.toMillis()
                                + " ms; it was not classified");
            }
        }
    }
}
