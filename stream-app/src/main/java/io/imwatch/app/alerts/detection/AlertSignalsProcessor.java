package io.imwatch.app.alerts.detection;

import io.imwatch.app.alerts.rules.AlertRule;
import io.imwatch.app.alerts.rules.AlertRules;
import io.imwatch.app.window.Classified;
import io.imwatch.app.window.SummingProcessor;
import io.imwatch.app.window.WindowSums;
import io.imwatch.classify.ClassifiedCode;

/**
 * For every code an alert rule counts: one signal for the rule's series at the event's own time,
 * summed per series and rule window here and forwarded as sums (see {@link WindowSums}).
 */
final class AlertSignalsProcessor extends SummingProcessor {

    private final AlertRules rules;

    AlertSignalsProcessor(AlertRules rules, long maxSpanMillis) {
        super(AlertsTopology.SIGNAL_SUMS, maxSpanMillis);
        this.rules = rules;
    }

    @Override
    protected void add(Classified event, WindowSums sums) {
        long time = event.eventTime();
        for (ClassifiedCode code : event.event().codes()) {
            for (AlertRule rule : rules.rules()) {
                if (rule.match().matches(code)) {
                    long window = rule.window().toMillis();
                    sums.add(rule.seriesKey(code), Math.floorDiv(time, window) * window, time, 1);
                }
            }
        }
    }
}
