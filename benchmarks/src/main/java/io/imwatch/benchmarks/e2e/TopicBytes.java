package io.imwatch.benchmarks.e2e;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;

/** The bytes each topic holds on the broker's disk (its log segments): what a system wrote, by topic. */
final class TopicBytes {

    private TopicBytes() {}

    static String report(Admin admin) throws Exception {
        Map<String, Long> byTopic = new TreeMap<>();
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(admin.describeCluster().nodes().get().stream()
                        .map(n -> n.id())
                        .toList())
                .allDescriptions()
                .get()
                .values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<org.apache.kafka.common.TopicPartition, ReplicaInfo> e :
                        dir.replicaInfos().entrySet()) {
                    byTopic.merge(e.getKey().topic(), e.getValue().size(), Long::sum);
                }
            }
        }
        StringBuilder s = new StringBuilder();
        byTopic.forEach((topic, bytes) -> s.append(String.format(Locale.ROOT, "  %,15d  %s%n", bytes, topic)));
        return s.toString();
    }
}
