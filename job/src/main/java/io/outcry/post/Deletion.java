package io.outcry.post;

/**
 * A post its author or the platform deleted, as the stream announced it.
 *
 * @param platform  e.g. {@code twitter}
 * @param postId    the deleted post's id
 * @param authorId  its author's id, or null when the platform does not say
 * @param deletedAt when the deletion happened, epoch ms, or -1 when the platform does not say
 */
public record Deletion(String platform, String postId, String authorId, long deletedAt) {

    /** The Kafka key of the deleted post, the same as its post's: {@code platform:id}. */
    public String key() {
        return platform + ":" + postId;
    }
}
