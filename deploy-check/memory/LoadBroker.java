import io.imwatch.app.demo.DemoProducer;
import io.imwatch.app.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The broker and the load of measure-rss.sh, in a JVM of their own so that the imwatch processes'
 * RSS is theirs alone: an embedded KRaft broker, imwatch's topics with 6 partitions, and the demo
 * traffic at RATE events/s into im.logs. Writes the bootstrap address to BOOTSTRAP_FILE, runs
 * until killed.
 *   java -cp stream-app/target/imwatch.jar deploy-check/memory/LoadBroker.java RATE BOOTSTRAP_FILE
 */
public class LoadBroker {
    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        EmbeddedKafka kafka = EmbeddedKafka.start();
        Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(client)) {
            List<NewTopic> topics = List.of("im.logs", "im.codes.enriched", "im.codes.unknown", "im.deadletter",
                            "im.codes.counts", "im.alerts")
                    .stream()
                    .map(t -> new NewTopic(t, 6, (short) 1))
                    .toList();
            admin.createTopics(topics).all().get();
        }
        DemoProducer demo = new DemoProducer(client, "im.logs",
                new DemoProducer.Schedule(rate, Duration.ofMinutes(5), Duration.ofMinutes(2), 40));
        Files.writeString(Path.of(args[1]), kafka.bootstrapServers());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            kafka.close();
        }));
        Thread.sleep(Long.MAX_VALUE);
    }
}
