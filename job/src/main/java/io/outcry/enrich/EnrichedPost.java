package io.outcry.enrich;

import io.outcry.locate.Region;
import io.outcry.locate.Location;
import io.outcry.post.Post;
import java.util.List;

/**
 * A post plus what Outcry understood of it.
 *
 * @param post      the canonical post
 * @param brands    brand ids from the catalog that the post is about (may be empty)
 * @param region    the region of its location when the location's source is sure enough to count in
 *                  regional windows, else {@link Region#UNKNOWN}
 * @param topics    topic ids from the taxonomy (never empty: {@code other} when none matched)
 * @param lang      ISO 639-1 language, detected or declared, {@code und} when unknown
 * @param intent    what the post wants
 * @param polarity  sentiment in [-1, 1], negative means unhappy
 * @param negative  whether the post reads as negative
 * @param complaint whether the post complains about a brand
 * @param location  where the post is from and how sure that is ({@link Location#UNKNOWN} for posts naming no brand)
 */
public record EnrichedPost(
        Post post,
        List<String> brands,
        Region region,
        List<String> topics,
        String lang,
        Intent intent,
        double polarity,
        boolean negative,
        boolean complaint,
        Location location) {

    /** A post whose position nobody looked for. */
    public EnrichedPost(Post post, List<String> brands, Region region, List<String> topics, String lang, Intent intent,
            double polarity, boolean negative, boolean complaint) {
        this(post, brands, region, topics, lang, intent, polarity, negative, complaint, Location.UNKNOWN);
    }
}
