package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.detect.AlertEvent;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CareAlertsHarnessTest {

    static final long HOUR = 3_600_000;
    static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private KeyedOneInputStreamOperatorTestHarness<String, CareWindow, AlertEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CareAlerts(3, HOUR)),
                CareWindow::brand, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static CareWindow window(String scope, int hour, long unanswered) {
        CareMetrics m = new CareMetrics(5, 1, 0.2, 60L, 60L, 60.0, 1, 0, unanswered, 0, List.of(60L));
        CareMetrics none = new CareMetrics(0, 0, null, null, null, null, 0, 0, 0, 0, List.of());
        long start = T0 + hour * HOUR;
        return new CareWindow("tim", scope, "*", "*", start, start + HOUR, m, none, m, 1, 0, 0.0, null, 0);
    }

    private void send(CareWindow w) throws Exception {
        harness.processElement(w, w.windowEnd() - 1);
        harness.processWatermark(w.windowEnd() - 1);
    }

    @Test
    void opensWhenABrandWindowLeavesEnoughQuestionsUnansweredAndResolvesOnTheFirstWindowBelow() throws Exception {
        send(window(CareFact.BRAND, 0, 2));
        assertThat(harness.extractOutputValues()).isEmpty();
        send(window(CareFact.BRAND, 1, 3));
        send(window(CareFact.BRAND, 2, 7));
        send(window(CareFact.BRAND, 3, 1));

        assertThat(harness.extractOutputValues()).extracting(AlertEvent::event, AlertEvent::status, AlertEvent::sequence)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("open", AlertEvent.OPEN, 0),
                        org.assertj.core.groups.Tuple.tuple("update", AlertEvent.OPEN, 1),
                        org.assertj.core.groups.Tuple.tuple("resolve", AlertEvent.RESOLVED, 2));
        AlertEvent open = harness.extractOutputValues().get(0);
        assertThat(open.level()).isEqualTo(CareAlerts.LEVEL);
        assertThat(open.alertId()).isEqualTo("care|tim|" + Instant.ofEpochMilli(T0 + HOUR));
        assertThat(open.observed()).isEqualTo(3);
        assertThat(harness.extractOutputValues().get(1).peakObserved()).isEqualTo(7);
        assertThat(harness.extractOutputValues().get(1).severity()).isEqualTo(2);
    }

    @Test
    void aWindowWithoutCareResolvesIt() throws Exception {
        send(window(CareFact.BRAND, 0, 4));
        harness.processWatermark(T0 + 2 * HOUR - 1);
        assertThat(harness.extractOutputValues()).extracting(AlertEvent::event).containsExactly("open", "resolve");
    }

    @Test
    void withLatenessAWindowIsJudgedOnceOnItsLastFiringAfterItClosedForGoodAcrossARestore() throws Exception {
        var late = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CareAlerts(3, HOUR, HOUR / 2)),
                CareWindow::brand, Types.STRING);
        late.open();
        CareWindow first = window(CareFact.BRAND, 0, 3);
        late.processElement(first, first.windowEnd() - 1);
        late.processWatermark(first.windowEnd() - 1);
        CareWindow revised = window(CareFact.BRAND, 0, 8);
        late.processElement(revised, first.windowEnd() - 1);
        assertThat(late.extractOutputValues()).isEmpty();
        var snapshot = late.snapshot(1, first.windowEnd());
        late.close();

        late = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CareAlerts(3, HOUR, HOUR / 2)),
                CareWindow::brand, Types.STRING);
        late.initializeState(snapshot);
        late.open();
        late.processWatermark(first.windowEnd() - 1 + HOUR / 2);
        assertThat(late.extractOutputValues()).extracting(AlertEvent::event, AlertEvent::sequence, AlertEvent::observed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("open", 0, 8.0));
        // no window after it: resolved once that one has closed for good too, and nothing is left in state
        late.processWatermark(first.windowEnd() + HOUR - 1 + HOUR / 2);
        assertThat(late.extractOutputValues()).extracting(AlertEvent::event).containsExactly("open", "resolve");
        assertThat(late.numKeyedStateEntries()).isZero();
        late.close();
    }

    @Test
    void topicAndRegionWindowsRaiseNothing() throws Exception {
        send(window(CareFact.BRAND_TOPIC_REGION, 0, 9));
        assertThat(harness.extractOutputValues()).isEmpty();
    }
}
