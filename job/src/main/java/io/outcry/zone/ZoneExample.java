package io.outcry.zone;

import io.outcry.post.CitedPost;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of a zone's outage posts that a reader should open first, ranked by {@link #RANKING}: a
 * total order on what the post says and who wrote it, never on when it arrived, so a replay or
 * a restart chooses the same examples.
 *
 * @param post    the post as the zone document cites it
 * @param retweet whether it reshares another post: its text is someone else's, and the author
 *                whose followers rank it only passed it on
 */
public record ZoneExample(CitedPost post, boolean retweet) {

    /**
     * Examples a zone shows, and posts per cell and window that the detector keeps the text of
     * while the window waits to be judged: enough to read what people say without holding every
     * post's text in the detector's state.
     */
    public static final int MAX = 5;

    /** Complaints first, then original posts before retweets, then the widest reach, then the id. */
    public static final Comparator<ZoneExample> RANKING = Comparator
            .comparing((ZoneExample e) -> !e.post().complaint())
            .thenComparing(ZoneExample::retweet)
            .thenComparing(Comparator.comparingLong((ZoneExample e) -> e.post().followers()).reversed())
            .thenComparing(e -> e.post().id())
            .thenComparing(e -> e.post().platform());

    /** The best {@link #MAX} of {@code examples}, each post once, best first. */
    static List<ZoneExample> best(Collection<ZoneExample> examples) {
        Map<String, ZoneExample> byKey = new LinkedHashMap<>();
        for (ZoneExample example : examples) {
            byKey.merge(example.post().key(), example, (a, b) -> RANKING.compare(a, b) <= 0 ? a : b);
        }
        List<ZoneExample> best = new ArrayList<>(byKey.values());
        best.sort(RANKING);
        return best.size() > MAX ? new ArrayList<>(best.subList(0, MAX)) : best;
    }
}
