package io.outcry.detect;

import static io.outcry.detect.ScalesHarnessTest.CELLS;
import static io.outcry.detect.ScalesHarnessTest.MINUTE;
import static io.outcry.detect.ScalesHarnessTest.opened;
import static io.outcry.detect.SpikeDetectorHarnessTest.cell;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.window.WindowResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A brand seen from the middle of its night: before a day of history there is no daily shape,
 * and its first mornings ramp up sixfold in four hours. Neither its first nor its second morning
 * is an incident, while a real spike on the first morning still opens.
 */
class FirstMorningHarnessTest {

    /** 04:00 UTC, the small hours in Europe: the job starts before the day does. */
    static final long START = Instant.parse("2026-11-20T04:00:00Z").toEpochMilli();
    /** Per hour of day (UTC), how busy the brand is against its busiest hour: a people's day, asleep at night. */
    static final double[] DAY = {0.22, 0.14, 0.10, 0.08, 0.10, 0.18, 0.35, 0.55, 0.65, 0.68, 0.70, 0.72,
        0.75, 0.70, 0.68, 0.70, 0.78, 0.88, 0.95, 1.00, 1.00, 0.85, 0.60, 0.35};
    /** Credible complainers a minute per cell at the busiest hour: six cells, a mid-size brand of 15 a minute at peak. */
    static final double PEAK = 2.5;

    static double activity(long time) {
        double hour = Math.floorMod(time, 86_400_000L) / 3_600_000.0;
        int h = (int) hour;
        double frac = hour - h;
        return DAY[h] * (1 - frac) + DAY[(h + 1) % 24] * frac;
    }

    /**
     * Every minute's window results from {@link #START} for {@code minutes}, and from minute
     * {@code spikeAt} on for {@code spikeMinutes}, {@code extra} more voices a minute on billing in
     * each region.
     */
    static List<List<WindowResult>> day(int minutes, int spikeAt, int spikeMinutes, double extra, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long nextVoice = 1;
        List<List<WindowResult>> all = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            long start = START + m * MINUTE;
            List<WindowResult> results = new ArrayList<>();
            for (int c = 0; c < CELLS.length; c++) {
                int voices = KeyDetectorTest.poisson(PEAK * activity(start), random);
                if (CELLS[c][1].equals("billing") && m >= spikeAt && m < spikeAt + spikeMinutes) {
                    voices += KeyDetectorTest.poisson(extra, random);
                }
                List<Long> ids = new ArrayList<>();
                for (int v = 0; v < voices; v++) {
                    ids.add(nextVoice++);
                }
                if (!ids.isEmpty()) {
                    results.add(cell(CELLS[c][0], CELLS[c][1], start, ids, 0));
                }
            }
            all.add(results);
        }
        return all;
    }

    static List<AlertEvent> run(List<List<WindowResult>> minutes) throws Exception {
        try (var harness = SpikeDetectorHarnessTest.detector()) {
            harness.open();
            for (int m = 0; m < minutes.size(); m++) {
                for (WindowResult result : minutes.get(m)) {
                    harness.processElement(new StreamRecord<>(result, result.windowEnd() - 1));
                }
                harness.processWatermark(START + (m + 1) * MINUTE - 1);
            }
            return ScalesHarnessTest.events(harness);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void neitherTheFirstNorTheSecondMorningRampOpensAnAlert(long seed) throws Exception {
        // from 04:00 on the first day to 10:00 on the second: two morning ramps
        assertThat(opened(run(day(30 * 60, Integer.MAX_VALUE, 0, 0, seed)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aSpikeOnTheFirstMorningStillOpens(long seed) throws Exception {
        // At 06:30, in the steepest part of the ramp, billing gains 4.5 voices a minute in each region: twice the
        // brand's complaints of that hour, the smallest complaint spike of issue 16's realistic regime.
        int spikeAt = 150;
        List<AlertEvent> opened = opened(run(day(spikeAt + 60, spikeAt, 60, 4.5, seed)));

        assertThat(opened).as("alerts").isNotEmpty().allSatisfy(open -> assertThat(open.topic()).isIn("billing", Level.ALL));
        assertThat(opened.get(0).detectedAt() - (START + spikeAt * MINUTE)).isLessThanOrEqualTo(5 * MINUTE);
    }
}
