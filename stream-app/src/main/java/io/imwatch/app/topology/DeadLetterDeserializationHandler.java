package io.imwatch.app.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Unreadable records (bad UTF-8, broken JSON, too large) go to the dead-letter topic; processing resumes. */
public final class DeadLetterDeserializationHandler extends DeadLetterHandler
        implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        log.debug(
                "dead-lettering unreadable record {}-{}@{}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                exception.getMessage());
        return Response.resume(deadLetters.record(context, exception));
    }
}
