package io.outcry.pipeline;

import static io.outcry.post.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.post.Post;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DedupePostsHarnessTest {

    private static final long T = 1_790_000_000_000L;
    private static final Duration HORIZON = Duration.ofMinutes(6).plusSeconds(30);

    @Test
    void theHorizonIsTheWindowItsLatenessAndTheOutOfOrdernessTogether() {
        assertThat(DedupePosts.horizon(JobOptions.defaults())).isEqualTo(HORIZON);
    }

    @Test
    void aSecondCopyOfAPostIsDroppedWhileTheSameIdOnAnotherPlatformPasses() throws Exception {
        var harness = harness();
        harness.processElement(timed(post("1").at(T).build()), T);
        harness.processElement(timed(post("2").at(T).build()), T);
        harness.processElement(timed(post("1").at(T).build()), T);
        harness.processElement(timed(post("1").on("mastodon").at(T).build()), T);

        assertThat(harness.extractOutputValues()).extracting(DedupePosts::key)
                .containsExactly("twitter:1", "twitter:2", "mastodon:1");
        harness.close();
    }

    @Test
    void aPostIsForgottenOnceTheWatermarkPassesItsTimePlusTheHorizonAndTheStateEmpties() throws Exception {
        var harness = harness();
        harness.processElement(timed(post("1").at(T).build()), T);
        harness.processElement(timed(post("2").at(T + 60_000).build()), T + 60_000);

        harness.processWatermark(T + HORIZON.toMillis() - 1);
        harness.processElement(timed(post("1").at(T).build()), T);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark(T + HORIZON.toMillis());
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.extractOutputValues()).extracting(DedupePosts::key).containsExactly("twitter:1", "twitter:2");
        harness.close();
    }

    @Test
    void aRestoredJobStillRecognisesTheCopiesOfPostsSeenBeforeTheSnapshot() throws Exception {
        var before = harness();
        before.processElement(timed(post("1").at(T).build()), T);
        OperatorSubtaskState snapshot = before.snapshot(1, T);
        before.close();

        var after = harness(snapshot);
        after.processElement(timed(post("1").at(T).build()), T);
        after.processElement(timed(post("3").at(T).build()), T);
        assertThat(after.extractOutputValues()).extracting(DedupePosts::key).containsExactly("twitter:3");

        after.processWatermark(T + HORIZON.toMillis());
        assertThat(after.numKeyedStateEntries()).isZero();
        after.close();
    }

    /** The figure docs/ingest.md sizes the state with: printed, and held under a ceiling. */
    @Test
    void fiftyThousandTweetKeysCheckpointInUnderEightyBytesEach() throws Exception {
        int keys = 50_000;
        var harness = harness();
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        for (int i = 0; i < keys; i++) {
            harness.processElement(timed(post(Long.toString(1_862_345_098_765_432_101L + i)).at(T + i).build()), T + i);
        }
        System.gc();
        long heapAfter = runtime.totalMemory() - runtime.freeMemory();
        long checkpointed = harness.snapshot(1, T).getStateSize();
        System.out.printf("dedupe state, %d twitter keys: %.1f bytes a key checkpointed, about %.0f on the heap%n",
                keys, (double) checkpointed / keys, (double) (heapAfter - heapBefore) / keys);
        assertThat(checkpointed / keys).isLessThan(80);
        harness.close();
    }

    private static TimedPost timed(Post post) {
        return TimedPost.onTime(post);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TimedPost, TimedPost> harness() throws Exception {
        return harness(null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TimedPost, TimedPost> harness(OperatorSubtaskState restored)
            throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DedupePosts(HORIZON)), DedupePosts::key, Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }
}
