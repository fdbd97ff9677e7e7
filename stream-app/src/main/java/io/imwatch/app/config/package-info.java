/**
 * Configuration in one validated place: every key ({@code ImwatchConfig}), sources and their order,
 * validation into typed {@code StreamSettings}, topic specs, and the one-line {@code ConfigProblem}.
 */
package io.imwatch.app.config;
