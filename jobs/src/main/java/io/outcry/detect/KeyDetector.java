package io.outcry.detect;

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
 * (see {@link Baseline#surprise}), of one window or of the sum of the latest few ({@link #SPANS}). Opening needs a
 * strong surprise, a clear ratio and enough voices at once; staying open needs a weaker one. That gap, the quiet windows and the cooldown are what keep an alert from flapping.
 *
 * <p>A mutable POJO kept in Flink state (public fields, no-arg constructor).
 */
public class KeyDetector {

    public enum Status { IDLE, OPEN, COOLING }

    /**
     * Window spans whose sums are judged too: a spike sustained over a few windows is as telling
     * as a sharp one, and a weak but lasting one shows over the longer spans.
     */
    static final int[] SPANS = {1, 2, 3, 5, DetectorSettings.Bar.LONGEST_SPAN};

    /**
     * An open alert goes on while the latest windows are surprising: the long sums that help
     * open on a weak but lasting spike would keep it open long after the spike ended.
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
    /** Counts and expectations of the latest windows, newest first, for the multi-window sums. */
    public double[] recentCounts = new double[DetectorSettings.Bar.LONGEST_SPAN];
    public double[] recentExpected = new double[DetectorSettings.Bar.LONGEST_SPAN];

    public KeyDetector() {}

    public static KeyDetector startingAt(long windowStart) {
        KeyDetector detector = new KeyDetector();
        detector.baseline = Baseline.startingAt(windowStart);
        return detector;
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
        baseline.reshape(windowStart, settings);
        double expected = baseline.expected(windowStart, settings);
        double score = 0;
        double recentScore = 0;
        if (count > expected) {
            double counts = count;
            double expectations = expected;
            int summed = 1;
            for (int span : SPANS) {
                if (span > bar.longestSpan()) {
                    break;
                }
                for (; summed < span; summed++) {
                    counts += recentCounts[summed - 1];
                    expectations += recentExpected[summed - 1];
                }
                double surprise = baseline.surprise(counts, expectations, span);
                score = Math.max(score, surprise);
                if (span <= KEEP_SPAN) {
                    recentScore = Math.max(recentScore, surprise);
                }
            }
        }
        double single = count > expected ? baseline.surprise(count, expected, 1) : 0;
        double ratio = count / Math.max(expected, 0.5);
        double cap = baseline.tailCap(ratio, bar.openScore());
        score = Math.min(score, cap);
        recentScore = Math.min(recentScore, cap);
        boolean trusted = expected >= settings.sparseLevel() || parentAnomalous;
        boolean opens = baseline.windows >= settings.warmupWindows() && trusted && score >= bar.openScore()
                && ratio >= settings.minRatio() && count >= settings.minVoices();
        boolean persists = recentScore >= settings.keepScore() && count >= Math.max(1, settings.minVoices() / 2);
        Transition transition = step(windowStart, windowEnd, count, ratio, opens, persists, settings);
        // An open alert, or a window nearly surprising enough to open one, slows learning, so a
        // building spike is not learned before it is judged. Slowing on every merely elevated
        // window would let the level lag a morning ramp until the ramp itself looked like a spike.
        // Never during warm-up, though: a level still being found would then never catch up.
        boolean warm = baseline.windows >= settings.warmupWindows();
        boolean suspicious = status == Status.OPEN || warm && score >= settings.openScore() - SUSPICION_MARGIN;
        if (warm && (status != Status.OPEN || transition == Transition.OPEN)) {
            baseline.learnTail(ratio, single);
        }
        baseline.learn(count, suspicious && count > expected, windowStart, settings);
        System.arraycopy(recentCounts, 0, recentCounts, 1, recentCounts.length - 1);
        System.arraycopy(recentExpected, 0, recentExpected, 1, recentExpected.length - 1);
        recentCounts[0] = count;
        recentExpected[0] = expected;
        lastWindowStart = windowStart;
        return new Observation(count, expected, score, status == Status.OPEN ? severity : 0, transition,
                status == Status.OPEN);
    }

    private Transition step(long windowStart, long windowEnd, double count, double ratio, boolean opens, boolean persists,
                            DetectorSettings settings) {
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
