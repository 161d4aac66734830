package io.outcry.detect;

/**
 * One detector key of a brand in state: where it points, its detector and, while an alert is
 * open, what the alert has seen. A mutable POJO so Flink serializes it without Kryo.
 */
public class TrackedKey {

    public String regionCode;
    public String regionName;
    public String topic;
    public KeyDetector detector;
    public AlertTally tally;

    public TrackedKey() {}

    TrackedKey(String regionCode, String regionName, String topic, KeyDetector detector) {
        this.regionCode = regionCode;
        this.regionName = regionName;
        this.topic = topic;
        this.detector = detector;
    }

    Level level() {
        return Level.of(regionCode, topic);
    }
}
