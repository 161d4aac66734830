package io.outcry.window;

import io.outcry.enrich.Intent;
import static io.outcry.post.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.locate.Region;
import io.outcry.locate.Location;
import io.outcry.locate.LocationSource;
import io.outcry.post.Author;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowAggregateTest {

    static final Region LOMBARDIA = new Region("IT.09", "Lombardia", "IT", new GeoPoint(45.6, 9.8));
    static final WindowKey KEY = new WindowKey("tim", "IT.09", "outage");

    private final WindowAggregate aggregate = new WindowAggregate(3);

    static KeyedPost keyed(Post post, boolean negative, boolean complaint) {
        return new KeyedPost(KEY, LOMBARDIA, post, post.lang() == null ? "und" : post.lang(), complaint ? Intent.COMPLAINT : Intent.OTHER, negative, complaint, true);
    }

    private WindowAccumulator addAll(List<KeyedPost> posts) {
        WindowAccumulator acc = aggregate.createAccumulator();
        for (KeyedPost p : posts) {
            acc = aggregate.add(p, acc);
        }
        return acc;
    }

    private static final List<KeyedPost> POSTS = List.of(
            keyed(post("10").by("anna", 100).lang("it").build(), true, true),
            keyed(post("11").by("anna", 100).lang("it").retweetOf("1").build(), true, true),
            keyed(post("12").by("bruno", 5_000).lang("en").replyTo("10").build(), false, false),
            keyed(post("13").by("carla", 20).lang(null).build(), true, false),
            keyed(post("14").by("dario", 7).lang("it").build(), false, true));

    @Test
    void countsPostsComplaintsAuthorsRetweetsRepliesAndReach() {
        WindowCounts counts = aggregate.getResult(addAll(POSTS));

        assertThat(counts.posts()).isEqualTo(5);
        assertThat(counts.complaints()).isEqualTo(3);
        assertThat(counts.negatives()).isEqualTo(3);
        assertThat(counts.uniqueAuthors()).isEqualTo(4);
        assertThat(counts.uniqueComplainingAuthors()).isEqualTo(2);
        assertThat(counts.retweets()).isEqualTo(1);
        assertThat(counts.replies()).isEqualTo(1);
        assertThat(counts.reach()).isEqualTo(100 + 100 + 5_000 + 20 + 7);
        assertThat(counts.languages()).isEqualTo(Map.of("it", 3L, "en", 1L, "und", 1L));
        assertThat(counts.region()).isEqualTo(LOMBARDIA);
    }

    @Test
    void countsHowItsPostsWereLocated() {
        Location text = new Location(LocationSource.TEXT, 0.6, new GeoPoint(45.46, 9.19), "Milan", "IT.09.MI", "IT.09");
        Location profile = new Location(LocationSource.PROFILE, 0.4, new GeoPoint(45.46, 9.19), "Milan", "IT.09.MI", "IT.09");
        List<KeyedPost> located = List.of(withLocation(POSTS.get(0), text), withLocation(POSTS.get(2), text),
                withLocation(POSTS.get(3), profile), POSTS.get(4));

        WindowAccumulator left = addAll(located.subList(0, 1));
        WindowAccumulator right = addAll(located.subList(1, 4));

        assertThat(aggregate.getResult(aggregate.merge(left, right)).locationSources())
                .isEqualTo(Map.of("text", 2L, "profile", 1L, "unknown", 1L));
    }

    @Test
    void countsEachAuthorOnceHoweverThePostsAreSplitAndMerged() {
        List<KeyedPost> posts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            posts.add(keyed(post(String.valueOf(i)).by("author" + i % 1_234, 10).lang("it").build(), false, i % 3 == 0));
        }
        WindowCounts whole = aggregate.getResult(addAll(posts));
        WindowAccumulator odd = addAll(posts.stream().filter(p -> Long.parseLong(p.post().id()) % 2 == 1).toList());
        WindowAccumulator even = addAll(posts.stream().filter(p -> Long.parseLong(p.post().id()) % 2 == 0).toList());
        WindowAccumulator merged = aggregate.merge(aggregate.merge(aggregate.createAccumulator(), odd), even);

        assertThat(whole.uniqueAuthors()).isEqualTo(1_234);
        // each author posts as i, i + 1,234 and i + 2,468 (among others), one of which is a multiple of 3
        assertThat(whole.uniqueComplainingAuthors()).isEqualTo(1_234);
        assertThat(aggregate.getResult(merged)).isEqualTo(whole);
        assertThat(Arrays.copyOf(merged.authors, merged.authorCount)).isSorted().doesNotHaveDuplicates();
        assertThat(merged.complainers).isSortedAccordingTo(Comparator.comparingLong(t -> t.author));
    }

    private static KeyedPost withLocation(KeyedPost copy, Location location) {
        return new KeyedPost(copy.key(), copy.region(), copy.post(), copy.lang(), copy.intent(), copy.negative(),
                copy.complaint(), copy.firstOfPost(), location);
    }

    @Test
    void picksComplaintsFirstThenWidestReachThenSmallestId() {
        WindowCounts counts = aggregate.getResult(addAll(POSTS));

        // Complaints 10, 11 (100 followers each, id breaks the tie) and 14 (7); 12 has more reach but is no complaint.
        assertThat(ids(counts)).containsExactly("10", "11", "14");
    }

    @Test
    void anExampleCarriesItsTextTimeAndWhereItWasPublished() {
        KeyedPost withLink = keyed(post("30").by("anna", 100).text("TIM down again").build(), true, true);

        ExamplePost example = aggregate.getResult(aggregate.add(withLink, aggregate.createAccumulator())).examples().get(0);

        assertThat(example.text()).isSameAs(withLink.post().text());
        assertThat(example.createdAt()).isEqualTo(withLink.post().createdAt());
        assertThat(example.platform()).isSameAs(withLink.post().platform().intern());
    }

    @Test
    void picksTheSameExamplesWhateverTheArrivalOrder() {
        List<KeyedPost> reversed = new ArrayList<>(POSTS);
        Collections.reverse(reversed);

        assertThat(aggregate.getResult(addAll(reversed))).isEqualTo(aggregate.getResult(addAll(POSTS)));
    }

    @Test
    void keepsAPostDeliveredTwiceOnceAmongTheExamples() {
        WindowCounts counts = aggregate.getResult(addAll(List.of(POSTS.get(0), POSTS.get(0), POSTS.get(2))));

        assertThat(counts.posts()).isEqualTo(3);
        assertThat(ids(counts)).containsExactly("10", "12");
    }

    @Test
    void keepsNoExamplesWhenTheBoundIsZero() {
        WindowAggregate noExamples = new WindowAggregate(0);
        WindowAccumulator acc = noExamples.add(POSTS.get(0), noExamples.createAccumulator());

        assertThat(ids(noExamples.getResult(acc))).isEmpty();
    }

    @Test
    void mergesToWhatAddingEverythingToOneAccumulatorGives() {
        WindowAccumulator left = addAll(POSTS.subList(0, 2));
        WindowAccumulator right = addAll(POSTS.subList(2, 5));

        assertThat(aggregate.getResult(aggregate.merge(left, right))).isEqualTo(aggregate.getResult(addAll(POSTS)));
    }

    @Test
    void mergesAnEmptyAccumulatorWithoutChangingTheCounts() {
        WindowAccumulator empty = aggregate.createAccumulator();

        assertThat(aggregate.getResult(aggregate.merge(empty, addAll(POSTS)))).isEqualTo(aggregate.getResult(addAll(POSTS)));
    }

    @Test
    void givesZeroCountsForAnEmptyWindow() {
        WindowCounts counts = aggregate.getResult(aggregate.createAccumulator());

        assertThat(counts.posts()).isZero();
        assertThat(counts.uniqueAuthors()).isZero();
        assertThat(ids(counts)).isEmpty();
    }

    @Test
    void countsEachComplainingAuthorOnceAndRetweetsNotAtAll() {
        WindowCounts counts = aggregate.getResult(addAll(List.of(
                keyed(post("20").by("anna", 300).text("TIM down again").build(), true, true),
                keyed(post("21").by("anna", 300).text("TIM still down!!").build(), true, true),
                keyed(post("22").by("anna", 300).text("TIM down for hours").build(), true, true),
                keyed(post("23").by("bruno", 80).text("RT @anna: TIM down again").retweetOf("20").build(), true, true),
                keyed(post("24").by("carla", 90).text("RT @anna: TIM down again").retweetOf("20").build(), true, true))));

        assertThat(counts.evidence().credibleComplainers()).isEqualTo(1);
        assertThat(counts.evidence().notable()).containsExactly(new Complainer("hanna", 300, false, 3));
    }

    @Test
    void countsACopyPasteCampaignOfLowReachAccountsAsOneVoice() {
        List<KeyedPost> posts = new ArrayList<>();
        for (int bot = 0; bot < 25; bot++) {
            posts.add(keyed(post("3" + bot).by("bot" + bot, bot % 10)
                    .text("@TIM_Official servizio pessimo, vergogna! #timdown " + "!".repeat(bot % 3)).build(), true, true));
        }
        posts.add(keyed(post("40").by("dario", 20).text("TIM senza rete a Milano da 20 minuti").build(), true, true));
        posts.add(keyed(post("41").by("elena", 20).text("TIM senza rete a Milano da 35 minuti").build(), true, true));
        posts.add(keyed(post("42").by("franco", 900).text("@TIM_Official servizio pessimo, vergogna!").build(), true, true));

        ComplaintEvidence evidence = aggregate.getResult(addAll(posts)).evidence();

        // One voice for the 25 bots, one each for dario and elena (different texts) and franco (not low reach).
        assertThat(evidence.credibleComplainers()).isEqualTo(4);
        assertThat(evidence.campaignAuthors()).isEqualTo(25);
        assertThat(evidence.voiceIds()).hasSize(4).isSorted();
    }

    @Test
    void takesAccountsOfUnknownReachForSeparateVoicesThatAddNoReach() {
        List<KeyedPost> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posts.add(keyed(post("6" + i).by("sky" + i, Author.UNKNOWN_FOLLOWERS)
                    .text("@tim.it servizio pessimo, vergogna!").build(), true, true));
        }

        WindowCounts counts = aggregate.getResult(addAll(posts));

        assertThat(counts.evidence().credibleComplainers()).isEqualTo(5);
        assertThat(counts.evidence().campaignAuthors()).isZero();
        assertThat(counts.reach()).isZero();
    }

    @Test
    void samplesTheSameComplaintTextsWhateverTheArrivalOrder() {
        List<KeyedPost> posts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            posts.add(keyed(post("5" + i).by("user" + i, 100 + i).text("TIM complaint number " + i).build(), true, true));
        }
        List<KeyedPost> reversed = new ArrayList<>(posts);
        Collections.reverse(reversed);

        ComplaintEvidence evidence = aggregate.getResult(addAll(posts)).evidence();

        assertThat(evidence.sampleTexts()).hasSize(WindowAggregate.SAMPLE_TEXTS).doesNotHaveDuplicates();
        assertThat(aggregate.getResult(addAll(reversed)).evidence()).isEqualTo(evidence);
        WindowAccumulator halves = aggregate.merge(addAll(posts.subList(0, 17)), addAll(posts.subList(17, 40)));
        assertThat(aggregate.getResult(halves).evidence()).isEqualTo(evidence);
    }

    private static List<String> ids(WindowCounts counts) {
        return counts.examples().stream().map(ExamplePost::postId).toList();
    }
}
