package io.outcry.window;

import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Intent;
import io.outcry.locate.Region;
import io.outcry.locate.Location;
import io.outcry.post.Post;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One post as seen by one window key. A post about two brands and two topics becomes four of
 * these, so each (brand, region, topic) window counts it once.
 *
 * @param key         the window key this copy is counted under
 * @param region      the post's region, carried so the window result can name it
 * @param post        the post itself (written back whole if it arrives too late)
 * @param lang        the post's language, detected or declared
 * @param intent      what the post wants
 * @param negative    whether the post reads as negative
 * @param complaint   whether the post complains about a brand
 * @param firstOfPost true on exactly one copy per post, so a too-late post is dead-lettered once
 * @param location    where the post is from and how sure that is, for the outage zones
 * @param timeliness  whether the post came in time for its window to be judged on it
 */
public record KeyedPost(
        WindowKey key,
        Region region,
        Post post,
        String lang,
        Intent intent,
        boolean negative,
        boolean complaint,
        boolean firstOfPost,
        Location location,
        Timeliness timeliness) {

    /** A copy whose position nobody looked for, on time. */
    public KeyedPost(WindowKey key, Region region, Post post, String lang, Intent intent, boolean negative,
            boolean complaint, boolean firstOfPost) {
        this(key, region, post, lang, intent, negative, complaint, firstOfPost, Location.UNKNOWN);
    }

    /** A copy on time. */
    public KeyedPost(WindowKey key, Region region, Post post, String lang, Intent intent, boolean negative,
            boolean complaint, boolean firstOfPost, Location location) {
        this(key, region, post, lang, intent, negative, complaint, firstOfPost, location, Timeliness.ON_TIME);
    }

    /** The copies of a post on time. */
    public static List<KeyedPost> fanOut(EnrichedPost enriched) {
        return fanOut(enriched, Timeliness.ON_TIME);
    }

    /**
     * One copy per distinct (brand, topic) pair of the post, the first one flagged; none when
     * the post names no brand.
     */
    public static List<KeyedPost> fanOut(EnrichedPost enriched, Timeliness timeliness) {
        List<KeyedPost> copies = new ArrayList<>();
        Region region = enriched.region() == null ? Region.UNKNOWN : enriched.region();
        // Enrichers may repeat a brand or topic (two aliases matched); a window must not count a post twice.
        for (String brand : new LinkedHashSet<>(enriched.brands())) {
            for (String topic : new LinkedHashSet<>(enriched.topics())) {
                copies.add(new KeyedPost(
                        new WindowKey(brand, region.code(), topic),
                        region,
                        enriched.post(),
                        enriched.lang(),
                        enriched.intent(),
                        enriched.negative(),
                        enriched.complaint(),
                        copies.isEmpty(),
                        enriched.location() == null ? Location.UNKNOWN : enriched.location(),
                        timeliness));
            }
        }
        return copies;
    }
}
