package io.outcry.care;

import io.outcry.detect.AlertEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the case tracker costs per input, kept per brand (the former, {@link FormerCaseTracker})
 * and per conversation (2026-12-08): a command that prints figures, not a test of them. The two
 * alternate round by round in one JVM, in thread CPU time; the median round is printed, with the
 * CPU of a snapshot taken halfway.
 *
 * <pre>
 * mvn -B -ntp -o -q -pl job test -Dtest=CaseTrackerCostMeasure -Doutcry.measure=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (the figures are in job/target/surefire-reports/io.outcry.care.CaseTrackerCostMeasure-output.txt)
 */
@EnabledIfSystemProperty(named = "outcry.measure", matches = "true")
class CaseTrackerCostMeasure {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 9;
    private static final int WARM_UP = 3;
    static final long MINUTE = 60_000;
    static final long T0 = CaseTrackerHarnessTest.T0;

    /** 30,000 questions over 5 hours and 2 brands, two thirds answered within the hour, a third of those followed up and answered again. */
    static List<CareInput> inputs() {
        SplittableRandom random = new SplittableRandom(11);
        List<CareInput> inputs = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            String brand = random.nextBoolean() ? "tim" : "vodafone";
            String customer = "customer" + i;
            String q = "q" + i;
            long at = T0 + random.nextLong(5 * 60 * MINUTE);
            inputs.add(CareInput.of(new CustomerPost(brand, q, null, at, customer, true, "question", "billing", "IT.09", "it", null, q)));
            if (random.nextInt(3) < 2) {
                long answered = at + random.nextLong(60 * MINUTE);
                inputs.add(CareInput.of(new BrandReply(brand, "r" + i, q, answered, brand + "_care", "@" + customer + " DM", customer,
                        false, null, q)));
                if (random.nextInt(3) == 0) {
                    long again = answered + random.nextLong(20 * MINUTE);
                    inputs.add(CareInput.of(new CustomerPost(brand, "f" + i, "r" + i, again, customer, false, "other", "billing", "IT.09",
                            "it", null, q)));
                    inputs.add(CareInput.of(new BrandReply(brand, "s" + i, "f" + i, again + random.nextLong(30 * MINUTE), brand + "_care",
                            "@" + customer + " done", customer, false, null, q)));
                }
            }
        }
        inputs.sort(Comparator.comparingLong(CareInput::createdAt));
        return inputs;
    }

    @Test
    void perInput() throws Exception {
        List<CareInput> inputs = inputs();
        long[][] cpu = new long[2][ROUNDS];
        long[][] snapshots = new long[2][ROUNDS];
        for (int round = 0; round < ROUNDS + WARM_UP; round++) {
            for (int which = 0; which < 2; which++) {
                long[] measured = which == 0 ? former(inputs) : now(inputs);
                if (round >= WARM_UP) {
                    cpu[which][round - WARM_UP] = measured[0];
                    snapshots[which][round - WARM_UP] = measured[1];
                }
            }
        }
        System.out.printf(Locale.ROOT, "case tracker, %,d inputs: per input %.2f us per brand, %.2f us per conversation (harness included)%n",
                inputs.size(), median(cpu[0]) / 1e3 / inputs.size(), median(cpu[1]) / 1e3 / inputs.size());
        System.out.printf(Locale.ROOT, "case tracker, a snapshot halfway: %.2f ms per brand, %.2f ms per conversation%n",
                median(snapshots[0]) / 1e6, median(snapshots[1]) / 1e6);
    }

    private static long[] former(List<CareInput> inputs) throws Exception {
        try (var harness = new KeyedTwoInputStreamOperatorTestHarness<String, CareInput, AlertEvent, CareCase>(
                new KeyedCoProcessOperator<>(new FormerCaseTracker(CareSettings.defaults(), Duration.ofMinutes(5))),
                CareInput::brand, AlertEvent::brand, Types.STRING)) {
            harness.open();
            long snapshot = 0;
            long start = THREADS.getCurrentThreadCpuTime();
            long lastMinute = Long.MIN_VALUE;
            for (int i = 0; i < inputs.size(); i++) {
                CareInput input = inputs.get(i);
                long minute = Math.floorDiv(input.createdAt(), MINUTE);
                if (minute != lastMinute && lastMinute != Long.MIN_VALUE) {
                    harness.processBothWatermarks(new Watermark(lastMinute * MINUTE - 1));
                }
                lastMinute = minute;
                harness.processElement1(new StreamRecord<>(input, input.createdAt()));
                if (i == inputs.size() / 2) {
                    long before = THREADS.getCurrentThreadCpuTime();
                    harness.snapshot(1, 1);
                    snapshot = THREADS.getCurrentThreadCpuTime() - before;
                }
            }
            harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            harness.extractOutputValues().clear();
            return new long[] {THREADS.getCurrentThreadCpuTime() - start - snapshot, snapshot};
        }
    }

    private static long[] now(List<CareInput> inputs) throws Exception {
        try (var harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new CaseTracker(CareSettings.defaults(), Duration.ofMinutes(5)), List.of(CaseTracker.ALERTS, CaseTracker.CLOCKS)),
                CaseInput::key, CaseTracker.KEY_TYPE, 128, 1, 0)) {
            harness.open();
            long snapshot = 0;
            long start = THREADS.getCurrentThreadCpuTime();
            long lastMinute = Long.MIN_VALUE;
            for (int i = 0; i < inputs.size(); i++) {
                CareInput input = inputs.get(i);
                long minute = Math.floorDiv(input.createdAt(), MINUTE);
                if (minute != lastMinute && lastMinute != Long.MIN_VALUE) {
                    harness.processWatermark(new Watermark(lastMinute * MINUTE - 1));
                    harness.processBroadcastWatermark(new Watermark(lastMinute * MINUTE - 1));
                }
                lastMinute = minute;
                harness.processElement(new StreamRecord<>(CaseInput.of(input), input.createdAt()));
                if (i == inputs.size() / 2) {
                    long before = THREADS.getCurrentThreadCpuTime();
                    harness.snapshot(1, 1);
                    snapshot = THREADS.getCurrentThreadCpuTime() - before;
                }
            }
            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            harness.processBroadcastWatermark(new Watermark(Long.MAX_VALUE));
            harness.extractOutputValues().clear();
            return new long[] {THREADS.getCurrentThreadCpuTime() - start - snapshot, snapshot};
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
