/**
 * OTLP log batches ({@code ExportLogsServiceRequest}, protobuf or OTLP/JSON, as the OpenTelemetry
 * Collector's {@code kafkaexporter} writes them) read into one event per log record: {@link
 * io.imwatch.classify.otlp.OtlpDecoder}. No Kafka here.
 */
package io.imwatch.classify.otlp;
