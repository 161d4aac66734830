package io.outcry.zone;

/** How surprising a count is under a Poisson baseline: {@code -log10 P(X >= count)}. */
final class Surprise {

    private Surprise() {}

    static double of(int count, double lambda) {
        if (count <= 0) {
            return 0;
        }
        double l = Math.max(lambda, 1e-6);
        double tail;
        if (count <= l) {
            double term = Math.exp(-l);
            double below = 0;
            for (int i = 0; i < count; i++) {
                below += term;
                term *= l / (i + 1);
            }
            tail = Math.max(1e-300, 1 - below);
        } else {
            double logFactorial = 0;
            for (int i = 2; i <= count; i++) {
                logFactorial += Math.log(i);
            }
            double term = Math.exp(-l + count * Math.log(l) - logFactorial);
            tail = 0;
            for (int i = count; i < count + 1_000 && term > tail * 1e-12; i++) {
                tail += term;
                term *= l / (i + 1);
            }
            tail = Math.max(tail, 1e-300);
        }
        return -Math.log10(Math.min(1, tail));
    }
}
