package io.outcry.zone;

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
        long campaign) {}
