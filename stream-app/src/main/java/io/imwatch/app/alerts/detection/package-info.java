/**
 * The in-stream alerting branch: per-series signals, repartitioned by series, judged window by window
 * by the spike detector, whose state lives in a store; writes alert events to the alerts topic.
 */
package io.imwatch.app.alerts.detection;
