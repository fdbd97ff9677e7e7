package io.imwatch.app.topology;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output the broker refuses as too large (enrichment adds a few hundred bytes) dead-letters the
 * original record; any other production failure fails as Kafka Streams would, so nothing is skipped silently.
 */
public final class DeadLetterProductionHandler extends DeadLetterHandler implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException && context.sourceRawValue() != null) {
            log.warn(
                    "output to {} too large; dead-lettering source {}-{}@{}",
                    record.topic(),
                    context.topic(),
                    context.partition(),
                    context.offset());
            return Response.resume(deadLetters.record(context, exception));
        }
        return Response.fail();
    }
}
