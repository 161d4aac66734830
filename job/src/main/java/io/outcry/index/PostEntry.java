package io.outcry.index;

import io.outcry.enrich.EnrichedPost;
import io.outcry.post.CitedPost;
import io.outcry.post.Post;

/**
 * A post to index, a post an alert or a zone cites that the sample left out, or a post to delete
 * from the posts index.
 *
 * @param key       {@code platform:id}, the document's id
 * @param postId    the post's id, which deletions name
 * @param createdAt the post's time, which names its daily index
 * @param post      the post, or null
 * @param cited     the citation, when the post itself was not kept, or null
 * @param brand     the brand of the alert or zone that cites it, with {@code cited}
 */
public record PostEntry(String key, String postId, long createdAt, EnrichedPost post, CitedPost cited, String brand) {

    public static PostEntry of(EnrichedPost post) {
        return new PostEntry(key(post.post()), post.post().id(), post.post().createdAt(), post, null, null);
    }

    /** What an alert or a zone of {@code brand} holds of a post it cites. */
    public static PostEntry cited(String brand, CitedPost cited) {
        return new PostEntry(cited.key(), cited.id(), cited.createdAt(), null, cited, brand);
    }

    public static PostEntry deleted(String key, String postId, long createdAt) {
        return new PostEntry(key, postId, createdAt, null, null, null);
    }

    public boolean isDeletion() {
        return post == null && cited == null;
    }

    public static String key(Post post) {
        return post.platform() + ':' + post.id();
    }
}
