package io.outcry.post;

/**
 * A post an alert or a zone cites as an example: what a reader needs to open and read it, and
 * the window key it was counted under, so that the posts index can hold it even when its sample
 * left the post out.
 *
 * @param id          the post's id
 * @param platform    where it was published
 * @param createdAt   its time, epoch ms
 * @param followers   its author's followers, or {@link Author#UNKNOWN_FOLLOWERS}
 * @param complaint   whether it complains about the brand
 * @param text        the text as published
 * @param permalink   where a reader opens it ({@link Post#permalink()}), or null when the platform gives no link
 * @param regionCode  the region the windows counted it in
 * @param regionName  that region's name
 * @param topic       the topic it was counted under
 * @param windowStart the start of the window it was counted in, epoch ms
 */
public record CitedPost(
        String id,
        String platform,
        long createdAt,
        long followers,
        boolean complaint,
        String text,
        String permalink,
        String regionCode,
        String regionName,
        String topic,
        long windowStart) {

    /** The posts index's id for it, as for any post: {@code platform:id}. */
    public String key() {
        return platform + ':' + id;
    }

    /** The same citation without its text and link, where only the id is shown. */
    public CitedPost withoutTextAndLink() {
        return new CitedPost(id, platform, createdAt, followers, complaint, null, null, regionCode, regionName, topic, windowStart);
    }
}
