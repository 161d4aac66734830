package io.outcry.zone;

import io.outcry.post.CitedPost;

/**
 * One located post about one brand's service, as the zone detector reads it.
 *
 * @param brand      brand id
 * @param postId     post id
 * @param authorId   author id: zones count people, not posts
 * @param createdAt  event time, epoch ms
 * @param lat        latitude of the post's location
 * @param lon        longitude of the post's location
 * @param confidence how sure the location is, in [0, 1]
 * @param source     how it was located (coordinates, place, text, profile)
 * @param retweet    whether it reshares another post verbatim
 * @param restored   whether it says the service works again; otherwise it reports the outage
 * @param place      the named place it matched, or null
 * @param province   province name, or null
 * @param region     region name, or null
 * @param campaign   the fingerprint of its text when its author has low reach (unverified, few followers), else 0:
 *                   low-reach authors posting one text in one cell and window are a copy-paste campaign, one voice
 * @param example    the post as a zone would cite it (text, link, window key), or null: "service restored" posts are
 *                   never examples, and the detector drops it from the posts that cannot be among their cell's best
 */
public record ZonePost(
        String brand,
        String postId,
        String authorId,
        long createdAt,
        double lat,
        double lon,
        double confidence,
        String source,
        boolean retweet,
        boolean restored,
        String place,
        String province,
        String region,
        long campaign,
        CitedPost example) {

    /** A post that no zone would cite. */
    public ZonePost(String brand, String postId, String authorId, long createdAt, double lat, double lon, double confidence,
            String source, boolean retweet, boolean restored, String place, String province, String region, long campaign) {
        this(brand, postId, authorId, createdAt, lat, lon, confidence, source, retweet, restored, place, province, region,
                campaign, null);
    }

    /** The same post without its text and link. */
    public ZonePost withoutExample() {
        return example == null ? this : new ZonePost(brand, postId, authorId, createdAt, lat, lon, confidence, source, retweet,
                restored, place, province, region, campaign);
    }

    /** How it ranks among its cell's posts as an example, or null when it is none. */
    ZoneExample asExample() {
        return example == null ? null : new ZoneExample(example, retweet);
    }
}
