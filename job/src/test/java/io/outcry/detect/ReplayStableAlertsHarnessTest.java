package io.outcry.detect;

import static io.outcry.detect.SpikeDetectorHarnessTest.MINUTE;
import static io.outcry.detect.SpikeDetectorHarnessTest.T0;
import static io.outcry.detect.SpikeDetectorHarnessTest.cell;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.window.WindowResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A late post reaches the detector before or after its window is judged, depending on how the
 * partitions interleave; a replay and a restart must give the same alerts either way.
 */
class ReplayStableAlertsHarnessTest {

    /** Minute 30 is normal on time; a late post would make it the outage's first minute. */
    private static final int LATE_MINUTE = 30;
    private static final WindowResult LATE_SURGE = cell("IT.04", "outage", T0 + LATE_MINUTE * MINUTE, 90_000, 40, 1);

    @Test
    void aLatePostGivesTheSameAlertsWhetherItCameBeforeOrAfterItsWindowWasJudged() throws Exception {
        List<AlertEvent> early = run(Arrival.BEFORE_JUDGING, false);
        List<AlertEvent> afterwards = run(Arrival.AFTER_JUDGING, false);

        assertThat(early).isNotEmpty().isEqualTo(afterwards);
        assertThat(early).extracting(AlertEvent::onset).containsOnly(T0 + (LATE_MINUTE + 1) * MINUTE);
        assertThat(early.stream().map(AlertEvent::alertId).distinct()).hasSize(countOpens(early));
    }

    @Test
    void aRestartWhileALatePostWaitsForItsWindowToCloseGivesTheSameAlertsAsAnUninterruptedRun() throws Exception {
        List<AlertEvent> uninterrupted = run(Arrival.AFTER_JUDGING, false);
        List<AlertEvent> restarted = run(Arrival.AFTER_JUDGING, true);

        assertThat(restarted).isEqualTo(uninterrupted).extracting(AlertEvent::event).contains("open", "revise");
    }

    @Test
    void aLatePostInsideTheAlertRevisesItOnceItsWindowHasClosedForGood() throws Exception {
        List<AlertEvent> events = run(Arrival.AFTER_JUDGING, false);

        AlertEvent revise = events.stream()
                .filter(e -> e.event().equals("revise") && e.regionCode().equals("IT.04") && e.topic().equals("outage")).findFirst().orElseThrow();
        long revisedWindowEnd = T0 + (LATE_MINUTE + 4) * MINUTE;
        assertThat(revise.eventTime()).isEqualTo(revisedWindowEnd);
        assertThat(revise.peakObserved()).isEqualTo(80);
        int at = events.indexOf(revise);
        // judged with the window that ends 5 minutes (the allowed lateness) after the revised one
        assertThat(events.subList(0, at)).allMatch(e -> e.eventTime() <= revisedWindowEnd + 5 * MINUTE);
    }

    private enum Arrival { BEFORE_JUDGING, AFTER_JUDGING }

    private static int countOpens(List<AlertEvent> events) {
        return (int) events.stream().filter(e -> e.event().equals("open")).count();
    }

    /**
     * 30 normal minutes, a 4-minute outage in Campania from minute 31 and 10 calm minutes; one
     * late surge lands in minute 30, another doubles minute 33. With {@code restart}, the
     * detector is restored from a snapshot taken right after the second one came.
     */
    private static List<AlertEvent> run(Arrival arrival, boolean restart) throws Exception {
        List<AlertEvent> events = new ArrayList<>();
        KeyedOneInputStreamOperatorTestHarness<String, WindowResult, AlertEvent> harness = SpikeDetectorHarnessTest.detector();
        harness.open();
        WindowResult secondSurge = cell("IT.04", "outage", T0 + (LATE_MINUTE + 3) * MINUTE, 100_000, 80, 1);
        for (int minute = 0; minute < 45; minute++) {
            long start = T0 + minute * MINUTE;
            boolean outage = minute > LATE_MINUTE && minute <= LATE_MINUTE + 4;
            send(harness, cell("IT.04", "outage", start, minute * 1_000, outage ? 40 : 4, 0));
            send(harness, cell("IT.09", "outage", start, minute * 1_000 + 500, 4, 0));
            if (minute == LATE_MINUTE && arrival == Arrival.BEFORE_JUDGING) {
                send(harness, LATE_SURGE);
            }
            harness.processWatermark(start + MINUTE - 1);
            if (minute == LATE_MINUTE && arrival == Arrival.AFTER_JUDGING) {
                send(harness, LATE_SURGE);
            }
            if (minute == LATE_MINUTE + 4) {
                send(harness, secondSurge);
                if (restart) {
                    events.addAll(harness.extractOutputValues());
                    OperatorSubtaskState snapshot = harness.snapshot(1, start);
                    harness.close();
                    harness = SpikeDetectorHarnessTest.detector();
                    harness.initializeState(snapshot);
                    harness.open();
                }
            }
        }
        events.addAll(harness.extractOutputValues());
        harness.close();
        return events;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, WindowResult, AlertEvent> harness, WindowResult result)
            throws Exception {
        harness.processElement(new StreamRecord<>(result, result.windowEnd() - 1));
    }
}
