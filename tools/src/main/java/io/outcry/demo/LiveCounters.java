package io.outcry.demo;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Reads a job's own counters (ingested posts, dead letters, indexed documents) while it runs
 * on a MiniCluster in this JVM, so the demo shows progress from the job's real metrics rather
 * than from guesses made outside it. Registered as a Flink metric reporter; counters with the
 * same name are summed over all subtasks.
 */
public final class LiveCounters implements MetricReporter {

    private static final Map<String, Set<Counter>> COUNTERS = new ConcurrentHashMap<>();

    /** Flink configuration that installs this reporter. */
    public static final Map<String, String> REPORTER_CONFIG = Map.of(
            "metrics.reporter.live.factory.class", Factory.class.getName(),
            "metrics.reporter.live.interval", "1 s");

    /** Forgets the counters of an earlier job in this JVM, so that a second demo (in a test run) counts its own job only. */
    static void reset() {
        COUNTERS.clear();
    }

    public static long sum(String counterName) {
        long total = 0;
        for (Counter counter : COUNTERS.getOrDefault(counterName, Set.of())) {
            total += counter.getCount();
        }
        return total;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        if (metric instanceof Counter counter) {
            COUNTERS.computeIfAbsent(metricName, n -> ConcurrentHashMap.newKeySet()).add(counter);
        }
    }

    /** Keeps the counts of finished subtasks: a bounded job's totals must survive its end. */
    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {}

    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new LiveCounters();
        }
    }
}
