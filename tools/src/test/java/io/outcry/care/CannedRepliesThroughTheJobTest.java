package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.kafka.Ingested;
import io.outcry.pipeline.CollectingSink;
import io.outcry.pipeline.JobOptions;
import io.outcry.pipeline.OutcryJob;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.GroundTruth;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import io.outcry.window.WindowResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The canned-reply target measured end to end: the simulator's records, malformed and
 * out-of-order ones included, through the whole job on a MiniCluster, and the canned flag of
 * each answered case's first reply against the ground truth of that reply.
 */
class CannedRepliesThroughTheJobTest {

    static final SimulationConfig RUN = SimulationConfig.defaults().withSeed(42)
            .withTime(SimulationConfig.DEFAULT_START, Duration.ofHours(2));

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void theFirstRepliesOfAnsweredCasesAreCannedExactlyWhenTheSimulatorCannedThem() throws Exception {
        List<byte[]> records = new ArrayList<>();
        GroundTruth truth = new FirehoseSimulator(RUN).run((SimulatedRecord record) -> records.add(record.value()));
        // a case's first answer, as the simulator wrote it: the earliest reply to the case's opening post
        Map<String, GroundTruth.CareReply> firstReplyTo = new HashMap<>();
        for (GroundTruth.CareReply reply : truth.care().replies()) {
            firstReplyTo.merge(reply.inReplyTo(), reply,
                    (a, b) -> Instant.parse(a.createdAt()).isAfter(Instant.parse(b.createdAt())) ? b : a);
        }

        CollectingSink<CareCase> cases = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new OutcryJob(JobOptions.defaults(), source(records), new CollectingSink<WindowResult>(), new CollectingSink<>(), List.of())
                .withCare(CareSettings.defaults(), List.of(), List.of(), List.of(OutcryJob.Destination.of("cases", cases)))
                .build(env);
        env.execute("canned-replies-through-the-job");

        long tp = 0, fp = 0, fn = 0, tn = 0, unmatched = 0;
        for (CareCase c : cases.received()) {
            if (!CareCase.ANSWERED.equals(c.event())) {
                continue;
            }
            GroundTruth.CareReply reply = firstReplyTo.get(c.caseId());
            if (reply == null || Instant.parse(reply.createdAt()).toEpochMilli() != c.firstResponseAt()) {
                unmatched++; // answered through a follow-up, or the case opened on another post of the thread
                continue;
            }
            if (c.canned() && reply.canned()) {
                tp++;
            } else if (c.canned()) {
                fp++;
            } else if (reply.canned()) {
                fn++;
            } else {
                tn++;
            }
        }
        double precision = (double) tp / (tp + fp);
        double recall = (double) tp / (tp + fn);
        System.out.printf(Locale.ROOT, "canned first replies through the job (%s, seed %d): %d answered cases compared "
                        + "(%d canned, %d personal in the ground truth; %d not compared); precision %.4f, recall %.4f%n",
                RUN.duration(), RUN.seed(), tp + fp + fn + tn, tp + fn, fp + tn, unmatched, precision, recall);

        assertThat(tp + fn).as("canned first replies compared").isGreaterThan(300);
        assertThat(fp + tn).as("personal first replies compared").isGreaterThan(300);
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(0.95);
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(0.95);
    }

    private static DataGeneratorSource<Ingested<Post>> source(List<byte[]> records) {
        // the simulator dates its posts 2026-11-20: a parser without an age limit keeps this test from ageing
        CanonicalPostJson parser = new CanonicalPostJson(Duration.ofDays(36_500));
        GeneratorFunction<Long, Ingested<Post>> read = index -> Ingested.parse(
                parser, "posts", 0, index, -1L, null, records.get(index.intValue()));
        return new DataGeneratorSource<>(read, records.size(), Ingested.typeInfo(TypeInformation.of(Post.class)));
    }
}
