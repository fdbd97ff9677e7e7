package io.imwatch.classify.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.classify.Classifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The paths {@link EnvelopePaths#candidates} leaves out are exactly paths that find nothing: so the
 * envelope's line, hints and time read the same as trying every path.
 */
class EnvelopePathsTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final EnvelopeFormat ENVELOPE = Classifier.builtin().rules().envelope();

    @Test
    void shouldTryOnlyThePathsUnderTheObjectsOwnKeys() {
        EnvelopePaths hints =
                new EnvelopePaths(List.of("service.name", "app", "kubernetes.pod.name", "resource.service.name"));
        ObjectNode node = NODES.objectNode();
        node.putObject("service").put("name", "gateway");
        node.put("level", "info");

        long candidates = hints.candidates(node, JsonPaths.hasDottedKey(node));

        assertThat(IntStream.range(0, hints.size()).filter(i -> EnvelopePaths.mayHold(candidates, i)))
                .containsExactly(0);
    }

    @Test
    void shouldTryEveryPathOnAnObjectWithDottedKeys() {
        EnvelopePaths hints = new EnvelopePaths(List.of("service.name", "app"));
        ObjectNode node = NODES.objectNode().put("service.name", "gateway");

        long candidates = hints.candidates(node, JsonPaths.hasDottedKey(node));

        assertThat(EnvelopePaths.mayHold(candidates, 0)).isTrue();
        assertThat(EnvelopePaths.mayHold(candidates, 1)).isTrue();
    }

    @Test
    void shouldLeaveOutOnlyPathsThatFindNothingOnRandomObjects() {
        List<String> paths = new ArrayList<>(ENVELOPE.hintFields());
        paths.addAll(ENVELOPE.lineFields());
        paths.addAll(ENVELOPE.timeFields());
        // keys from the paths' own segments and flat forms, and some others
        List<String> keys = new ArrayList<>(List.of("level", "data", "x.y"));
        for (String path : paths) {
            String[] segments = JsonPaths.compile(path);
            keys.addAll(List.of(segments));
            keys.add(path);
            if (segments.length > 1) {
                keys.add(path.substring(path.indexOf('.') + 1));
            }
        }
        // more than 64 paths: those past the mask's bits are always tried
        for (int i = 0; i < 70; i++) {
            paths.add("extra" + i + ".name");
            keys.add("extra" + i);
        }
        EnvelopePaths envelope = new EnvelopePaths(paths);
        Random random = new Random(20261128);
        int found = 0;
        for (int n = 0; n < 20_000; n++) {
            ObjectNode node = randomObject(random, keys, 0);
            boolean dotted = JsonPaths.hasDottedKey(node);
            long candidates = envelope.candidates(node, dotted);
            for (int i = 0; i < envelope.size(); i++) {
                if (envelope.path(i).get(node, dotted) != null) {
                    found++;
                    assertThat(EnvelopePaths.mayHold(candidates, i))
                            .as("path %s on %s", envelope.path(i).dotted(), node)
                            .isTrue();
                }
            }
        }
        assertThat(found).as("paths found at all").isGreaterThan(1_000);
    }

    private static ObjectNode randomObject(Random random, List<String> keys, int depth) {
        ObjectNode node = NODES.objectNode();
        int size = random.nextInt(depth == 0 ? 8 : 3);
        for (int k = 0; k < size; k++) {
            String key = keys.get(random.nextInt(keys.size()));
            if (depth < 3 && random.nextInt(3) == 0) {
                node.set(key, randomObject(random, keys, depth + 1));
            } else {
                node.put(key, "v" + random.nextInt(10));
            }
        }
        return node;
    }
}
