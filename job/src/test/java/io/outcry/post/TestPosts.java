package io.outcry.post;

import java.util.List;

/** Builds posts for tests: every field defaulted, the ones a test cares about set by name. */
public final class TestPosts {

    private String id = "1";
    private String platform = "twitter";
    private long createdAt = 1_790_000_000_000L;
    private String authorId = "a1";
    private long followers = 100;
    private String text = "hello";
    private String lang = "en";
    private GeoPoint coordinates;
    private Place place;
    private String replyToId;
    private String retweetedId;
    private List<String> mentions = List.of();
    private List<String> hashtags = List.of();

    public static TestPosts post(String id) {
        TestPosts builder = new TestPosts();
        builder.id = id;
        return builder;
    }

    public TestPosts on(String platform) {
        this.platform = platform;
        return this;
    }

    public TestPosts at(long epochMillis) {
        createdAt = epochMillis;
        return this;
    }

    public TestPosts by(String authorId, long followers) {
        this.authorId = authorId;
        this.followers = followers;
        return this;
    }

    public TestPosts text(String text) {
        this.text = text;
        return this;
    }

    public TestPosts lang(String lang) {
        this.lang = lang;
        return this;
    }

    public TestPosts in(Place place) {
        this.place = place;
        return this;
    }

    public TestPosts at(GeoPoint coordinates) {
        this.coordinates = coordinates;
        return this;
    }

    public TestPosts replyTo(String postId) {
        replyToId = postId;
        return this;
    }

    public TestPosts retweetOf(String postId) {
        retweetedId = postId;
        return this;
    }

    public TestPosts mentions(String... handles) {
        mentions = List.of(handles);
        return this;
    }

    public TestPosts hashtags(String... tags) {
        hashtags = List.of(tags);
        return this;
    }

    public Post build() {
        return new Post(id, platform, createdAt, new Author(authorId, "h" + authorId, followers, false, null),
                text, lang, coordinates, place, replyToId, null, retweetedId, mentions, hashtags);
    }
}
