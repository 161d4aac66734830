package io.outcry.care;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What a brand post costs the statement tracker once it keeps its most recent posts (5,000), on
 * the heap and in RocksDB: a command that prints figures, not a test of them.
 *
 * <pre>
 * mvn -B -ntp -o -q -pl job test -Dtest=StatementCostMeasure -Doutcry.measure=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (the figures are in job/target/surefire-reports/io.outcry.care.StatementCostMeasure-output.txt)
 */
@EnabledIfSystemProperty(named = "outcry.measure", matches = "true")
class StatementCostMeasure {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** A post every 2 s: 8,000 of them span under the 6 h the tracker keeps, so the last 2,000 meet the cap. */
    private static final int POSTS = 8_000;
    private static final int MEASURED = 2_000;
    private static final long T0 = 1_795_000_000_000L;

    @Test
    void perBrandPostAtTheCap() throws Exception {
        for (StateBackend backend : new StateBackend[] {new HashMapStateBackend(), new EmbeddedRocksDBStateBackend()}) {
            System.out.printf("statement tracker, %s: %.1f us of CPU per brand post, the last %,d of %,d%n",
                    backend.getClass().getSimpleName(), perPost(backend) / 1e3, MEASURED, POSTS);
        }
    }

    private static double perPost(StateBackend backend) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, StatementInput, ?> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new StatementTracker(Duration.ofMinutes(2))), StatementInput::brand, Types.STRING)) {
            harness.setStateBackend(backend);
            harness.open();
            long cpu = 0;
            for (int i = 0; i < POSTS; i++) {
                long at = T0 + i * 2_000L;
                StatementInput post = StatementInput.of(
                        new OfficialPost("tim", "p" + i, "q" + i, at, "c" + i % 500, "@c ci dispiace, verifichiamo", false, false));
                long start = THREADS.getCurrentThreadCpuTime();
                harness.processElement(post, at);
                if (i >= POSTS - MEASURED) {
                    cpu += THREADS.getCurrentThreadCpuTime() - start;
                }
            }
            return (double) cpu / MEASURED;
        }
    }
}
