package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.kafka.Ingested;
import io.outcry.pipeline.CollectingSink;
import io.outcry.pipeline.JobOptions;
import io.outcry.pipeline.OutcryJob;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import io.outcry.window.WindowResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The care queue's documents of a simulated firehose, before and after the queue kept its cases
 * indexed (2026-12-07): the whole job on a MiniCluster gives the case events and the queues it
 * wrote; the same events through {@link FormerCareQueue} give the same queues, document for
 * document, and so do they through the current queue restored from a snapshot along the way.
 */
class CareQueueEquivalenceTest {

    static final SimulationConfig RUN = SimulationConfig.defaults().withSeed(7)
            .withTime(SimulationConfig.DEFAULT_START, Duration.ofHours(2));
    static final long MINUTE = 60_000;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void theJobWritesTheQueuesTheFormerQueueWroteForTheSameCases() throws Exception {
        List<byte[]> records = new ArrayList<>();
        new FirehoseSimulator(RUN).run((SimulatedRecord record) -> records.add(record.value()));
        CollectingSink<CareCase> cases = new CollectingSink<>();
        CollectingSink<BrandQueue> queues = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobOptions options = JobOptions.defaults();
        new OutcryJob(options, source(records), new CollectingSink<WindowResult>(), new CollectingSink<>(), List.of())
                .withCare(CareSettings.defaults(), List.of(), List.of(OutcryJob.Destination.of("queue", queues)),
                        List.of(OutcryJob.Destination.of("cases", cases)))
                .build(env);
        env.execute("care-queue-equivalence");
        List<CareCase> events = new ArrayList<>(cases.received());
        List<BrandQueue> written = new ArrayList<>(queues.received());
        cases.forget();
        queues.forget();

        long lateness = options.allowedLateness().toMillis();
        List<BrandQueue> before = replay(new FormerCareQueue(options.allowedLateness()), events, lateness, false);
        List<BrandQueue> after = replay(new CareQueue(options.allowedLateness()), events, lateness, true);

        assertThat(events).hasSizeGreaterThan(5_000);
        assertThat(written).hasSizeGreaterThan(500)
                .anyMatch(q -> q.nextDue().size() == CareQueue.LISTED && q.waitingPastSla() > 0);
        assertThat(byBrandAndMinute(written)).as("the job's queues, as the former queue writes them")
                .isEqualTo(byBrandAndMinute(before));
        assertThat(byBrandAndMinute(after)).as("the current queue, restored along the way").isEqualTo(byBrandAndMinute(before));
        assertThat(after).hasSameSizeAs(before);
    }

    /**
     * {@code events} through {@code queue} in a harness, each stamped as the tracker stamps it (the
     * end of its minute plus the lateness), the watermark kept below every stamp still to come.
     */
    private static List<BrandQueue> replay(KeyedProcessFunction<String, CareCase, BrandQueue> queue, List<CareCase> events,
            long lateness, boolean restoreEveryHour) throws Exception {
        long[] stamps = new long[events.size()];
        long[] lowestFrom = new long[events.size() + 1];
        lowestFrom[events.size()] = Long.MAX_VALUE;
        for (int i = events.size() - 1; i >= 0; i--) {
            stamps[i] = Math.floorDiv(events.get(i).eventTime(), MINUTE) * MINUTE + MINUTE - 1 + lateness;
            lowestFrom[i] = Math.min(stamps[i], lowestFrom[i + 1]);
        }
        List<BrandQueue> out = new ArrayList<>();
        KeyedOneInputStreamOperatorTestHarness<String, CareCase, BrandQueue> harness = harness(queue);
        harness.open();
        long watermark = Long.MIN_VALUE;
        long restoredAt = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            if (lowestFrom[i] - 1 > watermark) {
                watermark = lowestFrom[i] - 1;
                harness.processWatermark(watermark);
            }
            if (restoreEveryHour && watermark - restoredAt > 60 * MINUTE) {
                out.addAll(harness.extractOutputValues());
                OperatorSubtaskState snapshot = harness.snapshot(i, watermark);
                harness.close();
                harness = harness(new CareQueue(Duration.ofMillis(lateness)));
                harness.initializeState(snapshot);
                harness.open();
                restoredAt = watermark;
            }
            harness.processElement(events.get(i), stamps[i]);
        }
        harness.processWatermark(Long.MAX_VALUE);
        out.addAll(harness.extractOutputValues());
        harness.close();
        return out;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CareCase, BrandQueue> harness(
            KeyedProcessFunction<String, CareCase, BrandQueue> queue) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(queue), CareCase::brand, Types.STRING);
    }

    private static Map<String, BrandQueue> byBrandAndMinute(List<BrandQueue> queues) {
        Map<String, BrandQueue> all = new TreeMap<>();
        for (BrandQueue q : queues) {
            assertThat(all.put(q.brand() + "@" + q.asOf(), q)).as("one queue per brand and minute").isNull();
        }
        return all;
    }

    private static DataGeneratorSource<Ingested<Post>> source(List<byte[]> records) {
        // the simulator dates its posts 2026-11-20: a parser without an age limit keeps this test from ageing
        CanonicalPostJson parser = new CanonicalPostJson(Duration.ofDays(36_500));
        GeneratorFunction<Long, Ingested<Post>> read = index -> Ingested.parse(
                parser, "posts", 0, index, -1L, null, records.get(index.intValue()));
        return new DataGeneratorSource<>(read, records.size(), Ingested.typeInfo(TypeInformation.of(Post.class)));
    }
}
