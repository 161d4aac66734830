package io.outcry.detect;

import static io.outcry.detect.ScalesHarnessTest.CELLS;
import static io.outcry.detect.ScalesHarnessTest.MINUTE;
import static io.outcry.detect.ScalesHarnessTest.T0;
import static io.outcry.detect.ScalesHarnessTest.opened;
import static io.outcry.detect.ScalesHarnessTest.run;
import static io.outcry.detect.SpikeDetectorHarnessTest.cell;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.window.WindowResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A key younger than its tail's memory (2,016 windows, a day and a half of one-minute windows)
 * judges how often it bursts by the windows it has lived: a burst it showed twice in its first
 * hours is what it does, not news a third time. Through {@link SpikeDetector} as the job runs it.
 */
class YoungTailHarnessTest {

    /** Minutes between two bursts: four hours, so each alert has long resolved and cooled down. */
    static final int EVERY = 240;

    /**
     * The brand's six cells at 1.5 voices a minute, and every {@link #EVERY} minutes one minute in
     * which Naples' outage cell gets the next of {@code bursts} voices more.
     */
    static List<List<WindowResult>> burstingBrand(int[] bursts, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long nextVoice = 1;
        List<List<WindowResult>> all = new ArrayList<>();
        for (int m = 0; m < EVERY * (bursts.length + 1); m++) {
            long start = T0 + m * MINUTE;
            int burst = m % EVERY == 0 && m > 0 ? bursts[m / EVERY - 1] : 0;
            List<WindowResult> results = new ArrayList<>();
            for (int c = 0; c < CELLS.length; c++) {
                int voices = KeyDetectorTest.poisson(1.5, random) + (c == 0 ? burst : 0);
                if (voices > 0) {
                    results.add(cell(CELLS[c][0], CELLS[c][1], start, nextVoice, voices, 0));
                    nextVoice += voices;
                }
            }
            all.add(results);
        }
        return all;
    }

    /** Alerts opened within ten minutes of each burst, burst by burst. */
    static List<Long> opensPerBurst(List<AlertEvent> events, int bursts) {
        List<Long> opens = new ArrayList<>();
        for (int b = 1; b <= bursts; b++) {
            long at = T0 + (long) b * EVERY * MINUTE;
            opens.add(opened(events).stream().filter(e -> e.onset() >= at && e.onset() < at + 10 * MINUTE).count());
        }
        return opens;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aYoungKeysThirdBurstIsNotNewsWhenTwoAsLargeCameBefore(long seed) throws Exception {
        // forty voices in a minute twice, then twenty: a smaller ratio than the key has shown twice
        List<Long> opens = opensPerBurst(run(burstingBrand(new int[] {40, 40, 20}, seed)), 3);

        // The first is news, and so is the second: one burst in a young key is at most once in a
        // thousand windows, however young the key.
        assertThat(opens.get(0)).isPositive();
        assertThat(opens.get(1)).isPositive();
        // Before, with the tail read as if the key had lived its whole memory, two bursts in eight
        // hours read as two in a day and a half, and the third opened again.
        assertThat(opens.get(2)).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aLargerBurstStillOpensOnAYoungKey(long seed) throws Exception {
        // the third is twice the others: a ratio the key has never shown
        List<Long> opens = opensPerBurst(run(burstingBrand(new int[] {40, 40, 80}, seed)), 3);

        assertThat(opens.get(2)).isPositive();
    }
}
