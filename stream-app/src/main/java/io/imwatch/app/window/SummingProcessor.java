package io.imwatch.app.window;

import io.imwatch.classify.ClassifiedCode;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sums every code of every classified event once ({@link CodeSums}) into the sums of all branches
 * (the counts, the alert signals), per key and window, and forwards them every {@link
 * #FLUSH_INTERVAL}, or sooner when a batch spans too much event time: one record per key, window
 * and flush crosses the broker instead of one per occurrence. The sums live in memory between
 * commits and are written to the changelog at each commit ({@link SumsStore}): a crash neither
 * loses nor doubles a count, and forwarding deletes them in the same transaction. Each forwarded
 * sum carries the latest event time it counted, so downstream windows and stream time stay in
 * event time.
 */
public final class SummingProcessor implements Processor<byte[], Classified, String, BranchSum> {

    /** How often sums are forwarded (wall clock); downstream sees counts at most this late. */
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final List<SumBranch> branches;
    private final long maxSpanMs;
    private ProcessorContext<String, BranchSum> context;
    private SumsStore[] stores;
    private CodeSums codeSums;
    private long earliest;
    private long latest;

    /**
     * @param branches the branches, each with its {@link SumsStore} connected to this processor
     * @param maxSpanMs how much event time one batch of sums may span before it is forwarded early.
     *     Forwarding reorders events within a batch, so it must stay well inside the grace period
     *     downstream ({@link #maxSpan}): reading a backlog, one second covers minutes of event time.
     */
    public SummingProcessor(List<SumBranch> branches, long maxSpanMs) {
        this.branches = List.copyOf(branches);
        this.maxSpanMs = maxSpanMs;
    }

    /** The span for a downstream grace period: half of it, so that batching never makes a record late. */
    public static long maxSpan(Duration grace) {
        return grace.toMillis() / 2;
    }

    @Override
    public void init(ProcessorContext<String, BranchSum> context) {
        this.context = context;
        this.stores = new SumsStore[branches.size()];
        resetSpan();
        for (int b = 0; b < stores.length; b++) {
            stores[b] = context.getStateStore(branches.get(b).storeName());
            // sums a crash or a rebalance left behind: forwarded at the next flush
            stores[b].reload().forEach(this::spanned);
        }
        this.codeSums = new CodeSums(branches, stores);
        context.schedule(FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<byte[], Classified> record) {
        Classified event = record.value();
        List<ClassifiedCode> codes = event.event().codes();
        if (codes.isEmpty()) {
            return;
        }
        long time = event.eventTime();
        for (ClassifiedCode code : codes) {
            codeSums.add(code, time);
        }
        spanned(time);
        if (latest - earliest > maxSpanMs) {
            flush();
        }
    }

    /** Forwards every branch's sums as (key, sum) at their latest event time, oldest window first. */
    private void flush() {
        for (int b = 0; b < stores.length; b++) {
            int branch = b;
            stores[b].drain((key, sum, latestTime) ->
                    context.forward(new Record<>(key, new BranchSum(branch, sum), latestTime)));
        }
        codeSums.clear();
        resetSpan();
    }

    private void spanned(long eventTime) {
        earliest = Math.min(earliest, eventTime);
        latest = Math.max(latest, eventTime);
    }

    private void resetSpan() {
        earliest = Long.MAX_VALUE;
        latest = Long.MIN_VALUE;
    }
}
