package io.imwatch.app.alerts;

import io.imwatch.app.stream.Classified;
import io.imwatch.classify.ClassifiedCode;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** For every code an alert rule counts: one record keyed by the rule's series, at the event's own time. */
final class AlertSignalsProcessor implements Processor<byte[], Classified, String, Long> {

    private final AlertRules rules;
    private ProcessorContext<String, Long> context;

    AlertSignalsProcessor(AlertRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, Long> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], Classified> record) {
        long time = record.value().eventTime();
        for (ClassifiedCode code : record.value().event().codes()) {
            for (AlertRule rule : rules.rules()) {
                if (rule.match().matches(code)) {
                    context.forward(new Record<>(rule.seriesKey(code), 1L, time));
                }
            }
        }
    }
}
