package io.outcry.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Intent;
import io.outcry.index.PostEntry;
import io.outcry.locate.Region;
import io.outcry.post.Author;
import io.outcry.post.Deletion;
import io.outcry.post.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The posts index's entries: each post once, unless deleted, and the deletion of one indexed. */
class IndexedPostsHarnessTest {

    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final Duration HORIZON = Duration.ofHours(1);

    @Test
    void aDeletionRemovesThePostFromEachDayItCanBeInAndAPostAfterItsDeletionIsRemovedInsteadOfIndexed() throws Exception {
        var harness = indexedPosts(null);
        harness.processElement1(post("p1", T0));
        harness.processElement2(deletion("p1", T0 + 5 * MINUTE));
        harness.processElement2(deletion("p1", T0 + 6 * MINUTE));
        harness.processElement1(post("p1", T0));
        harness.processElement1(post("p2", T0 + MINUTE));

        // T0 is 10:00 on 2026-11-20: an hour's horizon before a deletion at 10:05 stays in that day.
        assertThat(harness.extractOutputValues()).extracting(IndexedPostsHarnessTest::describe).containsExactly(
                "twitter:p1 indexed 2026-11-20T10:00:00Z", "twitter:p1 deleted 2026-11-20T00:00:00Z",
                "twitter:p1 deleted 2026-11-20T10:00:00Z", "twitter:p2 indexed 2026-11-20T10:01:00Z");
        harness.close();
    }

    @Test
    void aDeletionJustAfterMidnightAlsoRemovesThePostFromThePreviousDay() throws Exception {
        var harness = indexedPosts(null);
        long midnight = Instant.parse("2026-11-21T00:00:00Z").toEpochMilli();
        harness.processElement2(deletion("p1", midnight + 10 * MINUTE));

        assertThat(harness.extractOutputValues()).extracting(IndexedPostsHarnessTest::describe).containsExactly(
                "twitter:p1 deleted 2026-11-20T00:00:00Z", "twitter:p1 deleted 2026-11-21T00:00:00Z");
        harness.close();
    }

    @Test
    void onlyDeletionsAreKeptAndForgottenAnHourAfterThemSoTheStateEmpties() throws Exception {
        var harness = indexedPosts(null);
        harness.processElement1(post("p1", T0));
        harness.processElement2(deletion("p2", T0 + 30 * MINUTE));
        assertThat(harness.numKeyedStateEntries()).as("p2's deletion and its timer").isEqualTo(2);

        harness.processBothWatermarks(new Watermark(T0 + 90 * MINUTE));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        harness.processElement1(post("p2", T0 + 91 * MINUTE));
        assertThat(harness.extractOutputValues()).extracting(IndexedPostsHarnessTest::describe)
                .as("too late for the deletion: p2 is indexed again").endsWith("twitter:p2 indexed 2026-11-20T11:31:00Z");
        harness.close();
    }

    @Test
    void aRestoredJobStillKnowsWhichPostsAreDeleted() throws Exception {
        var before = indexedPosts(null);
        before.processElement2(deletion("p2", T0));
        OperatorSubtaskState snapshot = before.snapshot(1, T0);
        before.close();

        var after = indexedPosts(snapshot);
        after.processElement1(post("p2", T0));
        assertThat(after.extractOutputValues()).containsExactly(PostEntry.deleted("twitter:p2", "p2", T0));
        after.close();
    }

    private static String describe(PostEntry entry) {
        return entry.key() + (entry.post() == null ? " deleted " : " indexed ") + Instant.ofEpochMilli(entry.createdAt());
    }

    private static StreamRecord<PostEntry> post(String id, long at) {
        Post post = new Post(id, "twitter", at, new Author("42", "anna", 10, false, null), "@tim_official niente rete", "it",
                null, null, null, null, null, List.of("tim_official"), List.of());
        return new StreamRecord<>(PostEntry.of(new EnrichedPost(post, List.of("tim"), Region.UNKNOWN, List.of("outage"), "it",
                Intent.COMPLAINT, -0.5, true, true)), at);
    }

    private static StreamRecord<Deletion> deletion(String postId, long at) {
        return new StreamRecord<>(new Deletion("twitter", postId, "42", at), at);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, PostEntry, Deletion, PostEntry> indexedPosts(
            OperatorSubtaskState restored) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new IndexedPosts(HORIZON)),
                PostEntry::postId, Deletion::postId, Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }
}
