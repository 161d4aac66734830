package io.outcry.zone;

import java.util.HashMap;
import java.util.Map;

/** What the zone detector remembers of one brand. A mutable POJO kept in Flink state. */
public class BrandZones {

    /** End of the latest judged window, epoch ms: posts before it come too late. */
    public long judgedUpTo = Long.MIN_VALUE;
    /** Windows judged so far, the ones without posts included. */
    public long windows;
    /** Expected voices per window, per geohash cell. */
    public Map<String, Double> baselines = new HashMap<>();
    /** Open zones and, until their last event is out, the ones just closed, by id. */
    public Map<String, Zone> zones = new HashMap<>();

    public BrandZones() {}
}
