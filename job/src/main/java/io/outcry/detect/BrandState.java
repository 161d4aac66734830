package io.outcry.detect;

/** What the detector remembers of a brand as a whole. A mutable POJO kept in Flink state. */
public class BrandState {

    /** Start of the latest window judged, epoch ms. */
    public long lastJudged = Long.MIN_VALUE;
    /** Windows judged since the brand was first seen: the history a new key of it inherits. */
    public long windows;
    public TermBackground terms = new TermBackground();
    /** When the brand's state goes if nothing is judged until then, epoch ms; see SpikeDetector. */
    public long forgetAt = Long.MIN_VALUE;

    public BrandState() {}
}
