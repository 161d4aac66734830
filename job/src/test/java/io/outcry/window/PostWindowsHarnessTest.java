package io.outcry.window;

import io.outcry.enrich.Intent;
import static io.outcry.post.TestPosts.post;
import static io.outcry.window.WindowAggregateTest.LOMBARDIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outcry.post.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the job's own window operator (built by {@link PostWindows}) with hand-made watermarks. */
class PostWindowsHarnessTest {

    static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;
    static final Duration LATENESS = Duration.ofMinutes(5);
    /** The last watermark at which the first window still takes late posts. */
    static final long LAST_CHANCE = T0 + MINUTE - 1 + LATENESS.toMillis() - 1;

    static final WindowKey TIM = new WindowKey("tim", "IT.09", "outage");
    static final WindowKey VODAFONE = new WindowKey("vodafone", "IT.09", "outage");

    private KeyedOneInputStreamOperatorTestHarness<WindowKey, KeyedPost, WindowResult> harness;

    @BeforeEach
    void openTheJobsWindowOperator() throws Exception {
        harness = jobsWindowOperator();
        harness.open();
    }

    static KeyedOneInputStreamOperatorTestHarness<WindowKey, KeyedPost, WindowResult> jobsWindowOperator() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<KeyedPost> input = env.fromData(List.of(item(TIM, post("0").build(), true)), TypeInformation.of(KeyedPost.class));
        @SuppressWarnings("unchecked")
        OneInputTransformation<KeyedPost, WindowResult> window = (OneInputTransformation<KeyedPost, WindowResult>)
                PostWindows.aggregate(input, Duration.ofMinutes(1), LATENESS, 5).getTransformation();
        @SuppressWarnings("unchecked")
        KeySelector<KeyedPost, WindowKey> keys = (KeySelector<KeyedPost, WindowKey>) window.getStateKeySelector();
        return new KeyedOneInputStreamOperatorTestHarness<>(
                window.getOperatorFactory(), keys, TypeInformation.of(WindowKey.class));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static KeyedPost item(WindowKey key, Post post, boolean first) {
        return new KeyedPost(key, LOMBARDIA, post, "it", Intent.COMPLAINT, false, true, first);
    }

    private void send(WindowKey key, String id, String author, long followers, long at) throws Exception {
        harness.processElement(item(key, post(id).by(author, followers).at(at).build(), true), at);
    }

    private List<WindowResult> results() {
        List<WindowResult> results = harness.extractOutputValues();
        harness.getOutput().clear();
        return results;
    }

