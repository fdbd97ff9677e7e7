package io.imwatch.app.window;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** Adds the summing step ({@link SummingProcessor}) and its stores to a topology. */
public final class Summing {

    /** The name of the summing node. */
    public static final String NODE = "sum-codes";

    private static final String PREFIX = "sums-";

    private Summing() {}

    /**
     * Sums {@code classified}'s codes into every branch and returns each branch's sums, in the order
     * of {@code branches}: (key, sum) records at the latest event time they counted.
     */
    public static List<KStream<String, Long>> addTo(
            StreamsBuilder builder, KStream<byte[], Classified> classified, List<SumBranch> branches, long maxSpanMs) {
        String[] stores = branches.stream().map(SumBranch::storeName).toArray(String[]::new);
        for (String store : stores) {
            builder.addStateStore(new SumsStoreBuilder(store));
        }
        BranchedKStream<String, BranchSum> split = classified
                .process(() -> new SummingProcessor(branches, maxSpanMs), Named.as(NODE), stores)
                .split(Named.as(PREFIX));
        for (int b = 0; b < branches.size(); b++) {
            int branch = b;
            split = split.branch(
                    (key, sum) -> sum.branch() == branch,
                    Branched.as(branches.get(b).name()));
        }
        Map<String, KStream<String, BranchSum>> byName = split.noDefaultBranch();
        List<KStream<String, Long>> sums = new ArrayList<>();
        for (SumBranch branch : branches) {
            sums.add(byName.get(PREFIX + branch.name())
                    .mapValues(BranchSum::value, Named.as(PREFIX + branch.name() + "-value")));
        }
        return sums;
    }
}
