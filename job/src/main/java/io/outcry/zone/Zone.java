package io.outcry.zone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One outage zone as the detector remembers it. A mutable POJO kept in Flink state. */
public class Zone {

    public static final String SUSPECTED = "suspected";
    public static final String CONFIRMED = "confirmed";
    public static final String RECOVERING = "recovering";
    public static final String RESOLVED = "resolved";

    public String id;
    public String brand;
    public String status = SUSPECTED;
    /** Events emitted so far; the next one gets this sequence number. */
    public int sequence;
    /**
     * Where the rise of the cells that opened it began, epoch ms (their change point over the
     * longest span): what orders zones and where the windows of its rate start. Dating a zone
     * better later never moves it, so the zones a merge keeps and the rates that close them stay
     * as detection made them.
     */
    public long onset;
    /**
     * The earliest change point of its hot cells' pooled voices over its hot windows, epoch ms;
     * {@link Long#MAX_VALUE} while none (and in zones saved before it existed).
     */
    public long pooledOnset = Long.MAX_VALUE;
    /** End of the latest hot window, epoch ms. */
    public long lastSeen;
    public long peakAt;
    public int peakVoices;
    /** Distinct non-retweet authors in its cells in the latest hot window. */
    public int voices;
    public int hotWindows;
    public int quietWindows;
    /** Its hot cells, as of the latest hot window. */
    public List<String> cells = new ArrayList<>();
    /** Confidence-weighted sums of its posts' positions: the centre. */
    public double sumLat;
    public double sumLon;
    public double sumWeight;
    public long posts;
    /** Outage posts per author. */
    public Map<String, Long> authors = new HashMap<>();
    /** Earliest "service restored" post per author, retweets left out. */
    public Map<String, Long> restoredAuthors = new HashMap<>();
    public long restoredRetweets;
    /**
     * Per window since it opened (the last day at most), by window start: its cells' voices
     * less what their baselines expect. What is left after a "service restored" post tells whether the
     * outage went on.
     */
    public Map<Long, Double> excess = new HashMap<>();
    /** End of the window that confirmed it, epoch ms; -1 while suspected. A relapse keeps it. */
    public long confirmedAt = -1;
    /** Estimated end of the outage, epoch ms; -1 while none. */
    public long recoveryAt = -1;
    public long resolvedAt = -1;
    public Map<String, Long> towns = new HashMap<>();
    public Map<String, Long> provinces = new HashMap<>();
    public Map<String, Long> regions = new HashMap<>();
    /** Outage posts per location source (coordinates, place, text, profile). */
    public Map<String, Long> sources = new HashMap<>();
    /**
     * The outage posts a reader should open first, best first: at most {@link ZoneExample#MAX},
     * the best of every hot window's posts in its cells (and of the zones merged into it).
     */
    public List<ZoneExample> examples = new ArrayList<>();
    public String mergedInto;
    public String splitFrom;

    public Zone() {}

    /**
     * The onset its events state: the earlier of where its opening cells rose and where its
     * cells' pooled voices rose. A slow outage over several towns is found late, when one town's
     * cell is sure; the towns together show where it began.
     */
    public long statedOnset() {
        return Math.min(onset, pooledOnset);
    }

    public boolean isOpen() {
        return !RESOLVED.equals(status);
    }
}
