package io.outcry.care;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the care queue and its serializers cost, before and after (2026-12-07): a command that
 * prints figures, not a test of them. Former and current alternate round by round in one JVM, in
 * thread CPU time, so that other tenants of a shared machine slow both alike; the median round
 * is printed.
 *
 * <pre>
 * mvn -B -ntp -o -q -pl connectors,job,tools test -Dtest=CareCostMeasure -Doutcry.measure=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (the figures are in job/target/surefire-reports/io.outcry.care.CareCostMeasure-output.txt)
 */
@EnabledIfSystemProperty(named = "outcry.measure", matches = "true")
class CareCostMeasure {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 15;
    private static final int WARM_UP = 5;
    /** Where the decoded cases' deadlines go, so that the JIT cannot leave the decoding out. */
    private static volatile long consumed;

    @Test
    void careQueuePerEvent() throws Exception {
        // about 40 questions a minute over two brands, unanswered for an hour or more: ~1,600 of the busier brand's within their SLA
        List<CareCase> events = CareQueueHarnessTest.randomLives(new SplittableRandom(5), 40_000, 3_000, false);
        Supplier<KeyedProcessFunction<String, CareCase, BrandQueue>> former =
                () -> new FormerCareQueue(Duration.ofMillis(CareQueueHarnessTest.LATENESS));
        Supplier<KeyedProcessFunction<String, CareCase, BrandQueue>> now =
                () -> new CareQueue(Duration.ofMillis(CareQueueHarnessTest.LATENESS));
        long[][] perRound = new long[2][ROUNDS];
        long[][] snapshots = new long[2][ROUNDS];
        for (int round = 0; round < ROUNDS + WARM_UP; round++) {
            for (int which = 0; which < 2; which++) {
                long[] cpu = run(which == 0 ? former : now, events);
                if (round >= WARM_UP) {
                    perRound[which][round - WARM_UP] = cpu[0];
                    snapshots[which][round - WARM_UP] = cpu[1];
                }
            }
        }
        print("care queue, %,d events (%,d cases, 2 brands): per event %.2f us before, %.2f us after (harness included)",
                events.size(), 40_000, median(perRound[0]) / 1e3 / events.size(), median(perRound[1]) / 1e3 / events.size());
        print("care queue, a snapshot of the state halfway through the events: %.2f ms before, %.2f ms after",
                median(snapshots[0]) / 1e6, median(snapshots[1]) / 1e6);
    }