    private List<KeyedPost> tooLate() {
        var late = harness.getSideOutput(PostWindows.TOO_LATE);
        return late == null ? List.of() : late.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void firesOnceTheWatermarkPassesTheWindowEnd() throws Exception {
        send(TIM, "1", "anna", 10, T0 + 1_000);
        send(TIM, "2", "bruno", 20, T0 + 59_999);
        send(TIM, "3", "anna", 30, T0 + MINUTE);

        harness.processWatermark(T0 + MINUTE - 2);
        assertThat(results()).isEmpty();

        harness.processWatermark(T0 + MINUTE - 1);
        List<WindowResult> fired = results();
        assertThat(fired).singleElement().satisfies(result -> {
            assertThat(result.brand()).isEqualTo("tim");
            assertThat(result.regionCode()).isEqualTo("IT.09");
            assertThat(result.regionName()).isEqualTo("Lombardia");
            assertThat(result.countryCode()).isEqualTo("IT");
            assertThat(result.regionCentre()).isEqualTo(LOMBARDIA.centre());
            assertThat(result.topic()).isEqualTo("outage");
            assertThat(result.windowStart()).isEqualTo(T0);
            assertThat(result.windowEnd()).isEqualTo(T0 + MINUTE);
            assertThat(result.posts()).isEqualTo(2);
            assertThat(result.uniqueAuthors()).isEqualTo(2);
            assertThat(result.reach()).isEqualTo(30);
            assertThat(result.negativeShare()).isZero();
            assertThat(result.revision()).isZero();
        });
    }

    @Test
    void holdsTheOnTimePostsAloneInRevisionZeroAndEveryPostInTheNextWhateverCameFirst() throws Exception {
        harness.processElement(late(post("1").by("anna", 10).text("niente linea").at(T0 + 1_000).build()));
        send(TIM, "2", "anna", 10, T0 + 2_000);
        send(TIM, "3", "bruno", 20, T0 + 3_000);

        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(results())
                .extracting(WindowResult::posts, WindowResult::uniqueAuthors, WindowResult::reach, WindowResult::revision)
                .containsExactly(tuple(2L, 2L, 30L, 0), tuple(3L, 2L, 40L, 1));

        // the next firing merges the parts again: the first merge left them as they were
        harness.processElement(late(post("4").by("carla", 5).at(T0 + 4_000).build()));
        List<WindowResult> again = results();
        assertThat(again).extracting(WindowResult::posts, WindowResult::reach, WindowResult::revision)
                .containsExactly(tuple(4L, 45L, 2));
        assertThat(again.get(0).evidence().notable()).filteredOn(c -> c.handle().equals("hanna"))
                .extracting(Complainer::posts).containsExactly(2L);
    }

    @Test
    void givesAWindowWhosePostsAllCameLateNoRevisionZero() throws Exception {
        harness.processWatermark(T0 + MINUTE - 1);
        harness.processElement(late(post("1").by("anna", 10).at(T0 + 1_000).build()));

        assertThat(results()).extracting(WindowResult::posts, WindowResult::revision).containsExactly(tuple(1L, 1));
    }

    private static StreamRecord<KeyedPost> late(Post post) {
        return new StreamRecord<>(new KeyedPost(TIM, LOMBARDIA, post, "it", Intent.COMPLAINT, false, true, true,
                io.outcry.locate.Location.UNKNOWN, Timeliness.LATE), post.createdAt());
    }

    @Test
    void keepsEachKeyInItsOwnWindow() throws Exception {
        send(TIM, "1", "anna", 10, T0 + 1_000);
        send(VODAFONE, "2", "bruno", 20, T0 + 2_000);
        send(VODAFONE, "3", "carla", 20, T0 + 3_000);

        harness.processWatermark(T0 + MINUTE);

        assertThat(results())
                .extracting(WindowResult::brand, WindowResult::posts, WindowResult::revision)
                .containsExactlyInAnyOrder(
                        tuple("tim", 1L, 0),
                        tuple("vodafone", 2L, 0));
    }

    @Test
    void updatesTheResultWithTheNextRevisionForEachPostWithinTheAllowedLateness() throws Exception {
        send(TIM, "1", "anna", 10, T0 + 1_000);
        harness.processWatermark(T0 + 2 * MINUTE);
        assertThat(results()).extracting(WindowResult::posts, WindowResult::revision)
                .containsExactly(tuple(1L, 0));

        send(TIM, "2", "bruno", 20, T0 + 30_000);
        assertThat(results()).extracting(WindowResult::posts, WindowResult::reach, WindowResult::revision)
                .containsExactly(tuple(2L, 30L, 1));

        harness.processWatermark(LAST_CHANCE);
        send(TIM, "3", "anna", 5, T0 + 59_000);
        assertThat(results()).extracting(WindowResult::posts, WindowResult::uniqueAuthors, WindowResult::revision)
                .containsExactly(tuple(3L, 2L, 2));
        assertThat(tooLate()).isEmpty();
    }

    @Test
    void sendsAPostPastTheAllowedLatenessToTheSideOutputWithoutTouchingTheResult() throws Exception {
        send(TIM, "1", "anna", 10, T0 + 1_000);
        harness.processWatermark(LAST_CHANCE + 1);
        assertThat(results()).extracting(WindowResult::revision).containsExactly(0);

        send(TIM, "2", "bruno", 20, T0 + 30_000);

        assertThat(results()).isEmpty();
        assertThat(tooLate()).extracting(late -> late.post().id()).containsExactly("2");
    }

    @Test
    void numbersRevisionsPerWindowNotPerKey() throws Exception {
        send(TIM, "1", "anna", 10, T0 + 1_000);
        harness.processWatermark(T0 + MINUTE);
        send(TIM, "2", "anna", 10, T0 + 2_000);
        send(TIM, "3", "anna", 10, T0 + MINUTE + 1_000);
        harness.processWatermark(T0 + 2 * MINUTE);

        assertThat(results())
                .extracting(WindowResult::windowStart, WindowResult::posts, WindowResult::revision)
                .containsExactly(
                        tuple(T0, 1L, 0),
                        tuple(T0, 2L, 1),
                        tuple(T0 + MINUTE, 1L, 0));
    }

    @Test
    void carriesTheRevisionOnAcrossARestoreFromASnapshot() throws Exception {
        send(TIM, "1", "anna", 10, T0 + 1_000);
        harness.processWatermark(T0 + MINUTE);
        send(TIM, "2", "bruno", 10, T0 + 2_000);
        var snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = jobsWindowOperator();
        harness.initializeState(snapshot);
        harness.open();
        send(TIM, "3", "carla", 10, T0 + 3_000);
        // Watermarks are not part of a snapshot: the restored operator learns event time anew.
        harness.processWatermark(T0 + MINUTE);

        assertThat(results()).extracting(WindowResult::posts, WindowResult::uniqueAuthors, WindowResult::revision)
                .containsExactly(tuple(3L, 3L, 2));
    }
}
