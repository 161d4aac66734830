package io.outcry.detect;

import java.util.HashMap;
import java.util.Map;

/**
 * One window of one brand as the detector collects it: each (region, topic) cell's on-time
 * posts and latest revision and, once judged, the count each key was judged on, so that a
 * late revision knows what it changes. A mutable POJO kept in Flink state.
 */
public class BrandWindow {

    /**
     * Cell per {@code region|topic} of the on-time posts: what the window is judged on. They wait
     * apart from the window until it is judged ({@link SpikeDetector}), and stay in it after.
     */
    public Map<String, BrandCell> cells = new HashMap<>();
    /** Latest cell per {@code region|topic} with the late posts too; revises once the window has closed for good. */
    public Map<String, BrandCell> revised = new HashMap<>();
    /** Count per detector key at judgement; empty until judged. */
    public Map<String, Double> judged = new HashMap<>();
    public boolean done;

    public BrandWindow() {}
}
