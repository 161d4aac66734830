package io.outcry.enrich;

import io.outcry.post.Author;
import io.outcry.post.GeoPoint;
import io.outcry.post.Place;
import io.outcry.post.Post;
import java.util.List;

/** Posts for enrichment tests. */
final class Posts {

    private Posts() {}

    static Post text(String text) {
        return post("someone", text, null, List.of(), List.of(), null, null);
    }

    static Post post(String author, String text, String lang, List<String> mentions, List<String> hashtags,
            GeoPoint coordinates, Place place) {
        return new Post("1", "twitter", 1_700_000_000_000L, new Author("42", author, 10, false, null), text, lang,
                coordinates, place, null, null, null, mentions, hashtags);
    }
}
