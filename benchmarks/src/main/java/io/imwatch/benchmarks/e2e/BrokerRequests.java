package io.imwatch.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The in-process broker's request counts by type ({@code kafka.network:type=RequestMetrics}, read
 * from this JVM's MBean server): a difference of two snapshots says how many Produce, EndTxn,
 * AddPartitionsToTxn, WriteTxnMarkers ... requests a span cost the broker. Transactions are
 * driven by the clock (one per commit interval and stream thread), so a slower system pays more
 * of them per record.
 */
record BrokerRequests(Map<String, Long> counts) {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    static BrokerRequests now() {
        Map<String, Long> counts = new TreeMap<>();
        try {
            for (ObjectName name : SERVER.queryNames(
                    new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
                long count = ((Number) SERVER.getAttribute(name, "Count")).longValue();
                counts.merge(name.getKeyProperty("request"), count, Long::sum);
            }
        } catch (Exception e) {
            // no broker in this JVM, or its metrics are not registered: nothing to report
        }
        return new BrokerRequests(counts);
    }

    /** "Produce 260.7, EndTxn 13.9, ..." per {@code per} records: the types with a request in the span. */
    String since(BrokerRequests start, long records, long per) {
        StringBuilder s = new StringBuilder();
        counts.forEach((type, count) -> {
            long n = count - start.counts.getOrDefault(type, 0L);
            if (n > 0) {
                s.append(s.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %.1f", type, n * (double) per / Math.max(1, records)));
            }
        });
        return s.toString();
    }
}