    /** CPU nanoseconds to feed every event, minute by minute, and to snapshot the state halfway. */
    private static long[] run(Supplier<KeyedProcessFunction<String, CareCase, BrandQueue>> function, List<CareCase> events)
            throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, CareCase, BrandQueue> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function.get()), CareCase::brand, Types.STRING)) {
            harness.open();
            long snapshot = 0;
            long start = THREADS.getCurrentThreadCpuTime();
            long lastMinute = Long.MIN_VALUE;
            for (int i = 0; i < events.size(); i++) {
                CareCase c = events.get(i);
                long minute = Math.floorDiv(c.eventTime(), CareQueueHarnessTest.MINUTE);
                if (minute != lastMinute && lastMinute != Long.MIN_VALUE) {
                    harness.processWatermark(lastMinute * CareQueueHarnessTest.MINUTE + CareQueueHarnessTest.MINUTE - 1
                            + CareQueueHarnessTest.LATENESS);
                }
                lastMinute = minute;
                harness.processElement(c, minute * CareQueueHarnessTest.MINUTE + CareQueueHarnessTest.MINUTE - 1
                        + CareQueueHarnessTest.LATENESS);
                if (i == events.size() / 2) {
                    long before = THREADS.getCurrentThreadCpuTime();
                    harness.snapshot(1, 1);
                    snapshot = THREADS.getCurrentThreadCpuTime() - before;
                }
            }
            harness.processWatermark(Long.MAX_VALUE);
            long cpu = THREADS.getCurrentThreadCpuTime() - start - snapshot;
            harness.extractOutputValues().clear();
            return new long[] {cpu, snapshot};
        }
    }

    @Test
    void serializers() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        String[] ids = new String[10_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Long.toString(1_800_000_000_000_000_000L + random.nextLong(100_000_000_000_000_000L));
        }
        List<QueuedCase> cases = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long at = CareQueueHarnessTest.T0 + random.nextLong(CareQueueHarnessTest.HOUR);
            cases.add(new QueuedCase(ids[i], at, at + CareQueueHarnessTest.HOUR, "customer_" + random.nextInt(100_000),
                    "https://x.com/customer/status/" + ids[i], "billing", "IT.09"));
        }
        TypeSerializer<QueuedCase> pojo = QueuedCaseSerializer.pojoSerializer();
        DataOutputSerializer out = new DataOutputSerializer(1 << 20);
        long[][] idRounds = new long[2][ROUNDS];
        long[][] caseRounds = new long[2][ROUNDS];
        for (int round = 0; round < ROUNDS + WARM_UP; round++) {
            for (int which = 0; which < 2; which++) {
                long start = THREADS.getCurrentThreadCpuTime();
                for (int pass = 0; pass < 50; pass++) {
                    out.clear();
                    for (String id : ids) {
                        if (which == 0) {
                            formerSerialize(id, out);
                        } else {
                            IdSerializer.INSTANCE.serialize(id, out);
                        }
                    }
                }
                long idCpu = THREADS.getCurrentThreadCpuTime() - start;
                start = THREADS.getCurrentThreadCpuTime();
                TypeSerializer<QueuedCase> serializer = which == 0 ? pojo : QueuedCaseSerializer.INSTANCE;
                for (int pass = 0; pass < 10; pass++) {
                    out.clear();
                    for (QueuedCase q : cases) {
                        serializer.serialize(q, out);
                    }
                }
                long caseCpu = THREADS.getCurrentThreadCpuTime() - start;
                if (round >= WARM_UP) {
                    idRounds[which][round - WARM_UP] = idCpu;
                    caseRounds[which][round - WARM_UP] = caseCpu;
                }
            }
        }
        print("IdSerializer.serialize, a 19-digit id: %.1f ns before (scan, then copy), %.1f ns after (one pass)",
                median(idRounds[0]) / 500_000.0, median(idRounds[1]) / 500_000.0);
        print("a queued case serialized: %.1f ns with Flink's Pojo serializer, %.1f ns with QueuedCaseSerializer",
                median(caseRounds[0]) / 100_000.0, median(caseRounds[1]) / 100_000.0);
    }

    @Test
    void caseDecoding() throws Exception {
        SplittableRandom random = new SplittableRandom(9);
        byte[][] cases = new byte[10_000][];
        for (int i = 0; i < cases.length; i++) {
            String id = Long.toString(1_800_000_000_000_000_000L + random.nextLong(100_000_000_000_000_000L));
            long at = CareQueueHarnessTest.T0 + random.nextLong(CareQueueHarnessTest.HOUR);
            CareCase c = new CareCase("tim", id, CareCase.OPENED, 0, at, "customer_" + random.nextInt(100_000), at, "billing", "IT.09",
                    "it", "question", -1, -1, at + CareQueueHarnessTest.HOUR, CareCase.OPEN, false, 0, 1, false, false, null,
                    "https://x.com/customer/status/" + id);
            cases[i] = new CaseState(c, List.of(id)).bytes();
        }
        long[][] rounds = new long[2][ROUNDS];
        long sink = 0;
        for (int round = 0; round < ROUNDS + WARM_UP; round++) {
            for (int which = 0; which < 2; which++) {
                long start = THREADS.getCurrentThreadCpuTime();
                for (int pass = 0; pass < 20; pass++) {
                    for (byte[] bytes : cases) {
                        CareCase c = which == 0 ? formerDecode(bytes) : CaseStateSerializer.decodeCase(bytes);
                        sink += c.slaDeadline();
                    }
                }
                if (round >= WARM_UP) {
                    rounds[which][round - WARM_UP] = THREADS.getCurrentThreadCpuTime() - start;
                }
            }
        }
        consumed = sink;
        print("a case decoded from its bytes (CaseState.current()): %.1f ns through a stream a character at a time, %.1f ns from the"
                + " array", median(rounds[0]) / 200_000.0, median(rounds[1]) / 200_000.0);
    }

    /** CaseState.current() before 2026-12-07, for the comparison: StringValue's reads through a stream. */
    private static CareCase formerDecode(byte[] bytes) throws Exception {
        org.apache.flink.core.memory.DataInputDeserializer in = new org.apache.flink.core.memory.DataInputDeserializer(bytes);
        return new CareCase(StringValue.readString(in), StringValue.readString(in), StringValue.readString(in),
                in.readInt(), in.readLong(), StringValue.readString(in), in.readLong(), StringValue.readString(in),
                StringValue.readString(in), StringValue.readString(in), StringValue.readString(in), in.readLong(),
                in.readLong(), in.readLong(), StringValue.readString(in), in.readBoolean(), in.readInt(), in.readInt(),
                in.readBoolean(), in.readBoolean(), StringValue.readString(in), StringValue.readString(in));
    }

    /** IdSerializer.serialize before 2026-12-07, for the comparison: an ASCII scan, then a copy. */
    private static void formerSerialize(String id, DataOutputSerializer out) throws Exception {
        if (id != null && id.length() < 127 && formerIsAscii(id)) {
            byte[] bytes = new byte[id.length() + 1];
            bytes[0] = (byte) (id.length() + 1);
            for (int i = 0; i < id.length(); i++) {
                bytes[i + 1] = (byte) id.charAt(i);
            }
            out.write(bytes);
            return;
        }
        StringValue.writeString(id, out);
    }

    private static boolean formerIsAscii(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
