package io.imwatch.app.alerts.detection;

import io.imwatch.app.alerts.rules.AlertRule;
import io.imwatch.app.alerts.rules.AlertRules;
import io.imwatch.app.window.SumKeys;
import io.imwatch.classify.ClassifiedCode;

/** For every alert rule that counts a code: one signal for the rule's series, in the rule's windows. */
final class AlertSignals implements SumKeys {

    private final AlertRules rules;

    AlertSignals(AlertRules rules) {
        this.rules = rules;
    }

    @Override
    public void keys(ClassifiedCode code, Sink out) {
        for (AlertRule rule : rules.rules()) {
            if (rule.match().matches(code)) {
                out.add(rule.seriesKey(code), rule.window().toMillis());
            }
        }
    }
}
