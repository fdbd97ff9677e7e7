package io.imwatch.app.demo;

/**
 * One generated log event.
 *
 * @param kind what the generator meant it to be (for tests and summaries), e.g. {@code turms-gateway-api}
 * @param key the record key (a user or session id), or {@code null}
 * @param value the event bytes
 * @param timestamp the event time written into it
 */
public record DemoEvent(String kind, byte[] key, byte[] value, long timestamp) {}
