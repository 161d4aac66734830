package io.outcry.detect;

import java.util.Arrays;

/**
 * The expected level of one count series and how much it wanders: an EWMA of the counts and
 * of their absolute deviation, learned online from winsorized counts so that an incident does
 * not become the new normal at once. Once a week of history exists, an hour-of-week profile
 * scales the expectation, so Monday 9:00 is compared with earlier Mondays at 9:00. Before
 * that, from the second day on, the hour-of-day shape of the days seen so far does: a
 * brand's second morning ramps up as its first one did, and that is no spike.
 *
 * <p>A mutable POJO kept in Flink state (public fields, no-arg constructor).
 */
public class Baseline {

    static final int HOURS_OF_WEEK = 168;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    /** How fast each hour-of-week slot learns: it sees its hour once a week. */
    private static final double SLOT_ALPHA = 0.1;
    /** Counts above expected + this many spreads are clipped before learning. */
    static final double WINSOR = 2;

    /** Level of the series with the weekly shape divided out. */
    public double level;
    /** EWMA of |count - expected|. */
    public double deviation;
    /** Windows observed. */
    public long windows;
    /** Start of the first window observed, epoch ms. */
    public long firstWindowStart;
    /** Level per hour of week (Monday 00:00 UTC first), learned from the start. */
    public double[] slots = new double[HOURS_OF_WEEK];
    /** Which profile the level was last learned under, so a switch keeps the expectation continuous. */
    public Shape shape = Shape.FLAT;

    /** What scales the level into an expectation, by the history there is. */
    public enum Shape { FLAT, DAILY, WEEKLY }

    /**
     * Per scale of {@link KeyDetector#SCALES} and per ratio of {@link #TAIL_RATIOS}, an EWMA over
     * {@link #TAIL_WINDOWS} of how often that scale's sum, outside alerts, reached that ratio to
     * its expectation while the quasi-Poisson law called it improbable ({@link #TAIL_SURPRISE}).
     * Real mention counts burst: a tenfold window every day is what such a series does, however
     * unlikely the law finds it, and it must not open an alert every day. Each scale keeps its
     * own tail because a burst of one window is not a rise that lasts an hour: a series whose
     * single windows jump tenfold every day may never have held twice its level for an hour.
     */
    public double[] tail = new double[KeyDetector.SCALES.length * TAIL_RATIOS.length];
    /**
     * The part of {@link #tail} that the rise being judged brought: per scale and ratio, what the
     * windows of the latest run of hits added (0 once a window misses that ratio, or an alert
     * opens). A rise is not yet something the key has shown before it: its windows count once
     * each, as they did, but no young key's correction multiplies them (see {@link #tailCap}).
     */
    public double[] rise = new double[KeyDetector.SCALES.length * TAIL_RATIOS.length];

    static final double[] TAIL_RATIOS = {1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128};
    /** Once in a thousand windows of the law: what makes a window part of the tail. */
    static final double TAIL_SURPRISE = 3;
    /** A week of five-minute steps, a day and a half of one-minute windows. */
    static final double TAIL_WINDOWS = 2016;
    /** How often a burst may recur and still be news: once in this many windows. */
    static final double TAIL_NEWS = 1000;

    public Baseline() {}

    /**
     * Learns from one window's sum at scale {@code scale}, outside an alert (or the one opening
     * it), how heavy that scale's tail is.
     */
    void learnTail(int scale, double ratio, double surprise) {
        fitTail();
        int base = scale * TAIL_RATIOS.length;
        for (int k = 0; k < TAIL_RATIOS.length; k++) {
            double hit = surprise >= TAIL_SURPRISE && ratio >= TAIL_RATIOS[k] ? 1 : 0;
            tail[base + k] += (hit - tail[base + k]) / TAIL_WINDOWS;
            rise[base + k] = hit > 0 ? rise[base + k] + (hit - rise[base + k]) / TAIL_WINDOWS : 0;
        }
    }

    /** The rise being judged became an alert: what it showed is now part of the key's past. */
    void endRise() {
        fitTail();
        Arrays.fill(rise, 0);
    }

    /** The highest entry of {@link #TAIL_RATIOS} at or below {@code ratio}, -1 if none. */
    static int tailBin(double ratio) {
        int k = -1;
        while (k + 1 < TAIL_RATIOS.length && TAIL_RATIOS[k + 1] <= ratio) {
            k++;
        }
        return k;
    }

    /**
     * Counts, once, the ratios from {@code fromBin + 1} to {@code toBin} that an open alert's sum
     * at {@code scale} reached beyond what it had already counted: no window of the alert is
     * learned as a window (an incident must not become the key's normal), but the burst it was
     * is part of what the key has shown, at the height it reached.
     */
    void countAlertPeak(int scale, int fromBin, int toBin) {
        fitTail();
        int base = scale * TAIL_RATIOS.length;
        for (int k = Math.max(0, fromBin + 1); k <= toBin; k++) {
            tail[base + k] += (1 - tail[base + k]) / TAIL_WINDOWS;
        }
    }

