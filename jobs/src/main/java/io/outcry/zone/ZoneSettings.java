package io.outcry.zone;

import java.io.Serializable;
import java.time.Duration;

/**
 * How outage zones are judged. {@link #defaults()} holds the defaults.
 *
 * @param precision          geohash precision of the grid (default 4, about 39 × 20 km)
 * @param window             length of a judged window (default 1 min)
 * @param minVoices          distinct non-retweet authors a cell needs in a window to be hot (default 3)
 * @param ratio              and that many times its baseline (default 3)
 * @param keepVoices         voices that keep a cell of an open zone hot (default 2)
 * @param baselineAlpha      weight of a new window in a cell's baseline (default 0.05)
 * @param confirmWindows     hot windows that confirm a suspected zone (default 2)
 * @param restoredQuorum     distinct non-retweet authors saying "it works again" that date a recovery (default 3)
 * @param resolveWindows     quiet windows after which a recovering zone is resolved (default 5)
 */
public record ZoneSettings(
        int precision,
        Duration window,
        int minVoices,
        double ratio,
        int keepVoices,
        double baselineAlpha,
        int confirmWindows,
        int restoredQuorum,
        int resolveWindows) implements Serializable {

    public ZoneSettings {
        if (precision < 1 || precision > 8) {
            throw new IllegalArgumentException("geohash precision " + precision + " must be 1-8");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("zone window must be positive");
        }
        if (minVoices < 1 || keepVoices < 1 || confirmWindows < 1 || restoredQuorum < 1 || resolveWindows < 1) {
            throw new IllegalArgumentException("zone thresholds must be 1 or more");
        }
    }

    public static ZoneSettings defaults() {
        return new ZoneSettings(4, Duration.ofMinutes(1), 3, 3, 2, 0.05, 2, 3, 5);
    }

    public ZoneSettings withPrecision(int value) {
        return new ZoneSettings(value, window, minVoices, ratio, keepVoices, baselineAlpha, confirmWindows,
                restoredQuorum, resolveWindows);
    }

    public ZoneSettings withWindow(Duration value) {
        return new ZoneSettings(precision, value, minVoices, ratio, keepVoices, baselineAlpha, confirmWindows,
                restoredQuorum, resolveWindows);
    }
}
