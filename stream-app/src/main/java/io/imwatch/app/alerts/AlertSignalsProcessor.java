package io.imwatch.app.alerts;

import io.imwatch.app.stream.Classified;
import io.imwatch.app.stream.WindowSums;
import io.imwatch.classify.ClassifiedCode;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * For every code an alert rule counts: one signal for the rule's series at the event's own time,
 * summed per series and rule window here and forwarded as sums (see {@link WindowSums}).
 */
final class AlertSignalsProcessor implements Processor<byte[], Classified, String, Long> {

    private final AlertRules rules;
    private final long maxSpan;
    private WindowSums sums;
    private ProcessorContext<String, Long> context;

    AlertSignalsProcessor(AlertRules rules, long maxSpanMillis) {
        this.rules = rules;
        this.maxSpan = maxSpanMillis;
    }

    @Override
    public void init(ProcessorContext<String, Long> context) {
        this.context = context;
        sums = new WindowSums(context.getStateStore(AlertsTopology.SIGNAL_SUMS), maxSpan);
        context.schedule(WindowSums.FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> sums.flush(context));
    }

    @Override
    public void process(Record<byte[], Classified> record) {
        long time = record.value().eventTime();
        for (ClassifiedCode code : record.value().event().codes()) {
            for (AlertRule rule : rules.rules()) {
                if (rule.match().matches(code)) {
                    long window = rule.window().toMillis();
                    sums.add(rule.seriesKey(code), Math.floorDiv(time, window) * window, time, 1);
                }
            }
        }
        if (sums.isFull()) {
            sums.flush(context);
        }
    }
}
