package io.outcry.zone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One brand's outage posts of one geohash cell in one window, as the {@link ZoneDetector} judges
 * them: tallied by {@link ZoneCells} where the posts are, so that the detector, which sees a whole
 * brand at once, reads one record per cell and window instead of every post.
 *
 * @param brand     brand id
 * @param cell      geohash cell at the zones' precision
 * @param start     window start, epoch ms
 * @param voices    distinct non-retweet authors, sorted; low-reach authors posting one text are one
 *                  voice, {@code campaign:<fingerprint>}, as in the windows: a bot network whose
 *                  complaint names a city would otherwise be a crowd there
 * @param posts     outage posts, retweets included
 * @param sumLat    latitudes weighted by their location's confidence, summed in post order
 * @param sumLon    longitudes, likewise
 * @param sumWeight the confidences summed
 * @param authors   outage posts per author
 * @param towns     outage posts per named place
 * @param provinces outage posts per province
 * @param regions   outage posts per region
 * @param sources   outage posts per location source
 * @param examples  the outage posts that kept their text ({@link ZoneExample#MAX} at most, the best)
 * @param restored  the posts saying that the service works again, in post order
 */
public record CellTally(
        String brand,
        String cell,
        long start,
        List<String> voices,
        int posts,
        double sumLat,
        double sumLon,
        double sumWeight,
        Map<String, Long> authors,
        Map<String, Long> towns,
        Map<String, Long> provinces,
        Map<String, Long> regions,
        Map<String, Long> sources,
        List<ZoneExample> examples,
        List<ZonePost> restored) {

    /** The tally of one cell's posts of one window, {@code posts} in post order. */
    static CellTally of(String brand, String cell, long start, List<ZonePost> posts) {
        List<ZonePost> outage = new ArrayList<>();
        List<ZonePost> restored = new ArrayList<>();
        for (ZonePost post : posts) {
            (post.restored() ? restored : outage).add(post);
        }
        double sumLat = 0;
        double sumLon = 0;
        double sumWeight = 0;
        Map<String, Long> authors = new TreeMap<>();
        Map<String, Long> towns = new TreeMap<>();
        Map<String, Long> provinces = new TreeMap<>();
        Map<String, Long> regions = new TreeMap<>();
        Map<String, Long> sources = new TreeMap<>();
        List<ZoneExample> examples = new ArrayList<>();
        for (ZonePost post : outage) {
            sumLat += post.lat() * post.confidence();
            sumLon += post.lon() * post.confidence();
            sumWeight += post.confidence();
            authors.merge(post.authorId(), 1L, Long::sum);
            count(towns, post.place());
            count(provinces, post.province());
            count(regions, post.region());
            count(sources, post.source());
            if (post.example() != null) {
                examples.add(post.asExample());
            }
        }
        return new CellTally(brand, cell, start, voices(outage), outage.size(), sumLat, sumLon, sumWeight, authors, towns,
                provinces, regions, sources, ZoneExample.best(examples), restored);
    }

    /** This tally and {@code other}, of the same cell and window, as one. */
    CellTally with(CellTally other) {
        Set<String> voices = new TreeSet<>(this.voices);
        voices.addAll(other.voices);
        List<ZoneExample> examples = new ArrayList<>(this.examples);
        examples.addAll(other.examples);
        List<ZonePost> restored = new ArrayList<>(this.restored);
        restored.addAll(other.restored);
        return new CellTally(brand, cell, start, List.copyOf(voices), posts + other.posts, sumLat + other.sumLat,
                sumLon + other.sumLon, sumWeight + other.sumWeight, merged(authors, other.authors), merged(towns, other.towns),
                merged(provinces, other.provinces), merged(regions, other.regions), merged(sources, other.sources),
                ZoneExample.best(examples), restored);
    }

    private static List<String> voices(List<ZonePost> posts) {
        Map<Long, Set<String>> campaigns = new HashMap<>();
        for (ZonePost post : posts) {
            if (!post.retweet() && post.campaign() != 0) {
                campaigns.computeIfAbsent(post.campaign(), text -> new HashSet<>()).add(post.authorId());
            }
        }
        Set<String> voices = new TreeSet<>();
        for (ZonePost post : posts) {
            if (!post.retweet()) {
                Set<String> campaign = campaigns.get(post.campaign());
                voices.add(campaign != null && campaign.size() > 1 ? "campaign:" + post.campaign() : post.authorId());
            }
        }
        return List.copyOf(voices);
    }

    private static Map<String, Long> merged(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> all = new TreeMap<>(a);
        b.forEach((key, n) -> all.merge(key, n, Long::sum));
        return all;
    }

    private static void count(Map<String, Long> counts, String name) {
        if (name != null && !name.isEmpty()) {
            counts.merge(name, 1L, Long::sum);
        }
    }
}
