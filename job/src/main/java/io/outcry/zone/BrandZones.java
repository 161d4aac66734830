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
     * Voices per window of each cell heard in the last {@link ZoneDetector#HISTORY_WINDOWS}
     * windows, a ring indexed by window number modulo its length: what dates a zone that was
     * found late from its cells' pooled rise. A cell leaves it once all its windows are silent.
     */
    public Map<String, short[]> history = new HashMap<>();
    /**
     * End of the window in which a zone on the cell was resolved or dismissed, for the windows
     * of its {@link #history}: the spans of a cell, and the dating of a zone over it, start after
     * it, so that an outage's own voices neither open a zone again once it is over nor date the
     * next one.
     */
    public Map<String, Long> closedAt = new HashMap<>();
    /**
     * End of the window in which a confirmed zone on the cell was resolved: a zone over the cell is
     * dated from its {@link #history} after it, so that an outage that is over does not date the
     * next one. Unlike {@link #closedAt}, a zone dismissed after its one hot window does not stop
     * the dating: when its cell is hot again minutes later, that window is as likely the outage's
     * first as a blip, and the change point weighs it with the windows between.
     */
    public Map<String, Long> resolvedAt = new HashMap<>();
    /** Open zones and, until their last event is out, the ones just closed, by id. */
    public Map<String, Zone> zones = new HashMap<>();

    public BrandZones() {}
}
