/**
 * Kafka's own KRaft broker, started in-process when no {@code bootstrap.servers} is configured (and by
 * the integration tests).
 */
package io.imwatch.app.embedded;
