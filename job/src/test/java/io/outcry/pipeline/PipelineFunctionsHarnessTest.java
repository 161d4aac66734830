package io.outcry.pipeline;

import static io.outcry.post.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.kafka.Ingested;
import io.outcry.enrich.CatalogEnricher;
import io.outcry.enrich.Enricher;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import io.outcry.window.Timeliness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's functions before and after the window, each in its own operator harness. */
class PipelineFunctionsHarnessTest {

    private static Enricher catalogs;

    @BeforeAll
    static void loadTheBundledCatalogs() {
        catalogs = CatalogEnricher.load(EnrichmentConfig.defaults());
    }

    @Test
    void routesParsedPostsOnAndUnparseableRecordsToTheDeadLetters() throws Exception {
        var harness = ProcessFunctionTestHarnesses.forProcessFunction(route());
        Post post = post("1").build();
        Ingested<Post> bad = Ingested.parse(new CanonicalPostJson(), "posts", 3, 42, 7, null,
                "{oops".getBytes(StandardCharsets.UTF_8));

        harness.processElement(Ingested.ok(post), 10);
        harness.processElement(bad, Long.MIN_VALUE);

        assertThat(harness.extractOutputValues()).containsExactly(TimedPost.onTime(post));
        assertThat(harness.getSideOutput(RouteIngested.DEAD_LETTERS))
                .extracting(StreamRecord::getValue)
                .singleElement()
                .satisfies(letter -> {
                    assertThat(letter.stage()).isEqualTo(DeadLetter.STAGE_INGEST);
                    assertThat(letter.partition()).isEqualTo(3);
                    assertThat(letter.offset()).isEqualTo(42);
                    assertThat(new String(letter.payload(), StandardCharsets.UTF_8)).isEqualTo("{oops");
                });
        harness.close();
    }

    @Test
    void marksAPostLateWhenItsOwnPartitionMayHavePassedItsWindow() throws Exception {
        var harness = ProcessFunctionTestHarnesses.forProcessFunction(route());
        long t = Instant.parse("2026-11-20T17:00:50Z").toEpochMilli();
        harness.processElement(ingested("a", t, 0), t);
        // partition 0 may be at 17:00:19.999: 17:00's window is open, even 45 s behind; 16:59's
        // has ended, yet that is nothing to partition 1
        harness.processElement(ingested("b", t - 45_000, 0), t);
        harness.processElement(ingested("c", t - 60_000, 0), t);
        harness.processElement(ingested("d", t - 60_000, 1), t);
        // its window (16:52-16:53) closed for good at 16:58
        harness.processElement(ingested("e", t - Duration.ofMinutes(8).toMillis(), 0), t);

        assertThat(harness.extractOutputValues()).extracting(timed -> timed.post().id() + " " + timed.timeliness())
                .containsExactly("a ON_TIME", "b ON_TIME", "c LATE", "d ON_TIME", "e TOO_LATE");
        harness.close();
    }

    @Test
    void keepsOutOfCareAPostTheAllowedLatenessBehindItsPartition() throws Exception {
        var harness = ProcessFunctionTestHarnesses.forProcessFunction(route());
        long t = Instant.parse("2026-11-20T17:00:50Z").toEpochMilli();
        harness.processElement(ingested("a", t, 0), t);
        // partition 0 may be at 17:00:19.999: care judges a post at its time + 5 min, and
        // 16:55:20 + 5 min has not come yet, 16:55:19.999 + 5 min may have
        harness.processElement(ingested("b", t - Duration.ofSeconds(330).toMillis(), 0), t);
        harness.processElement(ingested("c", t - Duration.ofSeconds(330).toMillis() - 1, 0), t);

        assertThat(harness.extractOutputValues()).extracting(timed -> timed.post().id() + " " + timed.timeliness()
                        + (timed.inTimeForCare() ? " care" : ""))
                .containsExactly("a ON_TIME care", "b LATE care", "c LATE");
        harness.close();
    }

    @Test
    void aRestartFromASnapshotMarksTheNextPostsAsTheRunBeforeWould() throws Exception {
        long t = Instant.parse("2026-11-20T17:00:50Z").toEpochMilli();
        var before = ProcessFunctionTestHarnesses.forProcessFunction(route());
        before.processElement(ingested("a", t, 0), t);
        before.processElement(ingested("b", t + 5_000, 1), t);
        var snapshot = before.snapshot(1, t);
        before.close();

        var after = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(route()));
        after.initializeState(snapshot);
        after.open();
        after.processElement(ingested("c", t - 60_000, 0), t);
        after.processElement(ingested("d", t - 60_000, 1), t);
        after.processElement(ingested("e", t - 60_000, 2), t);

