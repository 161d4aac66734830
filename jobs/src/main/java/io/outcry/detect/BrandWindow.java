package io.outcry.detect;

import java.util.HashMap;
import java.util.Map;

/**
 * One window of one brand as the detector collects it: the latest of each (region, topic)
 * cell and, once judged, the count each key was judged on, so that a late revision knows
 * what it changes. A mutable POJO kept in Flink state.
 */
public class BrandWindow {

    /** Latest cell per {@code region|topic}. */
    public Map<String, BrandCell> cells = new HashMap<>();
    /** Count per detector key at judgement; empty until judged. */
    public Map<String, Double> judged = new HashMap<>();
    public boolean done;

    public BrandWindow() {}
}
