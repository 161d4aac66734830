package io.outcry.detect;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the spike detector judges a count series. {@link #defaults()} is the one place the
 * defaults live; every threshold is in windows and voices, so the same settings serve a
 * one-minute stream and a backtest series of any fixed step.
 *
 * @param learningWindows   span of the running level and spread, as an EWMA of this many windows
 * @param warmupWindows     windows of history a key needs before it may alert
 * @param openScore         surprise that opens an alert: {@code -log10} of the count's chance under the
 *                          baseline, so 6.5 is once in three million windows of a calm key
 * @param keepScore         surprise that keeps an open alert going (hysteresis: below openScore)
 * @param minVoices         fewest credible complainers in a window that may open an alert
 * @param minRatio          observed / expected needed to open: a big brand's 1 % wobble is no crisis
 * @param sparseLevel       below this expected level a key is sparse: it alerts only when a
 *                          coarser level over it is anomalous too
 * @param quietWindows      consecutive calm windows that resolve an alert
 * @param cooldownWindows   after a resolve, windows during which a new anomaly reopens the same
 *                          alert instead of opening another
 * @param updateEvery       while open, an update at least every this many windows (at once when
 *                          the severity rises past its peak)
 * @param seasonalAfter     history needed before the hour-of-week profile shapes the expectation
 * @param idleWindows       a brand silent for this long, with no alert open, is forgotten (bounded state)
 */
public record DetectorSettings(
        int learningWindows,
        int warmupWindows,
        double openScore,
        double keepScore,
        long minVoices,
        double minRatio,
        double sparseLevel,
        int quietWindows,
        int cooldownWindows,
        int updateEvery,
        Duration seasonalAfter,
        int idleWindows) implements Serializable {

    public DetectorSettings {
        if (learningWindows < 2 || warmupWindows < 0 || quietWindows < 1 || cooldownWindows < 0 || updateEvery < 1
                || idleWindows < 1) {
            throw new IllegalArgumentException("detector windows must be positive (learning >= 2), got " + this);
        }
        if (!(keepScore > 0 && openScore >= keepScore && minRatio >= 1 && minVoices >= 1 && sparseLevel >= 0)) {
            throw new IllegalArgumentException("detector thresholds need 0 < keepScore <= openScore, minRatio >= 1 and "
                    + "minVoices >= 1, got " + this);
        }
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(30, 15, 6.5, 2.0, 6, 1.6, 1.0, 3, 15, 5, Duration.ofDays(7), 7 * 24 * 60);
    }

    /**
     * What opens an alert at a level. A brand has a few topics and a score of regions, and a
     * region-topic cell is one of a hundred or more: each extra dimension tests that many more
     * keys, so it needs that much more surprise for the same false-alarm rate. The brand as a
     * whole needs the most surprise and is judged on short scales only: it sums the drifts and
     * bursts of every topic and region, and nothing beside it says whether a slow rise of its
     * own is a morning or an incident, while a real incident is concentrated enough to open at
     * its topic or region, whose slow rises are judged against the rest of the brand.
     */
    public Bar bar(Level level) {
        return switch (level) {
            case BRAND -> new Bar(openScore + 2.0, 3);
            case BRAND_TOPIC -> new Bar(openScore + 0.5, Bar.LONGEST_SCALE);
            case BRAND_REGION -> new Bar(openScore + 1.0, Bar.LONGEST_SCALE);
            case BRAND_REGION_TOPIC -> new Bar(openScore + 1.5, Bar.LONGEST_SCALE);
        };
    }

    /** What opens an alert on a lone series, as in a backtest: nothing else is tested beside it. */
    public Bar bar() {
        return new Bar(openScore, Bar.LONGEST_SCALE);
    }

    /**
     * @param openScore    surprise that opens an alert
     * @param longestScale most minutes whose windows are summed and judged together
     */
    public record Bar(double openScore, int longestScale) {
        public static final int LONGEST_SCALE = 60;
    }

    /** The same settings with other opening and keeping thresholds: what a backtest tunes. */
    public DetectorSettings withThresholds(double open, double keep, long voices, double ratio) {
        return new DetectorSettings(learningWindows, warmupWindows, open, keep, voices, ratio, sparseLevel,
                quietWindows, cooldownWindows, updateEvery, seasonalAfter, idleWindows);
    }

    double alpha() {
        return 2.0 / (learningWindows + 1);
    }
}
