package io.imwatch.app.topology;

import io.imwatch.classify.event.MalformedEventException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A record whose processing throws is dead-lettered with its original bytes instead of killing the stream thread. */
public final class DeadLetterProcessingHandler extends DeadLetterHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof MalformedEventException malformed) {
            // an expected outcome (over-budget): one line, no stack trace
            log.warn(
                    "dead-lettering record {}-{}@{}: {}",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    malformed.getMessage());
            return Response.resume(deadLetters.record(context, exception));
        }
        log.warn(
                "dead-lettering record {}-{}@{} that failed in {}",
                context.topic(),
                context.partition(),
                context.offset(),
                context.processorNodeId(),
                exception);
        return Response.resume(deadLetters.record(context, exception));
    }
}
