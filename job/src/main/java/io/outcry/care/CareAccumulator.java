package io.outcry.care;

import java.util.HashMap;
import java.util.Map;

/** The running totals of one care window. A mutable POJO so Flink serializes it without Kryo. */
public class CareAccumulator {

    public CareTally all = new CareTally();
    public CareTally incident = new CareTally();
    public CareTally normal = new CareTally();
    public long brandReplies;
    public long cannedReplies;
    public long unmatchedReplies;
    /** Canned replies per example text of their group. */
    public Map<String, Long> cannedTexts = new HashMap<>();

    public CareAccumulator() {}
}
