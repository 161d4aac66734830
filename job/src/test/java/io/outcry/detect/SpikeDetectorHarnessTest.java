package io.outcry.detect;

import static io.outcry.post.Citations.cited;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.state.BufferedType;
import io.outcry.window.Complainer;
import io.outcry.window.ComplaintEvidence;
import io.outcry.window.WindowResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpikeDetectorHarnessTest {

    static final long MINUTE = 60_000;
    static final long T0 = Instant.parse("2026-11-20T17:00:00Z").toEpochMilli();

    private KeyedOneInputStreamOperatorTestHarness<String, WindowResult, AlertEvent> harness;
    private long minute;

    static KeyedOneInputStreamOperatorTestHarness<String, WindowResult, AlertEvent> detector() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SpikeDetector(DetectorSettings.defaults(), Duration.ofMinutes(1),
                        Duration.ofMinutes(5))),
                WindowResult::brand, Types.STRING);
    }

    @BeforeEach
    void start() throws Exception {
        harness = detector();
        harness.open();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    /** A window result of the cell with {@code voices} distinct complainers numbered from {@code firstVoice}. */
    static WindowResult cell(String region, String topic, long windowStart, long firstVoice, int voices, int revision) {
        return cell(region, topic, windowStart, LongStream.range(firstVoice, firstVoice + voices).boxed().toList(), revision);
    }

    /** A window result of the cell with these complainers. */
    static WindowResult cell(String region, String topic, long windowStart, List<Long> ids, int revision) {
        int voices = ids.size();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < Math.min(voices, 6); i++) {
            texts.add("windtre senza rete a napoli da stamattina " + i);
        }
        return new WindowResult("windtre", region, region.equals("IT.04") ? "Campania" : "Lombardia", "IT", null, topic,
                windowStart, windowStart + MINUTE, voices * 2L, voices, voices, voices, voices / 2, 0, voices * 100L,
                0.8, cited("p" + windowStart), Map.of("it", voices * 2L), Map.of("complaint", (long) voices),
                Map.of("text", voices * 2L),
                new ComplaintEvidence(voices, ids, 0, texts,
                        List.of(new Complainer("mario" + (ids.isEmpty() ? 0 : ids.get(0)), 1_000 + voices, false, 1))),
                revision);
    }

    /** One minute: every cell, then the watermark past the window's end. */
    private void minute(WindowResult... cells) throws Exception {
        for (WindowResult cell : cells) {
            harness.processElement(new StreamRecord<>(cell, cell.windowEnd() - 1));
        }
        harness.processWatermark(T0 + (minute + 1) * MINUTE - 1);
        minute++;
    }

    /** A fresh detector from the first minute on, as a second run over the same input. */
    private void runAgain() throws Exception {
        harness.close();
        harness = detector();
        harness.open();
        minute = 0;
    }

    private long now() {
        return T0 + minute * MINUTE;
    }

    /** Campania and Lombardia, 4 voices each a minute on "outage": the brand's normal. */
    private void normalMinutes(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            minute(cell("IT.04", "outage", now(), minute * 1_000, 4, 0),
                    cell("IT.09", "outage", now(), minute * 1_000 + 500, 4, 0));
        }
    }

    /** Campania jumps to {@code voices} a minute. */
    private void outageMinutes(int count, int voices) throws Exception {
        for (int i = 0; i < count; i++) {
            minute(cell("IT.04", "outage", now(), minute * 1_000, voices, 0),
                    cell("IT.09", "outage", now(), minute * 1_000 + 500, 4, 0));
        }
    }

    private List<AlertEvent> alerts() {
        List<AlertEvent> events = new ArrayList<>();
        harness.extractOutputValues().forEach(events::add);
        return events;
    }

    private List<AlertEvent> alertsOf(String regionCode, String topic) {
        return alerts().stream().filter(e -> e.regionCode().equals(regionCode) && e.topic().equals(topic)).toList();
    }

    @Test
    void opensOneAlertPerAnomalousKeyWithADeterministicIdAndAnExplanation() throws Exception {
        normalMinutes(30);
        long onset = now();
        outageMinutes(1, 40);

        List<AlertEvent> campania = alertsOf("IT.04", "*");
        assertThat(campania).hasSize(1);
        AlertEvent open = campania.get(0);
        assertThat(open.event()).isEqualTo("open");
        assertThat(open.alertId()).isEqualTo("windtre|IT.04|*|" + Instant.ofEpochMilli(onset));
        assertThat(open.level()).isEqualTo("brand_region");
        assertThat(open.onset()).isEqualTo(onset);
        assertThat(open.detectedAt()).isEqualTo(onset + MINUTE);
        assertThat(open.observed()).isEqualTo(40);
        assertThat(open.severity()).isBetween(5, 10);
        assertThat(open.crisisScore()).isBetween(1.0, 100.0);
        assertThat(open.explanation().regions()).containsEntry("Campania", 40L);
        assertThat(open.explanation().topTerms()).contains("napoli");
        assertThat(open.explanation().influencers()).isNotEmpty();
        assertThat(open.explanation().examplePostIds()).containsExactly("p" + onset);
        // Lombardia did not move: no alert there.
        assertThat(alertsOf("IT.09", "*")).isEmpty();
        assertThat(alertsOf("IT.09", "outage")).isEmpty();
    }

    @Test
    void resolvesWhenThePostsStopEvenIfNothingElseArrives() throws Exception {
        normalMinutes(30);
        outageMinutes(5, 40);

        // No window result at all from here: only the watermark moves.
        for (int i = 0; i < 10; i++) {
            harness.processWatermark(T0 + (++minute) * MINUTE - 1);
        }

        List<AlertEvent> campania = alertsOf("IT.04", "*");
        assertThat(campania).extracting(AlertEvent::event).startsWith("open").endsWith("resolve");
        AlertEvent resolved = campania.get(campania.size() - 1);
        assertThat(resolved.status()).isEqualTo("resolved");
        assertThat(resolved.anomalousWindows()).isEqualTo(5);
        assertThat(resolved.sequence()).isEqualTo(campania.size() - 1);
        assertThat(campania).extracting(AlertEvent::alertId).containsOnly(campania.get(0).alertId());
    }

    @Test
    void reopensTheSameAlertWhenTheOutageReturnsDuringTheCooldown() throws Exception {
        normalMinutes(30);
        outageMinutes(3, 40);
        normalMinutes(4);
        outageMinutes(2, 45);

        List<AlertEvent> campania = alertsOf("IT.04", "*");
        assertThat(campania).extracting(AlertEvent::event).containsSubsequence("open", "resolve", "reopen");
        assertThat(campania).extracting(AlertEvent::alertId).containsOnly(campania.get(0).alertId());
    }

    @Test
    void countsAnAuthorInTwoCellsOnceAtTheBrandLevel() throws Exception {
        normalMinutes(30);
        // The same 30 people complain about both the outage and billing in Campania.
        minute(cell("IT.04", "outage", now(), 9_000_000, 30, 0), cell("IT.04", "billing", now(), 9_000_000, 30, 0),
                cell("IT.09", "outage", now(), minute * 1_000 + 500, 4, 0));

        AlertEvent brand = alertsOf("*", "*").get(0);
        assertThat(brand.observed()).isEqualTo(34);
    }

    @Test
    void aLateRevisionRevisesTheOpenAlertInsteadOfOpeningAnother() throws Exception {
        normalMinutes(30);
        long onset = now();
        outageMinutes(2, 40);

        // A late post adds ten more people to the first outage window.
        harness.processElement(new StreamRecord<>(cell("IT.04", "outage", onset, 30_000, 50, 1), onset + MINUTE - 1));
        assertThat(alertsOf("IT.04", "*")).extracting(AlertEvent::event).doesNotContain("revise");
        // the revision waits until the window has closed for good (its end + 5 minutes of lateness)
        outageMinutes(4, 40);

        List<AlertEvent> campania = alertsOf("IT.04", "*").stream().filter(e -> e.eventTime() == onset + MINUTE).toList();
        AlertEvent revised = campania.get(campania.size() - 1);
        assertThat(revised.event()).isEqualTo("revise");
        assertThat(revised.alertId()).isEqualTo(campania.get(0).alertId());
        assertThat(revised.peakObserved()).isEqualTo(50);
        assertThat(campania).extracting(AlertEvent::event).containsOnlyOnce("open");
    }

    @Test
    void continuesTheSameAlertAfterARestartFromACheckpoint() throws Exception {
        normalMinutes(30);
        outageMinutes(2, 40);
        String id = alertsOf("IT.04", "*").get(0).alertId();
        OperatorSubtaskState snapshot = harness.snapshot(1, now());
        harness.close();

        harness = detector();
        harness.initializeState(snapshot);
        harness.open();
        outageMinutes(2, 40);
        for (int i = 0; i < 10; i++) {
            harness.processWatermark(T0 + (++minute) * MINUTE - 1);
        }

        List<AlertEvent> after = alertsOf("IT.04", "*");
        assertThat(after).extracting(AlertEvent::event).doesNotContain("open").endsWith("resolve");
        assertThat(after).extracting(AlertEvent::alertId).containsOnly(id);
    }

    @Test
    void aRestartWhileAWindowsCellsWaitJudgesItAsAnUninterruptedRunDoes() throws Exception {
        normalMinutes(30);
        outageMinutes(3, 40);
        List<AlertEvent> uninterrupted = alerts();
        runAgain();
        normalMinutes(30);
        List<AlertEvent> restarted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // each outage minute's first cell is in when the checkpoint is taken, the second comes after the restart
            WindowResult campania = cell("IT.04", "outage", now(), minute * 1_000, 40, 0);
            harness.processElement(new StreamRecord<>(campania, campania.windowEnd() - 1));
            OperatorSubtaskState snapshot = harness.snapshot(i, now());
            restarted.addAll(alerts());
            harness.close();
            harness = detector();
            harness.initializeState(snapshot);
            harness.open();
            minute(cell("IT.09", "outage", now(), minute * 1_000 + 500, 4, 0));
        }
        restarted.addAll(alerts());

        assertThat(restarted).isNotEmpty().isEqualTo(uninterrupted);
    }

    @Test
    void aWindowWhoseCellsACheckpointHeldInsideItIsJudgedWithTheCellsThatCameSince() throws Exception {
        normalMinutes(30);
        outageMinutes(1, 40);
        List<AlertEvent> uninterrupted = alerts();
        runAgain();
        normalMinutes(30);
        // as the detector kept a window's cells before they waited apart from it
        WindowResult campania = cell("IT.04", "outage", now(), minute * 1_000, 40, 0);
        BrandWindow former = new BrandWindow();
        former.cells.put("IT.04|outage", BrandCell.of(campania));
        KeyedStateBackend<Object> backend = ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
        backend.setCurrentKey("windtre");
        backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>("windows", Types.LONG, BufferedType.of(BrandWindow.class))).put(now(), former);
        minute(cell("IT.09", "outage", now(), minute * 1_000 + 500, 4, 0));

        assertThat(alerts()).isNotEmpty().isEqualTo(uninterrupted);
    }

    @Test
    void aReplayYieldsTheSameEvents() throws Exception {
        normalMinutes(30);
        outageMinutes(4, 40);
        normalMinutes(10);
        List<AlertEvent> first = alerts();
        runAgain();
        normalMinutes(30);
        outageMinutes(4, 40);
        normalMinutes(10);

        assertThat(alerts()).isEqualTo(first).isNotEmpty();
    }

    @Test
    void updatesTheOpenAlertWhenItEscalates() throws Exception {
        normalMinutes(30);
        outageMinutes(1, 20);
        outageMinutes(1, 60);
        outageMinutes(1, 150);

        List<AlertEvent> campania = alertsOf("IT.04", "*");
        assertThat(campania).extracting(AlertEvent::event).startsWith("open").contains("update");
        assertThat(campania).extracting(AlertEvent::sequence).isSorted().doesNotHaveDuplicates();
        AlertEvent last = campania.get(campania.size() - 1);
        assertThat(last.peakSeverity()).isGreaterThan(campania.get(0).peakSeverity());
        assertThat(last.anomalousWindows()).isEqualTo(3);
    }

    @Test
    void doesNotFlapWhenTheOutageFlickers() throws Exception {
        normalMinutes(30);
        for (int i = 0; i < 6; i++) {
            outageMinutes(1, 40);
            normalMinutes(1);
        }

        List<AlertEvent> campania = alertsOf("IT.04", "*");
        assertThat(campania).extracting(AlertEvent::event).containsOnlyOnce("open").doesNotContain("resolve", "reopen");
        assertThat(campania).extracting(AlertEvent::alertId).containsOnly(campania.get(0).alertId());
    }

    @Test
    void forgetsABrandThatFellSilent() throws Exception {
        normalMinutes(30);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(now() + DetectorSettings.defaults().idleWindows() * MINUTE + MINUTE);

        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
