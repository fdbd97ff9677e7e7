/**
 * The alert record written by {@code alerts.detection} and read by {@code alerts.delivery} and the
 * console: {@code AlertEvent} and its JSON form.
 */
package io.imwatch.app.alerts;