        assertThat(after.extractOutputValues()).extracting(timed -> timed.post().id() + " " + timed.timeliness())
                .containsExactly("c LATE", "d LATE", "e ON_TIME");
        after.close();
    }

    @Test
    void dropsASecondCopyOfAPostWhileTheSameIdOnAnotherPlatformPasses() throws Exception {
        var harness = ProcessFunctionTestHarnesses.forProcessFunction(route());
        long t = Instant.parse("2026-11-20T17:00:50Z").toEpochMilli();
        harness.processElement(ingested("1", t, 0), t);
        harness.processElement(ingested("2", t, 0), t);
        harness.processElement(ingested("1", t + 1_000, 0), t);
        Ingested<Post> mastodon = Ingested.ok(post("1").on("mastodon").at(t).build());
        harness.processElement(mastodon, t);

        assertThat(harness.extractOutputValues()).extracting(timed -> RecentPosts.key(timed.post()))
                .containsExactly("twitter:1", "twitter:2", "mastodon:1");
        harness.close();
    }

    @Test
    void remembersAPostUntilACopyWouldBeTooLateForItsWindowByThePartitionAndThenHoldsNothing() throws Exception {
        RouteIngested route = route();
        var harness = ProcessFunctionTestHarnesses.forProcessFunction(route);
        long t = Instant.parse("2026-11-20T17:00:50Z").toEpochMilli();
        // 17:00's window takes late posts until 17:06 by the partition's watermark: its newest post less 30 s
        long tooLateFrom = Instant.parse("2026-11-20T17:06:30Z").toEpochMilli();
        harness.processElement(ingested("1", t, 0), t);
        harness.processElement(ingested("2", tooLateFrom - 1, 0), t);
        harness.processElement(ingested("1", t, 0), t);
        assertThat(route.remembered()).isEqualTo(2);
        harness.processElement(ingested("3", tooLateFrom, 0), t);
        assertThat(route.remembered()).isEqualTo(2);
        harness.processElement(ingested("1", t, 0), t);

        assertThat(harness.extractOutputValues()).extracting(timed -> timed.post().id() + " " + timed.timeliness())
                .containsExactly("1 ON_TIME", "2 ON_TIME", "3 ON_TIME", "1 TOO_LATE");
        // the partition's last posts are forgotten in their turn; a copy of one on another partition is another matter
        harness.processElement(ingested("4", tooLateFrom + Duration.ofMinutes(30).toMillis(), 0), t);
        assertThat(route.remembered()).isEqualTo(1);
        harness.close();
    }

    @Test
    void aRestoredJobStillDropsTheCopiesOfPostsSeenBeforeTheSnapshotWhicheverSubtaskReadsTheirPartition() throws Exception {
        long t = Instant.parse("2026-11-20T17:00:50Z").toEpochMilli();
        var first = ProcessFunctionTestHarnesses.forProcessFunction(route());
        first.processElement(ingested("a", t, 0), t);
        var second = ProcessFunctionTestHarnesses.forProcessFunction(route());
        second.processElement(ingested("b", t, 1), t);
        // union state: each subtask restores both partitions
        var snapshot = AbstractStreamOperatorTestHarness.repackageState(first.snapshot(1, t), second.snapshot(1, t));
        first.close();
        second.close();

        RouteIngested restored = route();
        var after = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(restored));
        after.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, 128, 2, 1, 0));
        after.open();
        assertThat(restored.remembered()).isEqualTo(2);
        after.processElement(ingested("a", t, 0), t);
        after.processElement(ingested("b", t, 1), t);
        after.processElement(ingested("c", t, 1), t);

        assertThat(after.extractOutputValues()).extracting(timed -> timed.post().id()).containsExactly("c");
        after.close();
    }

    /** The figure docs/ingest.md sizes the state with: printed, and held under a ceiling. */
    @Test
    void fiftyThousandTweetKeysCheckpointInUnderEightyBytesEach() throws Exception {
        int keys = 50_000;
        long t = Instant.parse("2026-11-20T17:00:50Z").toEpochMilli();
        var harness = ProcessFunctionTestHarnesses.forProcessFunction(route());
        for (int i = 0; i < keys; i++) {
            harness.processElement(ingested(Long.toString(1_862_345_098_765_432_101L + i), t + i, 0), t + i);
        }
        long checkpointed = harness.snapshot(1, t).getStateSize();
        System.out.printf("recent posts, %d twitter keys: %.1f bytes a key checkpointed%n", keys, (double) checkpointed / keys);
        assertThat(checkpointed / keys).isLessThan(80);
        harness.close();
    }

    private static RouteIngested route() {
        return new RouteIngested(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5));
    }

    private static Ingested<Post> ingested(String id, long createdAt, int partition) {
        Ingested<Post> record = Ingested.ok(post(id).at(createdAt).build());
        record.partition = partition;
        return record;
    }


    @Test
    void enrichesEachPostThatNamesABrandOnceWithItsTimelinessAndTheEventTimeKept() throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new EnrichPosts(() -> catalogs)));
        harness.open();
        Post twoBrands = post("1")
                .text("@tim_official e @vodafoneit senza linea e la bolletta pure")
                .at(new GeoPoint(45.4642, 9.19))
                .build();
        Post noBrand = post("2").text("che bella giornata").build();

        harness.processElement(new TimedPost(twoBrands, Timeliness.LATE, true), 1_000);
        harness.processElement(TimedPost.onTime(noBrand), 2_000);

        assertThat(harness.extractOutputValues()).containsExactly(
                new TimedEnrichedPost(catalogs.enrich(twoBrands), Timeliness.LATE));
        assertThat(harness.extractOutputValues().get(0).enriched().brands()).contains("tim", "vodafone");
        assertThat(harness.getOutput()).allSatisfy(
                record -> assertThat(((StreamRecord<?>) record).getTimestamp()).isEqualTo(1_000));
        harness.close();
    }

    @Test
    void deadLettersATooLatePostWithItsJsonAndHowLateItWas() throws Exception {
        var harness = ProcessFunctionTestHarnesses.forProcessFunction(
                new TooLatePosts(Duration.ofMinutes(1), Duration.ofMinutes(5)));
        long createdAt = Instant.parse("2026-11-20T10:00:30Z").toEpochMilli();
        Post post = post("7").at(createdAt).build();
        harness.processWatermark(Instant.parse("2026-11-20T10:07:30Z").toEpochMilli());

        harness.processElement(post, createdAt);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(letter -> {
            assertThat(letter.stage()).isEqualTo(DeadLetter.STAGE_LATE);
            assertThat(letter.partition()).isEqualTo(-1);
            assertThat(letter.offset()).isEqualTo(-1);
            assertThat(letter.timestamp()).isEqualTo(createdAt);
            assertThat(new CanonicalPostJson().parse(letter.payload())).isEqualTo(post);
            assertThat(letter.reason())
                    .contains("2026-11-20T10:00:30Z")
                    .contains("PT7M behind event time")
                    .contains("window ended at 2026-11-20T10:01:00Z")
                    .contains("allowed lateness of PT5M");
        });
        harness.close();
    }

    @Test
    void aBrandsReplyOnBlueskyIsToldByItsBlueskyAccountAndItsCustomerByTheBlueskyHandle(@TempDir Path dir) throws Exception {
        Path brands = Files.writeString(dir.resolve("brands.yaml"), """
                brands:
                  - id: tim
                    name: TIM
                    industry: telco
                    handles: [tim_official]
                    official_accounts: [tim_official]
                    accounts:
                      bluesky: {official_accounts: [tim.bsky.social]}
                """);
        Enricher enricher = CatalogEnricher.load(EnrichmentConfig.defaults().withBrandCatalog(brands.toString()));
        var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new EnrichPosts(() -> enricher, true, false)));
        harness.open();
        Post question = post("q1").on("bluesky").text("@tim.bsky.social perché la linea è giù?")
                .mentions("tim.bsky.social").build();
        Post reply = new Post("r1", "bluesky", 5_000, new io.outcry.post.Author("did:plc:t", "tim.bsky.social", 10, true, null),
                "@anna.bsky.social ci dispiace, scrivici in DM", null, null, null, "q1", null, null,
                List.of("tim.bsky.social", "anna.bsky.social"), List.of());
        Post sameNameOnX = new Post("r2", "twitter", 6_000, new io.outcry.post.Author("9", "tim.bsky.social", 10, false, null),
                "@anna ciao", null, null, null, "q1", null, null, List.of("anna"), List.of());
        harness.processElement(TimedPost.onTime(question), 1_000);
        harness.processElement(TimedPost.onTime(reply), 5_000);
        harness.processElement(TimedPost.onTime(sameNameOnX), 6_000);

        assertThat(harness.getSideOutput(EnrichPosts.CUSTOMER_POSTS)).extracting(record -> record.getValue().postId())
                .containsExactly("q1");
        assertThat(harness.getSideOutput(EnrichPosts.BRAND_REPLIES)).singleElement().satisfies(record -> {
            assertThat(record.getValue().postId()).isEqualTo("r1");
            assertThat(record.getValue().customer()).isEqualTo("anna.bsky.social");
        });
        harness.close();
    }

    @Test
    void withCareOnACustomersQuestionAndTheBrandsReplyGoToTheCareOutputsAndTheWindowsStayTheSame() throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new EnrichPosts(() -> catalogs, true, false)));
        harness.open();
        Post question = post("q1").text("@tim_official perché la bolletta è raddoppiata?").mentions("tim_official").build();
        Post praise = post("p1").text("grazie @tim_official, tutto ok").mentions("tim_official").build();
        Post noBrand = post("n1").text("che bella giornata").build();
        Post reply = new Post("r1", "twitter", 5_000, new io.outcry.post.Author("9", "TIM_Official", 10, true, null),
                "@h7 ci dispiace, scrivici in DM", null, null, null, "q1", null, null, List.of("h7"), List.of());
        harness.processElement(TimedPost.onTime(question), 1_000);
        harness.processElement(TimedPost.onTime(praise), 2_000);
        harness.processElement(TimedPost.onTime(noBrand), 3_000);
        harness.processElement(TimedPost.onTime(reply), 5_000);

        assertThat(harness.extractOutputValues()).containsExactlyElementsOf(
                java.util.stream.Stream.of(question, praise, noBrand, reply).map(catalogs::enrich)
                        .filter(enriched -> !enriched.brands().isEmpty())
                        .map(enriched -> new TimedEnrichedPost(enriched, Timeliness.ON_TIME)).toList());
        assertThat(harness.getSideOutput(EnrichPosts.CUSTOMER_POSTS)).singleElement().satisfies(record -> {
            io.outcry.care.CustomerPost customer = record.getValue();
            assertThat(customer.brand()).isEqualTo("tim");
            assertThat(customer.postId()).isEqualTo("q1");
            assertThat(customer.asks()).isTrue();
            assertThat(customer.intent()).isEqualTo("question");
            assertThat(record.getTimestamp()).isEqualTo(1_000);
        });
        assertThat(harness.getSideOutput(EnrichPosts.BRAND_REPLIES)).singleElement().satisfies(record -> {
            io.outcry.care.BrandReply brandReply = record.getValue();
            assertThat(brandReply.brand()).isEqualTo("tim");
            assertThat(brandReply.replyToId()).isEqualTo("q1");
            assertThat(brandReply.account()).isEqualTo("tim_official");
            assertThat(brandReply.customer()).isEqualTo("h7");
            assertThat(brandReply.canned()).isFalse();
        });
        harness.close();
    }

    @Test
    void withCareOffNothingGoesToTheCareOutputs() throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new EnrichPosts(() -> catalogs)));
        harness.open();
        harness.processElement(TimedPost.onTime(post("q1").text("@tim_official perché la bolletta è raddoppiata?").mentions("tim_official").build()), 1_000);
        assertThat(harness.getSideOutput(EnrichPosts.CUSTOMER_POSTS)).isNull();
        harness.close();
    }

    @Test
    void aPostThatTripsABugInEnrichmentIsDeadLetteredAndTheNextOneGoesOn() throws Exception {
        Enricher failsOnBoom = post -> {
            if (post.id().equals("boom")) {
                throw new IllegalStateException("index out of range in the tokenizer");
            }
            return catalogs.enrich(post);
        };
        var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new EnrichPosts(() -> failsOnBoom)));
        harness.open();

        harness.processElement(TimedPost.onTime(post("boom").text("TIM non funziona").build()), 1_000);
        harness.processElement(TimedPost.onTime(post("next").text("TIM non funziona").build()), 1_000);

        assertThat(harness.extractOutputValues()).extracting(post -> post.enriched().post().id()).containsOnly("next");
        assertThat(harness.getSideOutput(EnrichPosts.DEAD_LETTERS)).extracting(StreamRecord::getValue).singleElement()
                .satisfies(letter -> {
                    assertThat(letter.stage()).isEqualTo(DeadLetter.STAGE_ENRICH);
                    assertThat(letter.reason()).startsWith("enrichment failed unexpectedly: java.lang.IllegalStateException: index out of range");
                    assertThat(new CanonicalPostJson().parse(letter.payload()).id()).isEqualTo("boom");
                });
        harness.close();
    }
}
