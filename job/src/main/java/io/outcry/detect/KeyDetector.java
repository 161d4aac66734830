package io.outcry.detect;

import java.util.Arrays;

/**
 * The spike detector of one count series: its {@link Baseline} and the lifecycle of its alert.
 * Used as is by the streaming job (one per brand, topic and region key) and by the series
 * backtest, so a backtest measures exactly what production runs.
 *
 * <pre>
 * idle ── anomalous ──▶ open ── quiet for N windows ──▶ cooling ── cooldown over ──▶ idle
 *                        ▲  └── severity changes ─▶ update      │
 *                        └──────────── anomalous again: reopen ──┘
 * </pre>
 *
 * The score is the surprise of the count, {@code -log10} of its chance under the baseline
 * (see {@link Baseline#surprise}), of the latest window or of the sum of the latest few, at
 * every scale of {@link #SCALES} from one minute to an hour: a sharp spike shows in one window,
 * a storm of a few voices a minute only in the sum of several (docs/alerts.md says how far the
 * long scales reach so far). Each scale has its
 * own learned spread, since sums over an hour wander more than a window's spread says. Opening
 * needs, at one scale, a strong surprise, a clear ratio and enough distinct voices; staying open
 * needs a weaker surprise over the latest windows. That gap, the quiet windows and the cooldown
 * are what keep an alert from flapping, and one lifecycle across every scale makes one incident
 * one alert.
 *
 * <p>A mutable POJO kept in Flink state (public fields, no-arg constructor).
 */
public class KeyDetector {

    public enum Status { IDLE, OPEN, COOLING }

    /**
     * The scales judged, in minutes: each sums the latest windows that span it. The short ones
     * see a sharp spike at once; the long ones see a lasting rise too weak for any one window.
     */
    static final int[] SCALES = {1, 2, 3, 5, 8, 15, 30, 60};
    /** Windows kept for the sums: the longest scale in one-minute windows. */
    static final int LONGEST_SPAN = 60;

    /**
     * An open alert goes on while the latest windows are surprising, at least these many and at
     * most a quarter of the span it opened at: the long sums that open on a slow rise would keep
     * it open long after the rise ended.
     */
    static final int KEEP_SPAN = 2;

    /** How far below the (coarsest level's) opening surprise a window already counts as suspicious. */
    static final double SUSPICION_MARGIN = 2;

    public Baseline baseline;
    public Status status = Status.IDLE;
    /** Start of the current alert's first anomalous window; its identity. */
    public long onset;
    /** End of the window that opened the current alert. */
    public long detectedAt;
    /** Minutes summed by the scale the current alert opened at. */
    public int scaleMinutes;
    /** Windows summed by that scale. */
    public int openedSpan;
    /** End of the alert's latest anomalous window. */
    public long lastAnomalousEnd;
    /** Calm windows in a row while open, or windows since the resolve while cooling. */
    public int calm;
    public int windowsSinceEvent;
    public int severity;
    public int peakSeverity;
    public double peakCount;
    /** Anomalous windows in the current alert. */
    public int anomalousWindows;
    /** Events emitted for the current alert; the next one's sequence number. */
    public int events;
    public long lastWindowStart = Long.MIN_VALUE;
    /** Counts, expectations and seasonal factors of the latest windows, newest first, for the sums of the scales. */
    public double[] recentCounts = new double[LONGEST_SPAN];
    public double[] recentExpected = new double[LONGEST_SPAN];
    public double[] recentFactors = new double[LONGEST_SPAN];
    /**
     * Per scale of {@link #SCALES}, an EWMA of how far its sum strayed from its expectation
     * outside alerts: the spread of that scale, which a sum over an hour needs of its own.
     */
    public double[] spanDeviation = new double[SCALES.length];
    /** Per scale, the highest tail ratio the current alert has counted (see {@link Baseline#countAlertPeak}). */
    public int[] alertBins = new int[SCALES.length];

    public KeyDetector() {}

    public static KeyDetector startingAt(long windowStart) {
        KeyDetector detector = new KeyDetector();
        detector.baseline = Baseline.startingAt(windowStart);
        return detector;
    }

    /** What a key's detector may ask of the keys around it. */
    public interface Surroundings {

