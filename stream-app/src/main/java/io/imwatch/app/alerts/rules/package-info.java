/**
 * The alert rules: their YAML model ({@code AlertRules}, {@code AlertRule}), the detector parameters,
 * and the built-in {@code default-rules.yaml}.
 */
package io.imwatch.app.alerts.rules;
