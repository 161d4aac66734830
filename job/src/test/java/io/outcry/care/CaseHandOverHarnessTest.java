package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.detect.AlertEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The upgrade from a tracker keyed by brand: its checkpoint restored into the hand-over, whose
 * output the tracker keyed by conversation takes in, gives the events the former tracker would
 * have given had it run on.
 */
class CaseHandOverHarnessTest {

    static final long MINUTE = 60_000;
    static final long T0 = CaseTrackerHarnessTest.T0;
    static final Duration TTL = Duration.ofHours(3);
    static final CareSettings SETTINGS = CareSettings.defaults().withTtl(TTL);

    private static CustomerPost asks(String id, String customer, String replyTo, long at) {
        return new CustomerPost("tim", id, replyTo, at, customer, replyTo == null, replyTo == null ? "question" : "other",
                "billing", "IT.09", "it", null);
    }

    private static BrandReply reply(String id, String customer, String replyTo, long at) {
        return new BrandReply("tim", id, replyTo, at, "tim_care", "@" + customer + " see DM", customer, false, null);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, CareInput, AlertEvent, CareCase> former() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new FormerCaseTracker(SETTINGS, Duration.ZERO)),
                CareInput::brand, AlertEvent::brand, Types.STRING);
    }

    /** What the former tracker had seen when the checkpoint was taken: cases open, answered, an alert, a reply waiting its turn. */
    private static void beforeTheCheckpoint(KeyedTwoInputStreamOperatorTestHarness<String, CareInput, AlertEvent, CareCase> former)
            throws Exception {
        former.processElement2(new StreamRecord<>(CaseTrackerHarnessTest.alert("tim|*|*|a", "*", "*", AlertEvent.OPEN, T0), T0));
        former.processElement1(new StreamRecord<>(CareInput.of(asks("q1", "anna", null, T0 + MINUTE))));
        former.processElement1(new StreamRecord<>(CareInput.of(asks("f1", "anna", "q1", T0 + 2 * MINUTE))));
        former.processElement1(new StreamRecord<>(CareInput.of(asks("q2", "bob", null, T0 + MINUTE))));
        former.processElement1(new StreamRecord<>(CareInput.of(reply("r2", "bob", "q2", T0 + 3 * MINUTE))));
        former.processElement1(new StreamRecord<>(CareInput.of(asks("q3", "carol", null, T0 + 4 * MINUTE))));
        former.processBothWatermarks(new Watermark(T0 + 5 * MINUTE));
        former.processElement1(new StreamRecord<>(CareInput.of(reply("r1", "anna", "f1", T0 + 6 * MINUTE))));
    }

    @Test
    void theCasesOfATrackerKeyedByBrandGoOnAsIfItHadRunOn() throws Exception {
        var uninterrupted = former();
        uninterrupted.open();
        beforeTheCheckpoint(uninterrupted);
        int before = uninterrupted.extractOutputValues().size();
        OperatorSubtaskState checkpoint = uninterrupted.snapshot(1, T0 + 5 * MINUTE);
        uninterrupted.processElement1(new StreamRecord<>(CareInput.of(new DeletedPost("tim", "f1", T0 + 8 * MINUTE))));
        uninterrupted.processBothWatermarks(new Watermark(T0 + 4 * 60 * MINUTE));
        List<CareCase> expected = uninterrupted.extractOutputValues().subList(before, uninterrupted.extractOutputValues().size());
        uninterrupted.close();

        var handOver = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CaseHandOver(TTL, Duration.ZERO)),
                CareInput::brand, Types.STRING);
        handOver.initializeState(checkpoint);
        handOver.open();
        var tracker = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(new CaseTracker(SETTINGS, Duration.ZERO),
                List.of(CaseTracker.ALERTS, CaseTracker.CLOCKS)), CaseInput::key, CaseTracker.KEY_TYPE, 128, 1, 0);
        tracker.open();

        handOver.processWatermark(new Watermark(T0 + 7 * MINUTE));
        handOver.processElement(new StreamRecord<>(CareInput.of(new DeletedPost("tim", "f1", T0 + 8 * MINUTE))));
        assertThat(handOver.extractOutputValues()).extracting(CaseInput::key).containsExactlyInAnyOrder(
                "tim|u:anna", "tim|u:bob", "tim|u:carol", "tim|u:anna", "tim|u:anna");
        assertThat(handOver.getSideOutput(CaseHandOver.BROADCAST)).extracting(StreamRecord::getValue).containsExactlyInAnyOrder(
                CareBroadcast.of(CaseTrackerHarnessTest.alert("tim|*|*|a", "*", "*", AlertEvent.OPEN, T0)),
                CareBroadcast.of(new BrandClock("tim", T0 + 6 * MINUTE)));
        for (StreamRecord<CareBroadcast> signal : handOver.getSideOutput(CaseHandOver.BROADCAST)) {
            tracker.processBroadcastElement(signal);
        }
        for (CaseInput input : handOver.extractOutputValues()) {
            tracker.processElement(new StreamRecord<>(input, T0 + 7 * MINUTE));
        }
        tracker.processWatermark(new Watermark(T0 + 4 * 60 * MINUTE));
        tracker.processBroadcastWatermark(new Watermark(T0 + 4 * 60 * MINUTE));

        assertThat(expected).extracting(CareCase::caseId, CareCase::event).as("the former tracker's own run").contains(
                org.assertj.core.groups.Tuple.tuple("q1", CareCase.ANSWERED),
                org.assertj.core.groups.Tuple.tuple("q3", CareCase.BREACHED),
                org.assertj.core.groups.Tuple.tuple("q3", CareCase.EXPIRED));
        assertThat(tracker.extractOutputValues()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(CaseTrackerHarnessTest.entries(tracker)).as("every case expired").isZero();

        handOver.processWatermark(new Watermark(T0 + 4 * 60 * MINUTE));
        assertThat(handOver.numKeyedStateEntries()).as("the hand-over lets go of every post's customer after the TTL").isZero();
        handOver.close();
        tracker.close();
    }

    @Test
    void aJobStartedAfreshHandsNothingOver() throws Exception {
        var handOver = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CaseHandOver(TTL, Duration.ZERO)),
                CareInput::brand, Types.STRING);
        handOver.open();
        handOver.processElement(new StreamRecord<>(CareInput.of(new DeletedPost("tim", "p1", T0))));
        handOver.processWatermark(new Watermark(T0 + MINUTE));
        assertThat(handOver.extractOutputValues()).isEmpty();
        assertThat(handOver.getSideOutput(CaseHandOver.BROADCAST)).isNull();
        assertThat(handOver.numKeyedStateEntries()).isZero();
        handOver.close();
    }

    @Test
    void theBrandsClocksComeAtTheEndOfTheInputAndOutliveARestore() throws Exception {
        var clocks = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(new BrandClocks());
        clocks.open();
        clocks.processElement(new StreamRecord<>(CaseInput.of(CareInput.of(asks("q1", "anna", null, T0 + 5 * MINUTE)))));
        clocks.processElement(new StreamRecord<>(CaseInput.of(CareInput.of(asks("q2", "bob", null, T0 + MINUTE)))));
        OperatorSubtaskState checkpoint = clocks.snapshot(1, T0);
        clocks.close();

        clocks = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(new BrandClocks());
        clocks.initializeState(checkpoint);
        clocks.open();
        clocks.processElement(new StreamRecord<>(CaseInput.of(CareInput.of(reply("r1", "anna", "q1", T0 + 3 * MINUTE)))));
        clocks.processElement(new StreamRecord<>(CaseInput.of(CareInput.of(new CustomerPost("vodafone", "v1", null, T0, "eva", true,
                "question", "billing", "IT.09", "it", null)))));
        assertThat(clocks.getSideOutput(BrandClocks.CLOCKS)).as("nothing before the end").isNull();
        clocks.endInput();

        List<CareBroadcast> sent = new ArrayList<>();
        clocks.getSideOutput(BrandClocks.CLOCKS).forEach(record -> sent.add(record.getValue()));
        assertThat(sent).containsExactlyInAnyOrder(CareBroadcast.of(new BrandClock("tim", T0 + 5 * MINUTE)),
                CareBroadcast.of(new BrandClock("vodafone", T0)));
        assertThat(clocks.extractOutputValues()).as("the inputs pass on").hasSize(2);
        clocks.close();
    }
}
