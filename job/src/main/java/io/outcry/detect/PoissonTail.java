package io.outcry.detect;

/**
 * How surprising a count is under a Poisson law: {@code -log10 P(X >= count)}. Counts of
 * distinct people per window are Poisson-like; at small levels a normal approximation makes
 * 7 complainers against 0.5 expected look ordinary when it happens once in a million windows.
 */
final class PoissonTail {

    private static final double LN10 = Math.log(10);
    private static final double[] LANCZOS = {
        676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};

    private PoissonTail() {}

    /** {@code -log10 P(X >= count)} for X ~ Poisson(lambda); 0 when the count is not above lambda. */
    static double surprise(double count, double lambda) {
        if (count <= lambda) {
            return 0;
        }
        // log of the first term, then the series of ratios lambda / (j + 1), which shrinks fast above lambda.
        double logTerm = -lambda + count * Math.log(lambda) - logGamma(count + 1);
        double sum = 1;
        double term = 1;
        for (double j = count + 1; term > 1e-12 * sum && j < count + 10_000; j++) {
            term *= lambda / j;
            sum += term;
        }
        return Math.max(0, -(logTerm + Math.log(sum)) / LN10);
    }

    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = 0.99999999999980993;
        double t = x + 7.5;
        for (int i = 0; i < LANCZOS.length; i++) {
            a += LANCZOS[i] / (x + i + 1);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
