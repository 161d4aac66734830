package io.outcry.window;

import io.outcry.post.CitedPost;
import io.outcry.post.GeoPoint;
import java.util.List;
import java.util.Map;

/**
 * What Outcry knows about one brand, in one region, on one topic, over one window: the
 * document indexed into Elasticsearch. Holds no wall-clock time, so replaying the same posts
 * gives identical results.
 *
 * @param brand                    brand id from the catalog
 * @param regionCode               GeoNames admin-1 code, or {@code unknown}
 * @param regionName               region name, or {@code Unknown}
 * @param countryCode              ISO 3166-1 alpha-2, or null
 * @param regionCentre             the region's centroid, or null when unknown
 * @param topic                    topic id from the taxonomy
 * @param windowStart              first millisecond of the window, epoch ms
 * @param windowEnd                first millisecond after the window, epoch ms
 * @param posts                    posts counted
 * @param complaints               posts that complain about the brand
 * @param uniqueAuthors            distinct authors of the posts
 * @param uniqueComplainingAuthors distinct authors of the complaints
 * @param retweets                 posts that reshare another one
 * @param replies                  posts that answer another one
 * @param reach                    sum of the followers of each post's author
 * @param negativeShare            negative posts / posts, in [0, 1]
 * @param examples                 a few posts to open, complaints first, then widest reach
 * @param languages                posts per language ({@code und} when it cannot be told)
 * @param intents                  posts per intent (complaint, question, praise, restored, other)
 * @param locationSources          posts per step that located them (coordinates, place, text,
 *                                 profile, unknown); in the {@code unknown} region also those
 *                                 located less surely than the windows' minimum
 * @param evidence                 who complains, counted to resist manipulation: what the
 *                                 detector measures; only its credible count is indexed
 * @param revision                 0 for the on-time posts alone, as judged; 1 and up for all posts, late ones included (see {@link WindowResults})
 */
public record WindowResult(
        String brand,
        String regionCode,
        String regionName,
        String countryCode,
        GeoPoint regionCentre,
        String topic,
        long windowStart,
        long windowEnd,
        long posts,
        long complaints,
        long uniqueAuthors,
        long uniqueComplainingAuthors,
        long retweets,
        long replies,
        long reach,
        double negativeShare,
        List<CitedPost> examples,
        Map<String, Long> languages,
        Map<String, Long> intents,
        Map<String, Long> locationSources,
        ComplaintEvidence evidence,
        int revision) {

    public List<String> examplePostIds() {
        return examples.stream().map(CitedPost::id).toList();
    }

    /** The same result with its examples' ids alone, as its document shows them. */
    public WindowResult withExampleIdsOnly() {
        return withExamples(examples.stream().map(CitedPost::withoutTextAndLink).toList());
    }

    /** The same result showing these examples. */
    public WindowResult withExamples(List<CitedPost> shown) {
        return new WindowResult(brand, regionCode, regionName, countryCode, regionCentre, topic, windowStart, windowEnd, posts,
                complaints, uniqueAuthors, uniqueComplainingAuthors, retweets, replies, reach, negativeShare, shown, languages,
                intents, locationSources, evidence, revision);
    }
}