        /** A series judged on its own: its voices are its counts, and nothing rises beside it. */
        Surroundings ALONE = new Surroundings() {
            @Override
            public double voices(int span, double sum) {
                return sum;
            }

            @Override
            public double riseElsewhere(int span, double sum, double expected) {
                return 1;
            }
        };

        /**
         * Distinct voices of the key over its latest {@code span} windows, of which {@code sum}
         * is the sum of the windows' counts: an author complaining every minute counts once.
         */
        double voices(int span, double sum);

        /**
         * How far the rest of the brand stands above what it expected over the same windows,
         * at least 1: a rise every key shares (a morning ramp, a storm on another topic) is not
         * this key's news.
         */
        double riseElsewhere(int span, double sum, double expected);
    }

    /**
     * Judges the count of the window {@code [windowStart, windowEnd)} and learns from it.
     *
     * @param bar             what opens an alert for this key ({@link DetectorSettings#bar(Level)})
     * @param parentAnomalous whether a coarser level over this key deviates too; consulted only
     *                        when this key is sparse
     */
    public Observation observe(long windowStart, long windowEnd, double count, DetectorSettings.Bar bar, boolean parentAnomalous,
                               DetectorSettings settings) {
        return observe(windowStart, windowEnd, count, bar, parentAnomalous, Surroundings.ALONE, settings);
    }

