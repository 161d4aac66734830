package io.outcry.window;

import io.outcry.locate.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * The running totals of one window, kept in Flink state between firings. A mutable POJO
 * (public fields, no-arg constructor) so Flink serializes it without Kryo.
 *
 * <p>A million keys may be open at once and most hold a post or two, so nothing here is a
 * hash map or set: authors are their ids' 64-bit {@link TextFingerprint#ofId hashes} in sorted
 * arrays (two of a thousand authors share one in about one window in 10^13), the counts per
 * language, intent and location source are a few labels beside their counts, and the complainers
 * are a list sorted by author. The author arrays are used up to their counts and grow by
 * doubling; the labels grow one at a time, as a window sees few of them.
 */
public class WindowAccumulator {

    static final long[] NO_LONGS = {};
    static final String[] NO_LABELS = {};

    /** The region of the key, from the first post; every post of a key has the same one. */
    public Region region;
    public long posts;
    public long complaints;
    public long negatives;
    public long retweets;
    public long replies;
    public long reach;
    /** Hashes of the distinct authors, ascending, in the first {@link #authorCount} slots. */
    public long[] authors = NO_LONGS;
    public int authorCount;
    /** Hashes of the distinct complaining authors, ascending, in the first {@link #complainingAuthorCount} slots. */
    public long[] complainingAuthors = NO_LONGS;
    public int complainingAuthorCount;
    /**
     * Post counts by label, {@code language:it}, {@code intent:complaint} or {@code source:text}
     * ({@link io.outcry.locate.LocationSource} ids: how the window's posts were placed in its
     * region): a few labels for the three tallies together, each count at its label's index.
     */
    public String[] labels = NO_LABELS;
    public long[] labelCounts = NO_LONGS;
    /** Original (not retweeted) complaints per author, sorted by {@link ComplainerTally#author}, for {@link ComplaintEvidence}. */
    public List<ComplainerTally> complainers = new ArrayList<>(0);
    /** Complaint texts with the smallest post-id hashes, sorted by it, bounded. */
    public List<SampledText> samples = new ArrayList<>(0);
    /** The best examples so far, sorted by {@link ExamplePost#RANKING}, distinct ids, bounded. */
    public List<ExamplePost> examples = new ArrayList<>(0);

    public WindowAccumulator() {}
}
