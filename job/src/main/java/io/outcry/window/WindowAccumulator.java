package io.outcry.window;

import io.outcry.locate.Region;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running totals of one window, kept in Flink state between firings. A mutable POJO
 * (public fields, no-arg constructor) so Flink serializes it without Kryo.
 *
 * <p>Authors are kept as exact sets: a one-minute window of one brand, region and topic
 * holds a few thousand authors at most, and analysts compare these numbers across windows.
 */
public class WindowAccumulator {

    /**
     * Most keys see a post or two per window, and a million of them may be open at once: their
     * collections start at room for two instead of Java's sixteen (ten for a list), and grow.
     */
    private static final int SMALL = 2;

    /** The region of the key, from the first post; every post of a key has the same one. */
    public Region region;
    public long posts;
    public long complaints;
    public long negatives;
    public long retweets;
    public long replies;
    public long reach;
    public Set<String> authors = new HashSet<>(SMALL);
    public Set<String> complainingAuthors = new HashSet<>(SMALL);
    /** Post count per language, {@code und} when it cannot be told. */
    public Map<String, Long> languages = new HashMap<>(SMALL);
    /** Post count per intent id. */
    public Map<String, Long> intents = new HashMap<>(SMALL);
    /** Post count per {@link io.outcry.locate.LocationSource} id: how the window's posts were placed in its region. */
    public Map<String, Long> locationSources = new HashMap<>(SMALL);
    /** Original (not retweeted) complaints per author id, for {@link ComplaintEvidence}. */
    public Map<String, ComplainerTally> complainers = new HashMap<>(SMALL);
    /** Complaint texts with the smallest post-id hashes, sorted by it, bounded. */
    public List<SampledText> samples = new ArrayList<>(SMALL);
    /** The best examples so far, sorted by {@link ExamplePost#RANKING}, distinct ids, bounded. */
    public List<ExamplePost> examples = new ArrayList<>(SMALL);

    public WindowAccumulator() {}
}
