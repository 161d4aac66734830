package io.outcry.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16's mid-size brand: about 1.5 credible complainers a minute, then a two-hour billing
 * storm at 5-6 a minute, which raised no alert. The brand and its billing topic are judged as
 * {@link SpikeDetector} judges them (billing borrows the brand's verdict while it is sparse),
 * on Poisson counts, so the test says which gate held the storm back: the brand level's bar
 * (its surprise of 8.5 within three windows) keeps the brand silent, and the 6-voice floor per
 * one-minute window refuses storm minutes of the billing topic that were surprising enough,
 * so a storm of 3-4 voices a minute in billing opens late or not at all.
 */
class MidSizeBrandStormTest {

    static final long MINUTE = 60_000;
    static final long T0 = Instant.parse("2026-11-16T06:00:00Z").toEpochMilli();
    static final DetectorSettings SETTINGS = DetectorSettings.defaults();
    static final int CALM = 360;
    static final int STORM = 120;

    /** What the storm looked like to the brand and to its billing topic. */
    record Storm(double brandPeakScore, int billingOpenedAfter, int billingWindowsUnderTheFloor) {}

    static Storm storm(double billing, double rest, double stormBilling, long seed) {
        KeyDetector brand = KeyDetector.startingAt(T0);
        KeyDetector topic = KeyDetector.startingAt(T0);
        SplittableRandom random = new SplittableRandom(seed);
        double brandPeak = 0;
        int openedAfter = -1;
        int underFloor = 0;
        for (int i = 0; i < CALM + STORM; i++) {
            boolean storming = i >= CALM;
            int billed = KeyDetectorTest.poisson(storming ? stormBilling : billing, random);
            int others = KeyDetectorTest.poisson(rest, random);
            long start = T0 + i * MINUTE;
            Observation whole = brand.observe(start, start + MINUTE, billed + others, SETTINGS.bar(Level.BRAND), false, SETTINGS);
            Observation billingSeen = topic.observe(start, start + MINUTE, billed, SETTINGS.bar(Level.BRAND_TOPIC),
                    whole.score() >= SETTINGS.keepScore(), SETTINGS);
            if (!storming) {
                assertThat(billingSeen.transition()).as("billing before the storm, minute %d", i).isNotEqualTo(Transition.OPEN);
                continue;
            }
            brandPeak = Math.max(brandPeak, whole.score());
            if (billingSeen.transition() == Transition.OPEN && openedAfter < 0) {
                openedAfter = i - CALM;
            }
            if (billingSeen.score() >= SETTINGS.bar(Level.BRAND_TOPIC).openScore() && billed < SETTINGS.minVoices()) {
                underFloor++;
            }
        }
        return new Storm(brandPeak, openedAfter, underFloor);
    }

    @Test
    void theBrandLevelRarelyReachesItsBarSoTheStormMustOpenAtItsTopic() {
        int brandReached = 0;
        for (long seed = 1; seed <= 10; seed++) {
            // The brand sums every topic's drift and is judged on three windows at most, with +2.0.
            if (storm(0.5, 1.0, 4.5, seed).brandPeakScore() >= SETTINGS.bar(Level.BRAND).openScore()) {
                brandReached++;
            }
        }
        assertThat(brandReached).isLessThanOrEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void theSixVoiceFloorRefusesStormMinutesThatWereSurprisingEnough(long seed) {
        assertThat(storm(0.5, 1.0, 4.5, seed).billingWindowsUnderTheFloor()).isPositive();
    }

    @Test
    void aStormOfThreeAndAHalfAMinuteInBillingIsLateOrUnseenOnSeveralSeeds() {
        int lateOrUnseen = 0;
        for (long seed = 1; seed <= 10; seed++) {
            int openedAfter = storm(0.3, 1.2, 3.5, seed).billingOpenedAfter();
            if (openedAfter < 0 || openedAfter > 10) {
                lateOrUnseen++;
            }
        }
        // What a floor of six voices in one minute does to a storm of three to four a minute.
        assertThat(lateOrUnseen).isGreaterThanOrEqualTo(3);
    }
}
