package io.outcry.zone;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

/**
 * How outage zones are judged. {@link #defaults()} holds the defaults.
 *
 * @param precision          geohash precision of the grid (default 4, about 39 × 20 km)
 * @param window             length of a judged window (default 1 min)
 * @param minVoices          distinct non-retweet authors a cell needs in a window to be hot (default 3)
 * @param openScore          and a surprise ({@code -log10} of its chance under the cell's Poisson baseline) of this much (default 4)
 * @param keepVoices         voices that keep a cell of an open zone hot (default 2)
 * @param keepScore          surprise that keeps a cell of an open zone hot (default 1.5)
 * @param baselineFloor      the least baseline a cell has, voices per window: quiet cells are not silent ones (default 0.2)
 * @param warmupWindows      windows a brand's baselines learn before any zone opens (default 15)
 * @param baselineAlpha      weight of a new window in a cell's baseline, which follows the brand's daily shape
 *                           (default 0.05, a memory of about 20 windows)
 * @param shareAlpha         weight of a new window in a cell's share of the brand (default 0.005, about 200 windows):
 *                           what a cell expects is its share times the current level of the brand's other cells,
 *                           so an outage that rises slowly is not learnt before it is judged, and the daily ramp,
 *                           which every cell of the brand shares, is not a rise
 * @param openMargin         what a cell expects is multiplied by this before a zone opens on it, for the error of a
 *                           share estimated from a few hundred voices (default 1.3); an open zone is kept on the
 *                           plain expectation
 * @param confirmWindows     hot windows that confirm a suspected zone (default 2)
 * @param restoredQuorum     distinct non-retweet authors saying "it works again" that date a recovery (default 3)
 * @param resolveWindows     quiet windows after which a recovering zone is resolved (default 5)
 * @param spans              how many windows, ending with the judged one, a cell's voices are also summed over, each
 *                           against its baseline times the span (default 1, 5, 15 and 30): a town whose outage
 *                           brings one located complaint every few minutes never makes one window hot
 */
public record ZoneSettings(
        int precision,
        Duration window,
        int minVoices,
        double openScore,
        int keepVoices,
        double keepScore,
        double baselineFloor,
        int warmupWindows,
        double baselineAlpha,
        double shareAlpha,
        double openMargin,
        int confirmWindows,
        int restoredQuorum,
        int resolveWindows,
        List<Integer> spans,
        int keepSpan) implements Serializable {

    public ZoneSettings {
        if (precision < 1 || precision > 8) {
            throw new IllegalArgumentException("geohash precision " + precision + " must be 1-8");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("zone window must be positive");
        }
        if (warmupWindows < 0) {
            throw new IllegalArgumentException("zone warm-up must be 0 windows or more");
        }
        if (minVoices < 1 || keepVoices < 1 || keepSpan < 1 || confirmWindows < 1 || restoredQuorum < 1 || resolveWindows < 1) {
            throw new IllegalArgumentException("zone thresholds must be 1 or more");
        }
        if (!(baselineAlpha > 0 && baselineAlpha <= 1 && shareAlpha > 0 && shareAlpha <= 1)) {
            throw new IllegalArgumentException("baseline weights must be in (0, 1]");
        }
        if (!(openMargin >= 1)) {
            throw new IllegalArgumentException("the open margin must be 1 or more");
        }
        if (spans == null || spans.isEmpty() || spans.stream().anyMatch(span -> span < 1)) {
            throw new IllegalArgumentException("zone spans must be 1 window or more");
        }
        spans = List.copyOf(new TreeSet<>(spans));
    }

    public static ZoneSettings defaults() {
        return new ZoneSettings(4, Duration.ofMinutes(1), 3, 4, 2, 1.5, 0.2, 15, 0.05, 0.005, 1.3, 2, 3, 5, List.of(1, 5, 15, 30), 5);
    }

    public ZoneSettings withPrecision(int value) {
        return new ZoneSettings(value, window, minVoices, openScore, keepVoices, keepScore, baselineFloor, warmupWindows, baselineAlpha, shareAlpha, openMargin, confirmWindows,
                restoredQuorum, resolveWindows, spans, keepSpan);
    }

    public ZoneSettings withWarmupWindows(int value) {
        return new ZoneSettings(precision, window, minVoices, openScore, keepVoices, keepScore, baselineFloor, value,
                baselineAlpha, shareAlpha, openMargin, confirmWindows, restoredQuorum, resolveWindows, spans, keepSpan);
    }

    public ZoneSettings withOpenScore(double value) {
        return new ZoneSettings(precision, window, minVoices, value, keepVoices, keepScore, baselineFloor, warmupWindows,
                baselineAlpha, shareAlpha, openMargin, confirmWindows, restoredQuorum, resolveWindows, spans, keepSpan);
    }

    public ZoneSettings withWindow(Duration value) {
        return new ZoneSettings(precision, value, minVoices, openScore, keepVoices, keepScore, baselineFloor, warmupWindows, baselineAlpha, shareAlpha, openMargin, confirmWindows,
                restoredQuorum, resolveWindows, spans, keepSpan);
    }


    /** The longest span, in windows. */
    public int longestSpan() {
        return spans.get(spans.size() - 1);
    }
}