    public Observation observe(long windowStart, long windowEnd, double count, DetectorSettings.Bar bar, boolean parentAnomalous,
                               Surroundings around, DetectorSettings settings) {
        long step = Math.max(1, windowEnd - windowStart);
        Baseline.Shape shape = baseline.shape;
        baseline.reshape(windowStart, settings);
        if (baseline.shape != shape) {
            // The level was rescaled to the new profile: the windows kept must be shaped by it too.
            for (int w = 0; w < recentFactors.length - 1; w++) {
                recentFactors[w] = baseline.factor(baseline.shape, windowStart - (w + 1) * step);
            }
        }
        double expected = baseline.expected(windowStart, settings);
        System.arraycopy(recentCounts, 0, recentCounts, 1, recentCounts.length - 1);
        System.arraycopy(recentExpected, 0, recentExpected, 1, recentExpected.length - 1);
        System.arraycopy(recentFactors, 0, recentFactors, 1, recentFactors.length - 1);
        recentCounts[0] = count;
        recentExpected[0] = expected;
        recentFactors[0] = baseline.seasonalFactor(windowStart, settings);

        int keepSpan = Math.max(KEEP_SPAN, openedSpan / 4);
        boolean warm = baseline.windows >= settings.warmupWindows();
        double score = 0;
        double recentScore = 0;
        double recentSum = count;
        double ratio = count / Math.max(expected, 0.5);
        int opensAt = 0;
        double[] strays = new double[SCALES.length];
        Arrays.fill(strays, Double.NaN);
        double[] spanRatios = new double[SCALES.length];
        double[] lawSurprises = new double[SCALES.length];
        int previousSpan = 0;
        double shorterDeviation = baseline.deviation;
        int shorterSpan = 1;
        int shorterScale = 0;
        // After an alert, no span reaches back into it: its own voices must not open it again.
        long sinceAlert = status == Status.OPEN || lastAnomalousEnd == 0 ? Long.MAX_VALUE : (windowEnd - lastAnomalousEnd) / step;
        for (int k = 0; k < SCALES.length; k++) {
            int span = span(SCALES[k], step);
            // A span is judged once the key has lived it twice over, so that its spread is learned.
            if (span == previousSpan || SCALES[k] > bar.longestScale() || span > baseline.windows / 2 + 1
                    || span > Math.max(1, sinceAlert)) {
                continue;
            }
            previousSpan = span;
            if (span > 1 && spanDeviation[k] == 0 && shorterDeviation > 0) {
                // A scale judged for the first time starts from the spread of the longest one
                // learned, as if its windows were independent: from zero, it would call the first
                // hours of a drift it has not yet seen (a first morning) impossible.
                spanDeviation[k] = shorterDeviation * Math.sqrt((double) span / shorterSpan);
                // and from its tail, for the same reason
                baseline.inheritTail(shorterScale, k);
            }
            if (span > 1 && spanDeviation[k] > 0) {
                shorterDeviation = spanDeviation[k];
                shorterSpan = span;
                shorterScale = k;
            }
            double counts = sum(recentCounts, span);
            double expectations = expectedOver(span);
            double shared = expectations * around.riseElsewhere(span, counts, expectations);
            // winsorized as the level's counts are, so that a rise does not widen its own spread
            strays[k] = Math.min(Math.abs(counts - shared),
                    Baseline.WINSOR * Math.max(spanDeviation[k], Math.max(1, Math.sqrt(shared))));
            if (counts <= shared) {
                continue;
            }
            double spanRatio = counts / Math.max(shared, 0.5);
            spanRatios[k] = spanRatio;
            lawSurprises[k] = baseline.surprise(counts, shared, span, span > 1 ? spanDeviation[k] : 0, settings);
            double surprise = Math.min(lawSurprises[k], baseline.tailCap(k, spanRatio, bar.openScore(), counts));
            if (surprise > score) {
                score = surprise;
                ratio = Math.max(ratio, spanRatio);
            }
            if (span <= keepSpan && surprise >= settings.keepScore()) {
                recentScore = Math.max(recentScore, surprise);
                recentSum = Math.max(recentSum, counts);
            }
            boolean trusted = shared >= settings.sparseLevel() || parentAnomalous;
            if (opensAt == 0 && warm && trusted && surprise >= bar.openScore() && spanRatio >= settings.minRatio()
                    && count > 0 && around.voices(span, counts) >= settings.minVoices()) {
                opensAt = span;
            }
        }
        if (opensAt > 1 && !risingLately(around)) {
            opensAt = 0; // a sum that only remembers a rise opens nothing: the rise is over
        }
        // The latest window must add to the rise: a sum that only remembers it keeps nothing open.
        boolean persists = recentScore >= settings.keepScore() && count > expected
                && recentSum >= Math.max(1, settings.minVoices() / 2);
        Transition transition = step(windowStart, windowEnd, count, ratio, opensAt, persists, settings);
        if (transition == Transition.OPEN) {
            openedSpan = opensAt;
            scaleMinutes = (int) Math.max(1, Math.round(opensAt * (double) step / 60_000));
        }
        // An open alert, or a window nearly surprising enough to open one, slows learning, so a
        // building spike is not learned before it is judged. Slowing on every merely elevated
        // window would let the level lag a morning ramp until the ramp itself looked like a spike.
        // Never during warm-up, though: a level still being found would then never catch up.
        boolean suspicious = status == Status.OPEN || warm && score >= settings.openScore() - SUSPICION_MARGIN;
        if (!suspicious) {
            double alpha = baseline.learningRate(settings);
            for (int k = 1; k < SCALES.length; k++) {
                if (!Double.isNaN(strays[k])) {
                    spanDeviation[k] += alpha * (strays[k] - spanDeviation[k]);
                }
            }
        }
        fitAlertBins();
        if (warm) {
            boolean learning = status != Status.OPEN || transition == Transition.OPEN;
            if (!learning) {
                baseline.endRise();
            }
            for (int k = 0; k < SCALES.length; k++) {
                boolean judged = !Double.isNaN(strays[k]);
                int bin = judged && lawSurprises[k] >= Baseline.TAIL_SURPRISE ? Baseline.tailBin(spanRatios[k]) : -1;
                if (learning && judged) {
                    baseline.learnTail(k, spanRatios[k], lawSurprises[k]);
                }
                if (transition == Transition.OPEN) {
                    alertBins[k] = bin;
                } else if (!learning && bin > alertBins[k]) {
                    baseline.countAlertPeak(k, alertBins[k], bin);
                    alertBins[k] = bin;
                }
            }
        }
        baseline.learn(count, suspicious && count > expected, windowStart, settings);
        lastWindowStart = windowStart;
        return new Observation(count, expected, score, status == Status.OPEN ? severity : 0, transition,
                status == Status.OPEN);
    }

    private void fitAlertBins() {
        if (alertBins == null || alertBins.length != SCALES.length) {
            // state from before an alert's peak was counted: what an alert open then has counted
            // is unknown, so it counts nothing more
            alertBins = new int[SCALES.length];
            Arrays.fill(alertBins, Integer.MAX_VALUE);
        }
    }

