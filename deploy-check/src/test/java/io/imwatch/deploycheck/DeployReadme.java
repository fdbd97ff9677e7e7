package io.imwatch.deploycheck;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What deploy/README.md tells an operator to do, where a check needs it. */
final class DeployReadme {

    private static final Pattern TOPICS = Pattern.compile("(?m)^for topic in ([^;]+); do$");

    private DeployReadme() {}

    /** The topics of the README's {@code for topic in ...; do kafka-topics.sh --create} loop and single create lines. */
    static List<String> topics() throws IOException {
        String readme = Files.readString(Kustomize.DEPLOY.resolve("README.md"));
        Matcher m = TOPICS.matcher(readme);
        if (!m.find()) {
            throw new AssertionError("deploy/README.md has no 'for topic in ...; do' line listing the topics");
        }
        List<String> topics =
                new java.util.ArrayList<>(List.of(m.group(1).strip().split("\\s+")));
        // a topic created on its own line (the compacted catalogue topic)
        Matcher single = Pattern.compile("(?m)^kafka-topics\\.sh .*--create .*--topic (\\S+)")
                .matcher(readme);
        while (single.find()) {
            topics.add(single.group(1));
        }
        return topics;
    }
}
