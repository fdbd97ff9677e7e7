/**
 * Beside the topology: reads the alerts topic into the firing-alerts gauge and hands transitions to
 * Alertmanager, so Alertmanager can never slow the stream.
 */
package io.imwatch.app.alerts.delivery;
