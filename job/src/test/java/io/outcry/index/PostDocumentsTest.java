package io.outcry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.elasticsearch.ElasticsearchDocument;
import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Intent;
import io.outcry.locate.Location;
import io.outcry.locate.LocationSource;
import io.outcry.locate.Region;
import io.outcry.post.Author;
import io.outcry.post.CitedPost;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PostDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long AT = Instant.parse("2026-11-20T10:07:42Z").toEpochMilli();

    private static EnrichedPost enriched(Post post) {
        return new EnrichedPost(post, List.of("tim"), new Region("IT.04", "Campania", "IT", new GeoPoint(40.8, 14.3)),
                List.of("network", "billing"), "it", Intent.COMPLAINT, -0.6, true, true,
                new Location(LocationSource.TEXT, 0.6, new GeoPoint(40.85, 14.27), "Napoli", "IT.04.NA", "IT.04"));
    }

    private static Post post(String id, String platform, String url) {
        return new Post(id, platform, AT, new Author("42", "anna", 120, false, "Napoli"), "@tim_official a Napoli niente rete",
                "it", null, null, "7", null, null, List.of("tim_official"), List.of(), url);
    }

    @Test
    void aPostCarriesWhatTheJobUnderstoodAndTheWindowKeyItWasCountedUnder() throws Exception {
        ElasticsearchDocument document = PostDocuments.mapper("outcry-posts", 60_000).map(PostEntry.of(enriched(post("99", "twitter", null))));

        assertThat(document.index()).isEqualTo("outcry-posts-2026.11.20");
        assertThat(document.id()).isEqualTo("twitter:99");
        JsonNode doc = JSON.readTree(document.source());
        assertThat(doc.get("window_start").asText()).isEqualTo("2026-11-20T10:07:00Z");
        assertThat(doc.get("@timestamp").asText()).isEqualTo("2026-11-20T10:07:42Z");
        assertThat(doc.get("permalink").asText()).isEqualTo("https://x.com/anna/status/99");
        assertThat(doc.get("author").get("handle").asText()).isEqualTo("anna");
        assertThat(doc.get("author").get("followers").asLong()).isEqualTo(120);
        assertThat(doc.get("text").asText()).isEqualTo("@tim_official a Napoli niente rete");
        assertThat(doc.get("brands").toString()).isEqualTo("[\"tim\"]");
        assertThat(doc.get("topics").toString()).isEqualTo("[\"network\",\"billing\"]");
        assertThat(doc.get("intent").asText()).isEqualTo("complaint");
        assertThat(doc.get("complaint").asBoolean()).isTrue();
        assertThat(doc.get("polarity").asDouble()).isEqualTo(-0.6);
        assertThat(doc.get("region_code").asText()).isEqualTo("IT.04");
        assertThat(doc.get("location").get("source").asText()).isEqualTo("text");
        assertThat(doc.get("location").get("confidence").asDouble()).isEqualTo(0.6);
        assertThat(doc.get("location").get("point").get("lat").asDouble()).isEqualTo(40.85);
        assertThat(doc.get("location").get("place").asText()).isEqualTo("Napoli");
        assertThat(doc.get("reply_to_id").asText()).isEqualTo("7");
        assertThat(doc.has("retweeted_id")).isFalse();
        assertThat(PostDocuments.json(enriched(post("99", "twitter", null)), 60_000))
                .as("the same post, the same bytes: a replay rewrites nothing").isEqualTo(document.source());
    }

    @Test
    void aCitedPostTheSampleLeftOutIsWrittenFromItsCitationUnderItsWindowKey() throws Exception {
        CitedPost cited = new CitedPost("99", "twitter", AT, 120, true, "a Napoli niente rete", "https://x.com/i/status/99",
                "IT.04", "Campania", "network", AT - 42_000);

        ElasticsearchDocument document = PostDocuments.mapper("outcry-posts", 60_000).map(PostEntry.cited("tim", cited));

        assertThat(document.index()).isEqualTo("outcry-posts-2026.11.20");
        assertThat(document.id()).isEqualTo("twitter:99");
        JsonNode doc = JSON.readTree(document.source());
        assertThat(doc.get("window_start").asText()).isEqualTo("2026-11-20T10:07:00Z");
        assertThat(doc.get("text").asText()).isEqualTo("a Napoli niente rete");
        assertThat(doc.get("permalink").asText()).isEqualTo("https://x.com/i/status/99");
        assertThat(doc.get("brands").toString()).isEqualTo("[\"tim\"]");
        assertThat(doc.get("topics").toString()).isEqualTo("[\"network\"]");
        assertThat(doc.get("region_code").asText()).isEqualTo("IT.04");
        assertThat(doc.get("author").get("followers").asLong()).isEqualTo(120);
        assertThat(doc.get("cited_only").asBoolean()).isTrue();
        assertThat(doc.has("language")).as("what the citation does not hold is absent, not guessed").isFalse();
    }

    @Test
    void aDeletedPostLeavesTheDailyIndexOfItsTime() {
        ElasticsearchDocument deletion = PostDocuments.mapper("outcry-posts", 60_000).map(PostEntry.deleted("twitter:99", "99", AT));

        assertThat(deletion.isDeletion()).isTrue();
        assertThat(deletion.index()).isEqualTo("outcry-posts-2026.11.20");
        assertThat(deletion.id()).isEqualTo("twitter:99");
    }

    @Test
    void thePermalinkIsThePlatformsOwnElseOneBuiltFromTheId() {
        assertThat(post("99", "mastodon", "https://mastodon.social/@anna/99").permalink()).isEqualTo("https://mastodon.social/@anna/99");
        assertThat(post("at://did:plc:abc/app.bsky.feed.post/3kxyz", "bluesky", null).permalink())
                .isEqualTo("https://bsky.app/profile/did:plc:abc/post/3kxyz");
        assertThat(post("99", "mastodon", null).permalink()).isNull();
    }

    @Test
    void aSampleKeepsItsShareOfPostsAndTheSameOnesEveryTime() {
        PostSample tenth = new PostSample(0.1);
        long kept = IntStream.range(0, 100_000).filter(i -> tenth.keeps("twitter:" + (1_000_000_000L + i * 7919L))).count();

        assertThat(kept).isBetween(9_500L, 10_500L);
        assertThat(IntStream.range(0, 1000).allMatch(i -> tenth.keeps("twitter:" + i) == new PostSample(0.1).keeps("twitter:" + i))).isTrue();
        assertThat(IntStream.range(0, 1000).allMatch(i -> new PostSample(1).keeps("twitter:" + i))).isTrue();
        assertThatThrownBy(() -> new PostSample(0)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new PostSample(1.5)).hasMessageContaining("(0, 1]");
    }
}
