package io.outcry.zone;

/** How surprising a count is: {@code -log10 P(X >= count)}, under a Poisson baseline or a share of a total. */
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

    /**
     * {@code -log10 P(X >= count)} for X the voices of a cell among {@code total} voices of its
     * brand, when the cell's share of the brand is only known from the {@code cellSeen} and
     * {@code restSeen} voices (they may be fractional) it and the rest of the brand had before:
     * beta-binomial, the share's Beta(cellSeen + 1/2, restSeen + 1/2) posterior over a binomial.
     * A share learnt from a few hundred voices is uncertain, from a morning's few dozen more so,
     * and the tail widens with that, instead of a fixed margin on the share, which costs a busy
     * cell its power (a third of a brand times 1.3 is 0.43).
     */
    static double ofShare(int count, int total, double cellSeen, double restSeen) {
        if (count <= 0) {
            return 0;
        }
        if (count > total) {
            return 300;
        }
        double a = cellSeen + 0.5;
        double b = restSeen + 0.5;
        // log P(X = 0), then the ratio of successive terms
        double log = 0;
        for (int j = 0; j < total; j++) {
            log += Math.log((b + j) / (a + b + j));
        }
        for (int i = 0; i < count; i++) {
            log += Math.log((double) (total - i) / (i + 1) * (i + a) / (total - i - 1 + b));
        }
        double first = log;
        double sum = 0;
        for (int i = count; i <= total; i++) {
            double term = Math.exp(log - first);
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
            if (i < total) {
                log += Math.log((double) (total - i) / (i + 1) * (i + a) / (total - i - 1 + b));
            }
        }
        return Math.max(0, -(first + Math.log(sum)) / Math.log(10));
    }
}
