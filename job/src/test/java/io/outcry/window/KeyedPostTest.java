package io.outcry.window;

import io.outcry.enrich.Intent;
import static io.outcry.post.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.enrich.EnrichedPost;
import io.outcry.locate.Region;
import io.outcry.post.Post;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyedPostTest {

    private final Post post = post("1").build();
    private final Region milano = new Region("IT.09", "Lombardia", "IT", null);

    @Test
    void fansAPostAboutTwoBrandsAndTwoTopicsOutToFourKeys() {
        List<KeyedPost> copies = KeyedPost.fanOut(
                new EnrichedPost(post, List.of("tim", "vodafone"), milano, List.of("outage", "billing"), "it", Intent.OTHER, -0.8, true, true));

        assertThat(copies).extracting(KeyedPost::key).containsExactly(
                new WindowKey("tim", "IT.09", "outage"),
                new WindowKey("tim", "IT.09", "billing"),
                new WindowKey("vodafone", "IT.09", "outage"),
                new WindowKey("vodafone", "IT.09", "billing"));
        assertThat(copies).extracting(KeyedPost::firstOfPost).containsExactly(true, false, false, false);
        assertThat(copies).allSatisfy(copy -> {
            assertThat(copy.post()).isSameAs(post);
            assertThat(copy.region()).isEqualTo(milano);
            assertThat(copy.negative()).isTrue();
            assertThat(copy.complaint()).isTrue();
        });
    }

    @Test
    void countsARepeatedBrandOrTopicOnce() {
        List<KeyedPost> copies = KeyedPost.fanOut(
                new EnrichedPost(post, List.of("tim", "tim"), milano, List.of("outage", "outage"), "it", Intent.OTHER, 0, false, false));

        assertThat(copies).extracting(KeyedPost::key).containsExactly(new WindowKey("tim", "IT.09", "outage"));
    }

    @Test
    void emitsNothingForAPostThatNamesNoBrand() {
        assertThat(KeyedPost.fanOut(new EnrichedPost(post, List.of(), milano, List.of("other"), "it", Intent.OTHER, 0, false, false))).isEmpty();
    }

    @Test
    void keysAPostWithoutRegionUnderUnknown() {
        List<KeyedPost> copies = KeyedPost.fanOut(
                new EnrichedPost(post, List.of("tim"), null, List.of("other"), "it", Intent.OTHER, 0, false, false));

        assertThat(copies).extracting(KeyedPost::key).containsExactly(new WindowKey("tim", "unknown", "other"));
        assertThat(copies.get(0).region()).isEqualTo(Region.UNKNOWN);
    }
}
