package io.imwatch.app.counts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.imwatch.classify.event.LogEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The value of a counts-topic record:
 * {@code {"windowStart","windowEnd","kind":"code","vendor","space","class","code","count"}} or
 * {@code {"windowStart","windowEnd","kind":"close","vendor","reason","count"}}; times are ISO-8601 UTC.
 */
public final class CountsJson {

    private CountsJson() {}

    public static byte[] write(String key, long windowStart, long windowEnd, long count) {
        List<String> parts = CountKey.parts(key);
        try (ByteArrayBuilder out = new ByteArrayBuilder(160);
                JsonGenerator g = LogEventParser.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("windowStart", Instant.ofEpochMilli(windowStart).toString());
            g.writeStringField("windowEnd", Instant.ofEpochMilli(windowEnd).toString());
            g.writeStringField("kind", parts.get(0));
            g.writeStringField("vendor", nullIfDash(parts.get(1)));
            if (CountKey.CODE.equals(parts.get(0))) {
                g.writeStringField("space", nullIfDash(parts.get(2)));
                g.writeStringField("class", parts.get(3));
                g.writeStringField("code", nullIfDash(parts.get(4)));
            } else {
                g.writeStringField("reason", parts.get(2));
            }
            g.writeNumberField("count", count);
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nullIfDash(String s) {
        return "-".equals(s) ? null : s;
    }
}
