package io.outcry.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the tail cap reads a ratio between the ratios whose rates the key keeps. */
class TailCapTest {

    static final double BAR = 6.5;
    /** A sum so large that its ratio is known exactly. */
    static final double EXACT = 1e12;

    private final Baseline baseline = new Baseline();

    /** A key older than its tail's memory that doubled once in 20 windows and tripled once. */
    @BeforeEach
    void aKeyThatOftenDoublesAndTripledOnce() {
        baseline.windows = 10_000;
        baseline.learnTail(0, 3.3, 10);
        for (int i = 1; i < 2000; i++) {
            baseline.learnTail(0, i % 20 == 0 ? 2.2 : 1, i % 20 == 0 ? 10 : 0);
        }
    }

    @Test
    void aRatioIsReadBetweenTheRatesOfTheRatiosAroundIt() {
        double twofold = baseline.tailCap(0, 2.0, BAR, EXACT);
        double threefold = baseline.tailCap(0, 3.0, BAR, EXACT);
        assertThat(threefold - twofold).isGreaterThan(1);

        assertThat(baseline.tailCap(0, 2.5, BAR, EXACT)).isStrictlyBetween(twofold, threefold);
        // log-linear in the ratio: 2.95 is 96 % of the way from twofold to threefold
        assertThat(baseline.tailCap(0, 2.95, BAR, EXACT))
                .isCloseTo(twofold + Math.log(2.95 / 2) / Math.log(1.5) * (threefold - twofold), within(1e-4));
    }

    @Test
    void aSumsRatioIsReadOneStandardErrorLower() {
        // 16 voices know their ratio to within a quarter: 2.95 is read as 2.36
        assertThat(baseline.tailCap(0, 2.95, BAR, 16)).isCloseTo(baseline.tailCap(0, 2.36, BAR, EXACT), within(1e-4));
        // 4 voices, to within a half: 2.95 may be a twofold sum, and is read as one
        assertThat(baseline.tailCap(0, 2.95, BAR, 4)).isEqualTo(baseline.tailCap(0, 2.0, BAR, EXACT));
        // never below the rate of the ratio the sum reached
        assertThat(baseline.tailCap(0, 3.05, BAR, 4)).isEqualTo(baseline.tailCap(0, 3.0, BAR, EXACT));
    }

    @Test
    void aHigherRatioIsNeverReadAsMoreCommon() {
        for (double counts : new double[] {1, 4, 16, 100, EXACT}) {
            double previous = Double.NEGATIVE_INFINITY;
            for (double ratio = 1.5; ratio < 5; ratio += 0.01) {
                double cap = baseline.tailCap(0, ratio, BAR, counts);
                assertThat(cap).as("ratio %.2f of %s voices", ratio, counts).isGreaterThanOrEqualTo(previous - 1e-9);
                previous = cap;
            }
        }
    }

    @Test
    void aRatioBelowTheFirstOneNeverShownIsReadAtTheRateOfTheOneBelowIt() {
        // fourfold was never shown: up to it, the threefold rate holds; from it, the law alone judges
        assertThat(baseline.tailCap(0, 3.99, BAR, EXACT)).isEqualTo(baseline.tailCap(0, 3.0, BAR, EXACT));
        assertThat(baseline.tailCap(0, 4.0, BAR, EXACT)).isInfinite();
    }
}
