/**
 * imwatch's own meters ({@code ImwatchMetrics}): names as constants, created up front.
 */
package io.imwatch.app.metrics;
