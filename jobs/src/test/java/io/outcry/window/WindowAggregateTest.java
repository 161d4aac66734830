package io.outcry.window;

import io.outcry.enrich.Intent;
import static io.outcry.post.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.enrich.Region;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import java.util.ArrayList;
import java.util.Collections;
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
    void picksComplaintsFirstThenWidestReachThenSmallestId() {
        WindowCounts counts = aggregate.getResult(addAll(POSTS));

        // Complaints 10, 11 (100 followers each, id breaks the tie) and 14 (7); 12 has more reach but is no complaint.
        assertThat(counts.examplePostIds()).containsExactly("10", "11", "14");
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
        assertThat(counts.examplePostIds()).containsExactly("10", "12");
    }

    @Test
    void keepsNoExamplesWhenTheBoundIsZero() {
        WindowAggregate noExamples = new WindowAggregate(0);
        WindowAccumulator acc = noExamples.add(POSTS.get(0), noExamples.createAccumulator());

        assertThat(noExamples.getResult(acc).examplePostIds()).isEmpty();
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
        assertThat(counts.examplePostIds()).isEmpty();
    }
}
