package io.outcry.zone;

import java.util.HashMap;
import java.util.Map;

/** What the zone detector remembers of one brand. A mutable POJO kept in Flink state. */
public class BrandZones {

    /** End of the latest judged window, epoch ms: posts before it come too late. */
    public long judgedUpTo = Long.MIN_VALUE;
    /** Windows judged so far, the ones without posts included. */
    public long windows;
    /** Voices per window, per geohash cell, over the last few tens of windows: the brand's level now. */
    public Map<String, Double> baselines = new HashMap<>();
    /**
     * Voices per window, per geohash cell, over the last few hundred windows: with their sum,
     * each cell's share of the brand.
     */
    public Map<String, Double> shares = new HashMap<>();
    /**
     * Distinct non-retweet authors per cell in each of the latest windows, by
     * {@code windowStart/cell}: the windows before the judged one that the longest span sums over.
     */
    public Map<String, String[]> recent = new HashMap<>();
    /**
     * End of the window in which a zone on the cell was resolved or dismissed, for the windows
     * the longest span reaches back: the spans of a cell start after it, so that an outage's own
     * voices do not open a zone again once it is over.
     */
    public Map<String, Long> closedAt = new HashMap<>();
    /** Open zones and, until their last event is out, the ones just closed, by id. */
    public Map<String, Zone> zones = new HashMap<>();

    public BrandZones() {}
}
