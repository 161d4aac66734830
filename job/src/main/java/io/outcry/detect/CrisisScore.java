package io.outcry.detect;

/**
 * One number, 0-100, to rank situations across brands: how far the volume is above normal
 * (40 %), how negative the posts are (20 %), how many people they reach (20 %) and how fast
 * the complaints are growing (20 %). The worst five open alerts are the top five by it.
 */
final class CrisisScore {

    private CrisisScore() {}

    static double of(Observation seen, double previousCount, AlertTally tally) {
        double deviation = Math.min(1, log2(Math.max(1, seen.ratio())) / 5);   // 32x and beyond is full
        double negativity = tally.negativeShare();
        double reach = Math.min(1, Math.log10(1 + tally.reach) / 7);           // 10M followers is full
        double growth = (seen.count() - previousCount) / Math.max(1, seen.expected());
        double velocity = Math.min(1, Math.max(0, growth) / 5);               // +5x expected in one window is full
        double score = 100 * (0.4 * deviation + 0.2 * negativity + 0.2 * reach + 0.2 * velocity);
        return Math.round(score * 10) / 10.0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
