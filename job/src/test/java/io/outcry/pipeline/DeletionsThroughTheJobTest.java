package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.care.BrandQueue;
import io.outcry.care.CareCase;
import io.outcry.care.CareSettings;
import io.outcry.care.CareWindow;
import io.outcry.care.QueuedCase;
import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.kafka.Ingested;
import io.outcry.deletion.DeletionJson;
import io.outcry.detect.AlertEvent;
import io.outcry.index.PostEntry;
import io.outcry.index.PostSample;
import io.outcry.index.WindowDocuments;
import io.outcry.time.IsoInstants;
import io.outcry.post.Deletion;
import io.outcry.post.Author;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import io.outcry.window.WindowResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job at parallelism 2 with a deletions source: deleted posts leave the window
 * examples and the care cases as the sinks keep them (the last document per id), while the
 * counts already aggregated stay.
 */
class DeletionsThroughTheJobTest {

    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void deletedPostsLeaveTheWindowExamplesAndTheirCaseWhileTheCountsStay() throws Exception {
        List<byte[]> posts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            posts.add(CanonicalPostJson.write(post("p" + i, T0 + i * 15_000L, "u" + i,
                    "@tim_official internet non funziona da stamattina, linea down", null)));
        }
        posts.add(CanonicalPostJson.write(post("q1", T0 + 20_000, "anna", "@tim_official perché la bolletta è raddoppiata?", null)));
        posts.add(CanonicalPostJson.write(post("x1", T0 + 5 * 60_000, "u99", "@tim_official ancora nessun segnale", null)));
        List<byte[]> deletions = List.of(
                deletion("p3", T0 + 2 * 60_000), deletion("p6", T0 + 4 * 60_000), deletion("q1", T0 + 3 * 60_000),
                deletion("never-seen", T0 + 60_000), "{\"id\": \"no platform\"}".getBytes(StandardCharsets.UTF_8));

        CollectingSink<WindowResult> windows = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        CollectingSink<CareCase> cases = new CollectingSink<>();
        CollectingSink<BrandQueue> queues = new CollectingSink<>();
        CollectingSink<PostEntry> indexedPosts = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new OutcryJob(JobOptions.defaults(), source(posts, new CanonicalPostJson(), Post.class), windows, deadLetters,
                List.of(OutcryJob.Destination.index("alerts", new CollectingSink<AlertEvent>())))
                .withDeletions(source(deletions, new DeletionJson(), Deletion.class), Duration.ofDays(1))
                .withCare(CareSettings.defaults(), List.of(OutcryJob.Destination.of("care", new CollectingSink<CareWindow>())),
                        List.of(OutcryJob.Destination.of("queue", queues)), List.of(OutcryJob.Destination.of("cases", cases)))
                .withPosts(new PostSample(1), indexedPosts)
                .build(env);
        env.execute("deletions-through-the-job");

        Map<String, WindowResult> indexed = new LinkedHashMap<>();
        windows.received().forEach(result -> indexed.put(WindowDocuments.id(result), result));
        assertThat(indexed).isNotEmpty();
        assertThat(indexed.values()).allSatisfy(result ->
                assertThat(result.examplePostIds()).doesNotContain("p3", "p6", "q1"));
        assertThat(indexed.values()).flatExtracting(WindowResult::examplePostIds).contains("p0", "p4", "p7", "x1");
        assertThat(indexed.values()).filteredOn(r -> r.windowStart() == T0 + 60_000).extracting(WindowResult::posts)
                .as("p4..p7 still counted, p6 among them").allSatisfy(posts4 -> assertThat(posts4).isEqualTo(4));

        Map<String, CareCase> casesNow = new LinkedHashMap<>();
        cases.received().forEach(c -> casesNow.put(c.caseId(), c));
        assertThat(casesNow.get("q1")).satisfies(c -> {
            assertThat(c.status()).isEqualTo(CareCase.STATUS_DELETED);
            assertThat(c.customer()).isNull();
        });
        assertThat(deadLetters.received()).extracting(letter -> new String(letter.payload(), StandardCharsets.UTF_8))
                .containsExactly("{\"id\": \"no platform\"}");
        // the brand's queue as the index keeps it (the latest per brand) leaves the withdrawn case out
        BrandQueue queue = queues.received().stream().filter(q -> q.brand().equals(casesNow.get("q1").brand()))
                .max(Comparator.comparingLong(BrandQueue::asOf)).orElseThrow();
        assertThat(queue.waiting()).isEqualTo(casesNow.values().stream()
                .filter(c -> c.brand().equals(queue.brand()) && (c.status().equals(CareCase.OPEN) || c.status().equals(CareCase.UNANSWERED)))
                .count());
        assertThat(queue.nextDue()).extracting(QueuedCase::caseId).doesNotContain("q1");
        assertThat(queue.latestBreached()).extracting(QueuedCase::caseId).doesNotContain("q1");

        // The posts index, as the sink leaves it (a document per daily index and id): each post
        // once, less the deleted ones, whether their deletion came before them or after.
        Map<String, PostEntry> postsNow = new LinkedHashMap<>();
        for (PostEntry entry : indexedPosts.received()) {
            if (entry.isDeletion()) {
                PostEntry sent = postsNow.get(entry.key());
                if (sent != null && IsoInstants.day(sent.createdAt()).equals(IsoInstants.day(entry.createdAt()))) {
                    postsNow.remove(entry.key());
                }
            } else {
                assertThat(postsNow.put(entry.key(), entry)).as("%s indexed once", entry.key()).isNull();
            }
        }
        assertThat(postsNow.keySet()).hasSize(11).doesNotContain("twitter:p3", "twitter:p6", "twitter:q1");
        indexedPosts.forget();
        windows.forget();
        deadLetters.forget();
        cases.forget();
        queues.forget();
    }

    private static Post post(String id, long at, String author, String text, String replyTo) {
        return new Post(id, "twitter", at, new Author(author, author, 100, false, null), text, "it",
                new GeoPoint(45.4642, 9.19), null, replyTo, null, null, List.of("tim_official"), List.of());
    }

    private static byte[] deletion(String id, long at) {
        return ("{\"platform\": \"twitter\", \"id\": \"" + id + "\", \"deleted_at\": \"" + Instant.ofEpochMilli(at) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Records without a Kafka timestamp (-1), as a generator makes them. */
    private static <T> DataGeneratorSource<Ingested<T>> source(List<byte[]> records,
            io.outcry.connectors.kafka.RecordParser<T> parser, Class<T> type) {
        List<byte[]> copy = List.copyOf(records);
        return new DataGeneratorSource<>(index -> Ingested.parse(parser, "topic", 0, index, -1L, null, copy.get(index.intValue())),
                copy.size(), Ingested.typeInfo(TypeInformation.of(type)));
    }
}
