package io.outcry.index;

import io.outcry.enrich.EnrichedPost;
import io.outcry.post.Post;

/**
 * A post to index, or one to delete from the posts index.
 *
 * @param key       {@code platform:id}, the document's id
 * @param createdAt the post's time, which names its daily index
 * @param post      the post, or null when it was deleted
 */
public record PostEntry(String key, long createdAt, EnrichedPost post) {

    public static PostEntry of(EnrichedPost post) {
        return new PostEntry(key(post.post()), post.post().createdAt(), post);
    }

    public static PostEntry deleted(String key, long createdAt) {
        return new PostEntry(key, createdAt, null);
    }

    public static String key(Post post) {
        return post.platform() + ':' + post.id();
    }
}