    /** Whether the latest {@link #KEEP_SPAN} windows still hold more than they were expected to. */
    private boolean risingLately(Surroundings around) {
        double lately = sum(recentCounts, KEEP_SPAN);
        double expectedLately = expectedOver(KEEP_SPAN);
        double shared = expectedLately * around.riseElsewhere(KEEP_SPAN, lately, expectedLately);
        return lately > shared;
    }

    private Transition step(long windowStart, long windowEnd, double count, double ratio, int opensAt, boolean persists,
                            DetectorSettings settings) {
        boolean opens = opensAt > 0;
        switch (status) {
            case IDLE -> {
                if (!opens) {
                    return Transition.NONE;
                }
                status = Status.OPEN;
                onset = windowStart;
                detectedAt = windowEnd;
                events = 0;
                anomalousWindows = 0;
                peakCount = 0;
                peakSeverity = 0;
                anomalous(windowEnd, count, ratio);
                return emitted(Transition.OPEN);
            }
            case COOLING -> {
                if (opens) {
                    status = Status.OPEN;
                    anomalous(windowEnd, count, ratio);
                    return emitted(Transition.REOPEN);
                }
                if (++calm >= settings.cooldownWindows()) {
                    status = Status.IDLE;
                }
                return Transition.NONE;
            }
            default -> {
                if (persists) {
                    int peakBefore = peakSeverity;
                    anomalous(windowEnd, count, ratio);
                    windowsSinceEvent++;
                    // An escalation is news at once; otherwise a heartbeat now and then, not a wobble per window.
                    return peakSeverity > peakBefore || windowsSinceEvent >= settings.updateEvery()
                            ? emitted(Transition.UPDATE) : Transition.NONE;
                }
                if (++calm >= settings.quietWindows()) {
                    status = settings.cooldownWindows() > 0 ? Status.COOLING : Status.IDLE;
                    calm = 0;
                    severity = 0;
                    return emitted(Transition.RESOLVE);
                }
                return Transition.NONE;
            }
        }
    }

    private void anomalous(long windowEnd, double count, double ratio) {
        calm = 0;
        lastAnomalousEnd = windowEnd;
        anomalousWindows++;
        severity = severity(ratio);
        peakSeverity = Math.max(peakSeverity, severity);
        peakCount = Math.max(peakCount, count);
    }

    private Transition emitted(Transition transition) {
        events++;
        windowsSinceEvent = 0;
        return transition;
    }

    /** 1 at 1.5x the expected level, 10 at 24x and beyond, on a log scale: each doubling adds ~2. */
    static int severity(double ratio) {
        int severity = 1 + (int) Math.round(9 * Math.log(Math.max(ratio, 1.5) / 1.5) / Math.log(16));
        return Math.min(10, severity);
    }

    /**
     * What the latest {@code span} windows were expected to hold under the level learned before
     * the first of them, shaped by each one's hour: a rise is judged against the level it
     * started from, not against a level that has been learning the rise itself.
     */
    public double expectedOver(int span) {
        double before = recentFactors[span - 1] > 0 ? recentExpected[span - 1] / recentFactors[span - 1] : 0;
        return before * sum(recentFactors, span);
    }

    /** Sum of the latest {@code span} values of a window ring. */
    public static double sum(double[] recent, int span) {
        double sum = 0;
        for (int w = 0; w < span; w++) {
            sum += recent[w];
        }
        return sum;
    }

    /** Windows of {@code step} milliseconds that a scale of so many minutes sums, one at least. */
    static int span(int scaleMinutes, long step) {
        return (int) Math.min(LONGEST_SPAN, Math.max(1, Math.round(scaleMinutes * 60_000.0 / step)));
    }

    /** Learns zero counts for windows in which the key had no posts at all, up to {@code windowStart}. */
    public void catchUp(long windowStart, long step, DetectorSettings settings) {
        if (lastWindowStart == Long.MIN_VALUE) {
            return;
        }
        // Beyond a few learning spans every missed window learns the same thing: zero.
        long missed = Math.min((windowStart - lastWindowStart) / step - 1, 4L * settings.learningWindows());
        for (long w = windowStart - missed * step; w < windowStart; w += step) {
            observe(w, w + step, 0, settings.bar(), false, settings);
        }
    }

    /** The count of the window before the latest one: how fast the latest one grew. */
    double countBefore() {
        return recentCounts[1];
    }

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    public boolean isIdle() {
        return status == Status.IDLE;
    }
}
