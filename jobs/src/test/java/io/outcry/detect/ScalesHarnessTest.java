package io.outcry.detect;

import static io.outcry.detect.SpikeDetectorHarnessTest.cell;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.window.WindowResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Detection at every scale, through {@link SpikeDetector} as the job runs it: a sharp spike
 * opens at one minute, a slow rise at a quarter of an hour or so, dated from its start; a key
 * whose normal is one complaint an hour is seen when it brings one a minute; and neither two
 * authors complaining every minute nor a rise the whole brand shares opens anything. Voices
 * are Poisson, each a new author unless a test says otherwise.
 */
class ScalesHarnessTest {

    static final long MINUTE = 60_000;
    static final long T0 = Instant.parse("2026-11-20T06:00:00Z").toEpochMilli();
    /** The brand's cells: two busy regions, and a third whose billing is one complaint an hour. */
    static final String[][] CELLS = {{"IT.04", "outage"}, {"IT.04", "billing"}, {"IT.09", "outage"}, {"IT.09", "billing"},
            {"IT.07", "outage"}, {"IT.07", "billing"}};
    static final double[] NORMAL = {1.5, 1.5, 1.5, 1.5, 1.5, 1.0 / 60};
    static final int CALM = 180;

    /** What happens to the brand in one minute, from its first minute on. */
    record Incident(int cell, double extra, boolean sameAuthors, IntToDoubleFunction brandFactor) {
        static Incident none() {
            return new Incident(-1, 0, false, m -> 1);
        }
    }

    /** The window results of every minute: {@link #CALM} calm minutes, then {@code minutes} of the incident. */
    static List<List<WindowResult>> brand(Incident incident, int minutes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long nextVoice = 1;
        List<List<WindowResult>> all = new ArrayList<>();
        for (int m = 0; m < CALM + minutes; m++) {
            boolean on = m >= CALM;
            long start = T0 + m * MINUTE;
            double factor = on ? incident.brandFactor().applyAsDouble(m - CALM) : 1;
            List<WindowResult> results = new ArrayList<>();
            for (int c = 0; c < CELLS.length; c++) {
                List<Long> ids = new ArrayList<>();
                int voices = KeyDetectorTest.poisson(NORMAL[c] * factor, random);
                for (int v = 0; v < voices; v++) {
                    ids.add(nextVoice++);
                }
                if (on && c == incident.cell()) {
                    int added = incident.sameAuthors() ? (int) incident.extra() : KeyDetectorTest.poisson(incident.extra(), random);
                    for (int v = 0; v < added; v++) {
                        ids.add(incident.sameAuthors() ? -1L - v : nextVoice++);
                    }
                }
                if (!ids.isEmpty()) {
                    results.add(cell(CELLS[c][0], CELLS[c][1], start, ids, 0));
                }
            }
            all.add(results);
        }
        return all;
    }

    static KeyedOneInputStreamOperatorTestHarness<String, WindowResult, AlertEvent> fed(
            KeyedOneInputStreamOperatorTestHarness<String, WindowResult, AlertEvent> harness, List<List<WindowResult>> minutes,
            int from, int to) throws Exception {
        for (int m = from; m < to; m++) {
            for (WindowResult result : minutes.get(m)) {
                harness.processElement(new StreamRecord<>(result, result.windowEnd() - 1));
            }
            harness.processWatermark(T0 + (m + 1) * MINUTE - 1);
        }
        return harness;
    }

    static List<AlertEvent> run(List<List<WindowResult>> minutes) throws Exception {
        try (var harness = SpikeDetectorHarnessTest.detector()) {
            harness.open();
            return events(fed(harness, minutes, 0, minutes.size()));
        }
    }

    static List<AlertEvent> events(KeyedOneInputStreamOperatorTestHarness<String, WindowResult, AlertEvent> harness) {
        List<AlertEvent> events = new ArrayList<>();
        harness.extractOutputValues().forEach(events::add);
        return events;
    }

    static List<AlertEvent> opened(List<AlertEvent> events) {
        return events.stream().filter(e -> e.event().equals("open")).toList();
    }

    static final long RISE = T0 + CALM * MINUTE;

    @Test
    void aSharpSpikeOpensAtOneMinute() throws Exception {
        List<AlertEvent> opened = opened(run(brand(new Incident(0, 30, false, m -> 1), 1, 1)));

        assertThat(opened).isNotEmpty().allSatisfy(open -> {
            assertThat(open.regionCode()).isIn("IT.04", Level.ALL);
            assertThat(open.scaleMinutes()).isEqualTo(1);
            assertThat(open.onset()).isEqualTo(RISE);
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aSlowRiseThatNoMinuteShowsOpensAtALongerScaleDatedFromItsStart(long seed) throws Exception {
        // Two more complainers a minute in a cell of 1.5: no single minute is news.
        List<AlertEvent> opened = opened(run(brand(new Incident(0, 2, false, m -> 1), 45, seed)));

        assertThat(opened).as("alerts").isNotEmpty().allSatisfy(open -> {
            assertThat(open.regionCode()).isIn("IT.04", Level.ALL);
            assertThat(open.topic()).isIn("outage", Level.ALL);
        });
        AlertEvent first = opened.get(0);
        assertThat(first.scaleMinutes()).isGreaterThanOrEqualTo(5);
        assertThat(first.detectedAt() - RISE).isLessThanOrEqualTo(30 * MINUTE);
        assertThat(Math.abs(first.onset() - RISE)).isLessThanOrEqualTo(5 * MINUTE);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aKeyWhoseNormalIsOneComplaintAnHourIsSeenWhenItBringsOneAMinute(long seed) throws Exception {
        List<AlertEvent> opened = opened(run(brand(new Incident(5, 1, false, m -> 1), 60, seed)));

        assertThat(opened).isNotEmpty().allSatisfy(open -> {
            assertThat(open.regionCode()).isIn("IT.07", Level.ALL);
            assertThat(open.topic()).isIn("billing", Level.ALL);
            assertThat(open.detectedAt() - RISE).isLessThanOrEqualTo(45 * MINUTE);
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void twoAuthorsComplainingEveryMinuteOpenNothingHoweverLong(long seed) throws Exception {
        assertThat(opened(run(brand(new Incident(0, 2, true, m -> 1), 90, seed)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aRiseTheWholeBrandSharesOpensNothing(long seed) throws Exception {
        // A first morning: every cell doubles over an hour and stays there.
        assertThat(opened(run(brand(new Incident(-1, 0, false, m -> 1 + Math.min(m, 60) / 60.0), 120, seed)))).isEmpty();
    }

    @Test
    void aDetectorRestoredMidRiseEmitsWhatAnUninterruptedOneDoes() throws Exception {
        List<List<WindowResult>> minutes = brand(new Incident(0, 2, false, m -> 1), 45, 2);
        List<AlertEvent> uninterrupted = run(minutes);
        assertThat(opened(uninterrupted)).isNotEmpty();

        int stop = CALM + 8;
        List<AlertEvent> resumed;
        OperatorSubtaskState snapshot;
        try (var first = SpikeDetectorHarnessTest.detector()) {
            first.open();
            fed(first, minutes, 0, stop);
            resumed = new ArrayList<>(events(first));
            snapshot = first.snapshot(1, T0 + stop * MINUTE);
        }
        try (var second = SpikeDetectorHarnessTest.detector()) {
            second.initializeState(snapshot);
            second.open();
            resumed.addAll(events(fed(second, minutes, stop, minutes.size())));
        }

        assertThat(resumed).containsExactlyElementsOf(uninterrupted);
    }
}