    /** A scale judged for the first time starts from the tail of a shorter one. */
    void inheritTail(int from, int to) {
        fitTail();
        System.arraycopy(tail, from * TAIL_RATIOS.length, tail, to * TAIL_RATIOS.length, TAIL_RATIOS.length);
        System.arraycopy(rise, from * TAIL_RATIOS.length, rise, to * TAIL_RATIOS.length, TAIL_RATIOS.length);
    }

    private void fitTail() {
        if (tail.length != KeyDetector.SCALES.length * TAIL_RATIOS.length) {
            // state from before the tail was kept per scale: its one tail was the single window's
            tail = Arrays.copyOf(tail, KeyDetector.SCALES.length * TAIL_RATIOS.length);
        }
        if (rise == null || rise.length != tail.length) {
            // state from before the rise was kept apart: the tail is taken as all past
            rise = new double[tail.length];
        }
    }

    /**
     * The most surprise a sum at scale {@code scale} of this ratio may score: a ratio the
     * series showed about once in {@link #TAIL_NEWS} windows at that scale reaches the key's bar
     * {@code openScore}, and each tenfold more often takes one off. A ratio never shown is not
     * capped: the law alone judges it.
     *
     * <p>How often a ratio was shown is read between the two ratios of {@link #TAIL_RATIOS} around
     * it, log-linearly between their rates: a sum of 2.95 times its expectation is nearly as rare
     * as one of three times, not as common as one of twice, which a key may show every day. But
     * the sum is a count, and its ratio is only known to within the count's own noise: the ratio
     * is read one Poisson standard error ({@code sqrt(counts)}) lower, and never below the lower
     * ratio's rate. So the same burst, whose ratio wanders with its neighbours and its
     * expectation, is not read as rarer each time it lands a little higher in its bin; a large
     * sum, whose ratio is known well, is read where it is. A ratio whose next one up was never
     * shown is read at the lower ratio's rate, as that next one is the first ratio never shown.
     *
     * <p>The tail is an EWMA started from zero, so a key younger than its memory
     * ({@link #TAIL_WINDOWS}) has it spread over windows it never lived: three bursts in its first
     * three days read as three a week. What the key showed before the rise being judged is
     * therefore taken over the share of the memory it has lived, but over no less than
     * {@link #TAIL_NEWS} windows: a young key's one burst stays news (once in a thousand windows
     * reaches the bar), its second and third are not. The rise itself counts as it is.
     *
     * @param counts the sum whose ratio this is: how well the ratio is known
     */
    double tailCap(int scale, double ratio, double openScore, double counts) {
        fitTail();
        int k = tailBin(ratio);
        int at = scale * TAIL_RATIOS.length + k;
        if (k < 0 || tail[at] <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double rate = shownRate(at);
        if (k + 1 < TAIL_RATIOS.length && tail[at + 1] > 0) {
            double known = ratio / (1 + 1 / Math.sqrt(Math.max(counts, 1)));
            double between = Math.log(known / TAIL_RATIOS[k]) / Math.log(TAIL_RATIOS[k + 1] / TAIL_RATIOS[k]);
            if (between > 0) {
                rate = Math.min(rate, Math.exp((1 - between) * Math.log(rate) + between * Math.log(shownRate(at + 1))));
            }
        }
        return openScore - Math.log10(TAIL_NEWS) - Math.log10(rate);
    }

    /** How often the key showed the ratio of tail entry {@code at}, corrected for a young key (see {@link #tailCap}). */
    private double shownRate(int at) {
        double current = Math.min(rise[at], tail[at]);
        double lived = Math.max(1 - Math.pow(1 - 1 / TAIL_WINDOWS, windows), TAIL_NEWS / TAIL_WINDOWS);
        return (tail[at] - current) / lived + current;
    }

    static Baseline startingAt(long windowStart) {
        Baseline baseline = new Baseline();
        baseline.firstWindowStart = windowStart;
        return baseline;
    }

    /** What the count of the window starting then is expected to be. */
    double expected(long windowStart, DetectorSettings settings) {
        return level * seasonalFactor(windowStart, settings);
    }

    /** Lowest level a count is compared with: a key that is usually silent is not infinitely surprised. */
    static final double LEVEL_FLOOR = 0.25;

    /**
     * How far the count may wander around {@code expected}: the learned deviation, but never
     * less than Poisson noise.
     */
    double spread(double expected) {
        return Math.max(1.0, Math.max(1.25 * deviation, Math.sqrt(expected)));
    }

    /**
     * {@code -log10} of the chance of a count at least this high over {@code windows} windows,
     * under a quasi-Poisson law: when the series wanders more than Poisson, counts are scaled
     * down by that dispersion first. The dispersion is the larger of the window's (its learned
     * deviation against Poisson's) and the sum's own ({@code sumDeviation}, its learned
     * deviation against Poisson's for the whole sum, 0 when not learned): a drift that one
     * window hides shows in a sum over an hour. Before that is learned, a sum is at least as
     * uncertain as the level it was expected from: the level's own error, times the windows
     * summed, adds about {@code windows * alpha / (2 - alpha)} to the dispersion of the part of
     * the sum the level expects (none of a quiet key's floor).
     */
    double surprise(double count, double expected, int windows, double sumDeviation, DetectorSettings settings) {
        double lambda = Math.max(expected, LEVEL_FLOOR * windows);
        double dispersion = Math.max(1, deviation / (Math.sqrt(Math.max(expected / windows, LEVEL_FLOOR)) * 0.8));
        dispersion = Math.max(dispersion, sumDeviation / (Math.sqrt(lambda) * 0.8));
        dispersion *= dispersion;
        double alpha = settings.alpha();
        dispersion = Math.max(dispersion, 1 + (windows - 1) * expected * alpha / (2 - alpha) / lambda);
        return PoissonTail.surprise(count / dispersion, lambda / dispersion);
    }

    /** How fast the level learns now: at the settings' rate, faster while history is short. */
    double learningRate(DetectorSettings settings) {
        return windows == 0 ? 1 : Math.max(settings.alpha(), 1.0 / (windows + 1));
    }

    /**
     * Learns from the count of one window. A window of an open alert teaches a fifth as fast and
     * not the spread at all: an incident must not widen what counts as normal while it lasts,
     * yet a lasting change of level is still learned in a couple of hours.
     */
    void learn(double count, boolean anomalous, long windowStart, DetectorSettings settings) {
        double factor = seasonalFactor(windowStart, settings);
        double expected = level * factor;
        double clipped = windows == 0 ? count : Math.min(count, expected + WINSOR * spread(expected));
        double alpha = learningRate(settings);
        if (anomalous) {
            alpha /= 5;
        } else {
            deviation += alpha * (Math.abs(clipped - expected) - deviation);
        }
        level += alpha * (clipped / factor - level);
        int slot = hourOfWeek(windowStart);
        slots[slot] += (slots[slot] == 0 ? 1 : SLOT_ALPHA) * (clipped - slots[slot]);
        windows++;
    }

    /**
     * Moves to the profile the history allows by {@code windowStart}. The level is the series
     * with the profile divided out: when the profile changes (a first full day, a first full
     * week) the level is rescaled so the expectation of this window stays what it was, or the
     * first night under a daily profile would expect a third of what it sees.
     */
    void reshape(long windowStart, DetectorSettings settings) {
        Shape now = shapeAt(windowStart, settings);
        if (now != shape) {
            double before = factor(shape, windowStart);
            double after = factor(now, windowStart);
            level *= before / after;
            shape = now;
        }
    }

    private Shape shapeAt(long windowStart, DetectorSettings settings) {
        long history = windowStart - firstWindowStart;
        if (history >= settings.seasonalAfter().toMillis()) {
            return Shape.WEEKLY;
        }
        return history >= DAY ? Shape.DAILY : Shape.FLAT;
    }

    /** How much busier the window's hour is than the average hour, under the current profile. */
    double seasonalFactor(long windowStart, DetectorSettings settings) {
        return factor(shapeAt(windowStart, settings), windowStart);
    }

    double factor(Shape profile, long windowStart) {
        double ratio = switch (profile) {
            case FLAT -> 1;
            case DAILY -> hourOfDayFactor(windowStart);
            case WEEKLY -> hourOfWeekFactor(windowStart);
        };
        // A dead hour must not make every post there look infinite: the factor is bounded both ways.
        return Math.max(0.2, Math.min(5, ratio));
    }

    /** The hour-of-week slot's level over the mean of all slots. */
    private double hourOfWeekFactor(long windowStart) {
        double sum = 0;
        for (double slot : slots) {
            sum += slot;
        }
        double mean = sum / HOURS_OF_WEEK;
        return mean <= 0 ? 1 : slots[hourOfWeek(windowStart)] / mean;
    }

    /**
     * The level of this hour of the day over that of the average hour, on the days before
     * today: the mean of the hour-of-week slots already lived through (under a week, each at
     * most once), the current hour's excluded, since it is the one being judged.
     */
    private double hourOfDayFactor(long windowStart) {
        int first = hourOfWeek(firstWindowStart);
        long elapsed = windowStart / HOUR - firstWindowStart / HOUR;
        double[] sums = new double[24];
        int[] days = new int[24];
        for (int slot = 0; slot < HOURS_OF_WEEK; slot++) {
            if (Math.floorMod(slot - first, HOURS_OF_WEEK) < elapsed) {
                sums[slot % 24] += slots[slot];
                days[slot % 24]++;
            }
        }
        double total = 0;
        int hours = 0;
        for (int hour = 0; hour < 24; hour++) {
            if (days[hour] > 0) {
                total += sums[hour] / days[hour];
                hours++;
            }
        }
        int hour = hourOfWeek(windowStart) % 24;
        return total <= 0 || days[hour] == 0 ? 1 : sums[hour] / days[hour] / (total / hours);
    }

    static int hourOfWeek(long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        // 1970-01-01 was a Thursday: three days after a Monday.
        int dayOfWeek = (int) Math.floorMod(days + 3, 7L);
        int hour = (int) (Math.floorMod(epochMillis, 86_400_000L) / 3_600_000L);
        return dayOfWeek * 24 + hour;
    }
}
