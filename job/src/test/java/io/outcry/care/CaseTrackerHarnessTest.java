package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CaseTrackerHarnessTest {

    static final long MINUTE = 60_000;
    static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private KeyedBroadcastOperatorTestHarness<String, CaseInput, CareBroadcast, CareCase> harness;
    /** The latest post per brand sent, which the job's {@link BrandClocks} tells the tracker at the end of a bounded input. */
    private final Map<String, Long> clocks = new HashMap<>();

    static KeyedBroadcastOperatorTestHarness<String, CaseInput, CareBroadcast, CareCase> tracker(CareSettings settings)
            throws Exception {
        return tracker(settings, Duration.ZERO);
    }

    /** A tracker that waits {@code lateness} for late inputs, as the job's does with its allowed lateness. */
    static KeyedBroadcastOperatorTestHarness<String, CaseInput, CareBroadcast, CareCase> tracker(CareSettings settings,
            Duration lateness) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(new CaseTracker(settings, lateness),
                List.of(CaseTracker.ALERTS, CaseTracker.CLOCKS)), CaseInput::key, CaseTracker.KEY_TYPE, 128, 1, 0);
    }

    /** The keyed state entries the heap backend holds, as the keyed harnesses count them. */
    static int entries(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> harness) {
        return ((HeapKeyedStateBackend<?>) ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    @BeforeEach
    void start() throws Exception {
        harness = tracker(CareSettings.defaults());
        harness.open();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    static CustomerPost question(String brand, String id, String replyTo, long at) {
        return new CustomerPost(brand, id, replyTo, at, "anna", true, "question", "billing", "IT.09", "it", null);
    }

    static CustomerPost followUp(String brand, String id, String replyTo, long at) {
        return new CustomerPost(brand, id, replyTo, at, "anna", false, "other", "billing", "IT.09", "it", null);
    }

    static BrandReply reply(String brand, String id, String replyTo, long at) {
        return new BrandReply(brand, id, replyTo, at, brand + "_care", "@anna sorry, DM us", "anna", false, null);
    }

    private void send(CustomerPost post) throws Exception {
        send(CareInput.of(post));
    }

    private void send(BrandReply reply) throws Exception {
        send(CareInput.of(reply));
    }

    private void send(CareInput input) throws Exception {
        clocks.merge(input.brand(), input.createdAt(), Math::max);
        harness.processElement(new StreamRecord<>(CaseInput.of(input), input.createdAt()));
    }

    private void send(AlertEvent alert) throws Exception {
        harness.processBroadcastElement(new StreamRecord<>(CareBroadcast.of(alert), alert.eventTime()));
    }

    /** The watermark to both inputs; at the end of a bounded input, the brands' clocks before it, as the job sends them. */
    private List<CareCase> upTo(long watermark) throws Exception {
        if (watermark == Long.MAX_VALUE) {
            for (Map.Entry<String, Long> clock : clocks.entrySet()) {
                harness.processBroadcastElement(new StreamRecord<>(CareBroadcast.of(new BrandClock(clock.getKey(), clock.getValue())),
                        clock.getValue()));
            }
        }
        harness.processWatermark(new Watermark(watermark));
        harness.processBroadcastWatermark(new Watermark(watermark));
        return harness.extractOutputValues();
    }

    @Test
    void aQuestionOpensACaseAndTheBrandsReplyAnswersIt() throws Exception {
        send(question("tim", "q1", null, T0));
        send(reply("tim", "r1", "q1", T0 + 7 * MINUTE));
        List<CareCase> events = upTo(T0 + 10 * MINUTE);

        assertThat(events).extracting(CareCase::event).containsExactly(CareCase.OPENED, CareCase.ANSWERED);
        CareCase answered = events.get(1);
        assertThat(answered.caseId()).isEqualTo("q1");
        assertThat(answered.customer()).isEqualTo("anna");
        assertThat(answered.status()).isEqualTo(CareCase.STATUS_ANSWERED);
        assertThat(answered.firstResponseAt()).isEqualTo(T0 + 7 * MINUTE);
        assertThat(answered.responseSeconds()).isEqualTo(420);
        assertThat(answered.slaDeadline()).isEqualTo(T0 + 60 * MINUTE);
        assertThat(answered.answeredAfterSla()).isFalse();
        assertThat(answered.replies()).isEqualTo(1);
        assertThat(answered.sequence()).isEqualTo(1);
        assertThat(harness.getOutput()).filteredOn(r -> r instanceof StreamRecord).extracting(r -> ((StreamRecord<?>) r).getTimestamp())
                .as("each event at the end of the minute it happened in").containsExactly(T0 + MINUTE - 1, T0 + 8 * MINUTE - 1);
    }

    /** The deletion of a post of anna's conversation with the brand. */
    private void delete(String brand, String postId, long at) throws Exception {
        harness.processElement(new StreamRecord<>(CaseInput.of(CaseInput.key(brand, null, "anna"), CareInput.of(new DeletedPost(brand, postId, at))),
                at));
    }

    @Test
    void aDeletedQuestionWithdrawsItsCaseWithoutItsCustomerAndAReplyToItFindsNoCase() throws Exception {
        send(question("tim", "q1", null, T0));
        send(followUp("tim", "f1", "q1", T0 + MINUTE));
        delete("tim", "q1", T0 + 2 * MINUTE);
        send(reply("tim", "r1", "f1", T0 + 3 * MINUTE));
        List<CareCase> events = upTo(T0 + 120 * MINUTE);

        assertThat(events).extracting(CareCase::event).as("no breach: the case is gone")
                .containsExactly(CareCase.OPENED, CareCase.DELETED);
        CareCase withdrawn = events.get(1);
        assertThat(withdrawn.status()).isEqualTo(CareCase.STATUS_DELETED);
        assertThat(withdrawn.customer()).isNull();
        assertThat(withdrawn.eventTime()).isEqualTo(T0 + 2 * MINUTE);
        assertThat(withdrawn.sequence()).isEqualTo(1);
        assertThat(harness.getSideOutput(CaseTracker.UNMATCHED_REPLIES)).extracting(r -> r.getValue().postId())
                .containsExactly("r1");
        upTo(T0 + Duration.ofDays(8).toMillis());
        assertThat(entries(harness)).as("nothing is left of the conversation").isZero();
    }

    @Test
    void atTheEndOfABoundedInputADeletionLetsNoDeadlinePassThatThePostsLeaveAlone() throws Exception {
        send(question("tim", "q1", null, T0));
        send(question("tim", "q2", null, T0 + MINUTE));
        delete("tim", "q2", T0 + 90 * MINUTE);
        List<CareCase> events = upTo(Long.MAX_VALUE);

        assertThat(events).extracting(CareCase::caseId, CareCase::event).containsExactly(
                org.assertj.core.groups.Tuple.tuple("q1", CareCase.OPENED),
                org.assertj.core.groups.Tuple.tuple("q2", CareCase.OPENED),
                org.assertj.core.groups.Tuple.tuple("q2", CareCase.DELETED));
    }

    @Test
    void aDeletedFollowUpLeavesItsThreadAndTheCaseGoesOn() throws Exception {
        send(question("tim", "q1", null, T0));
        send(followUp("tim", "f1", "q1", T0 + MINUTE));
        delete("tim", "f1", T0 + MINUTE);
        send(reply("tim", "r1", "f1", T0 + 3 * MINUTE));
        send(reply("tim", "r2", "q1", T0 + 4 * MINUTE));
        List<CareCase> events = upTo(T0 + 10 * MINUTE);

        assertThat(events).extracting(CareCase::event).containsExactly(CareCase.OPENED, CareCase.ANSWERED);
        assertThat(events.get(1).responseSeconds()).as("answered by r2; r1 replied to the deleted post").isEqualTo(240);
        assertThat(events.get(1).posts()).as("q1 and r2").isEqualTo(2);
    }

    @Test
    void aReplyToALaterPostOfTheThreadAnswersTheCase() throws Exception {
        send(question("tim", "q1", null, T0));
        send(followUp("tim", "f1", "q1", T0 + MINUTE));
        send(followUp("tim", "f2", "f1", T0 + 2 * MINUTE));
        send(reply("tim", "r1", "f2", T0 + 5 * MINUTE));
        send(question("tim", "q2", "r1", T0 + 6 * MINUTE));
        send(reply("tim", "r2", "q2", T0 + 8 * MINUTE));
        List<CareCase> events = upTo(T0 + 10 * MINUTE);

        assertThat(events).extracting(CareCase::caseId, CareCase::event).containsExactly(
                org.assertj.core.groups.Tuple.tuple("q1", CareCase.OPENED),
                org.assertj.core.groups.Tuple.tuple("q1", CareCase.ANSWERED),
                org.assertj.core.groups.Tuple.tuple("q1", CareCase.REPLIED));
        assertThat(events.get(1).responseSeconds()).isEqualTo(300);
        assertThat(events.get(2).replies()).isEqualTo(2);
        assertThat(events.get(2).posts()).as("q1, f1, f2, r1, q2 (asked into the thread), r2").isEqualTo(6);
    }

    @Test
    void aCaseUnansweredAtItsDeadlineIsBreachedAndALateAnswerCountsAfterTheSla() throws Exception {
        send(question("tim", "q1", null, T0));
        // handled with the rest of its minute, once the watermark passes it
        assertThat(upTo(T0 + 61 * MINUTE - 2)).extracting(CareCase::event).containsExactly(CareCase.OPENED);
        assertThat(upTo(T0 + 61 * MINUTE - 1)).last().satisfies(c -> {
            assertThat(c.event()).isEqualTo(CareCase.BREACHED);
            assertThat(c.status()).isEqualTo(CareCase.UNANSWERED);
        });
        send(reply("tim", "r1", "q1", T0 + 90 * MINUTE));
        assertThat(upTo(T0 + 100 * MINUTE)).last().satisfies(c -> {
            assertThat(c.event()).isEqualTo(CareCase.ANSWERED);
            assertThat(c.answeredAfterSla()).isTrue();
            assertThat(c.responseSeconds()).isEqualTo(90 * 60);
            assertThat(c.sequence()).isEqualTo(2);
        });
    }

    @Test
    void aConversationWaitsOnOneTimerAtATime() throws Exception {
        for (int i = 0; i < 600; i++) {
            send(question("tim", "q" + i, null, T0 + i * 100L));
        }
        assertThat(harness.numEventTimeTimers()).as("their turn").isEqualTo(1);
        upTo(T0 + MINUTE - 1);
        assertThat(harness.extractOutputValues()).hasSize(600);
        assertThat(harness.numEventTimeTimers()).as("their deadlines' minute").isEqualTo(1);
        upTo(T0 + 61 * MINUTE - 1);
        assertThat(harness.extractOutputValues()).hasSize(1_200);
        assertThat(harness.numEventTimeTimers()).as("their TTLs' minute").isEqualTo(1);
    }

    @Test
    void withinItsMinuteADeadlineFiledWhileTheMinuteIsHandledStillComesInTimeOrder() throws Exception {
        harness.close();
        harness = tracker(CareSettings.defaults().withBrandSla(Map.of("tim", Duration.ofSeconds(20))));
        harness.open();
        send(question("tim", "q1", null, T0 + 10_000));
        send(reply("tim", "r1", "q1", T0 + 40_000));

        assertThat(upTo(T0 + MINUTE - 1)).extracting(CareCase::event, CareCase::eventTime).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CareCase.OPENED, T0 + 10_000),
                org.assertj.core.groups.Tuple.tuple(CareCase.BREACHED, T0 + 30_000),
                org.assertj.core.groups.Tuple.tuple(CareCase.ANSWERED, T0 + 40_000));
        assertThat(harness.extractOutputValues().get(2).answeredAfterSla()).isTrue();
    }

    @Test
    void aSpanIsTheLongestUpToAMinuteThatNeverStraddlesACareWindow() {
        CaseTracker defaults = new CaseTracker(CareSettings.defaults(), Duration.ofMinutes(5));
        assertThat(defaults.spanEnd(T0)).isEqualTo(T0 + MINUTE - 1);
        assertThat(defaults.spanEnd(T0 + MINUTE - 1)).isEqualTo(T0 + MINUTE - 1);
        // windows laid out on stamps offset by 150 s: a 30 s span ends at each of their ends
        CaseTracker odd = new CaseTracker(CareSettings.defaults(), Duration.ofSeconds(150));
        assertThat(odd.spanEnd(T0 + 150_000 - 1)).isEqualTo(T0 + 150_000 - 1);
        assertThat(odd.spanEnd(T0 + 150_000)).isEqualTo(T0 + 180_000 - 1);
    }

    @Test
    void anAnswerAtTheDeadlineIsInTime() throws Exception {
        send(question("tim", "q1", null, T0));
        send(reply("tim", "r1", "q1", T0 + 60 * MINUTE));
        assertThat(upTo(T0 + 2 * 60 * MINUTE)).extracting(CareCase::event).containsExactly(CareCase.OPENED, CareCase.ANSWERED);
        assertThat(harness.extractOutputValues().get(1).answeredAfterSla()).isFalse();
    }

    @Test
    void businessHoursPushAQuestionAt1950ToTheNextMorning() throws Exception {
        harness.close();
        harness = tracker(CareSettings.defaults().withBrandHours(Map.of("tim", BusinessHours.parse("08:00-20:00@Europe/Rome"))));
        harness.open();
        long at = Instant.parse("2026-11-20T19:50:00+01:00").toEpochMilli();
        send(question("tim", "q1", null, at));
        send(question("vodafone", "q2", null, at));
        upTo(at + MINUTE - 1);

        assertThat(harness.extractOutputValues()).extracting(CareCase::brand, CareCase::slaDeadline).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("tim", Instant.parse("2026-11-21T08:50:00+01:00").toEpochMilli()),
                org.assertj.core.groups.Tuple.tuple("vodafone", at + 60 * MINUTE));
    }

    @Test
    void aPerBrandSlaOverridesTheDefault() throws Exception {
        harness.close();
        harness = tracker(CareSettings.defaults().withBrandSla(Map.of("tim", Duration.ofMinutes(30))));
        harness.open();
        send(question("tim", "q1", null, T0));
        assertThat(upTo(T0 + 31 * MINUTE - 1)).extracting(CareCase::event).containsExactly(CareCase.OPENED, CareCase.BREACHED);
    }

    @Test
    void anUnansweredCaseExpiresAfterTheTtlAndItsThreadIsForgotten() throws Exception {
        harness.close();
        harness = tracker(CareSettings.defaults().withTtl(Duration.ofHours(3)));
        harness.open();
        send(question("tim", "q1", null, T0));
        upTo(T0 + 3 * 60 * MINUTE + MINUTE - 1);
        assertThat(harness.extractOutputValues()).extracting(CareCase::event)
                .containsExactly(CareCase.OPENED, CareCase.BREACHED, CareCase.EXPIRED);
        assertThat(harness.extractOutputValues()).last().extracting(CareCase::status).isEqualTo(CareCase.STATUS_EXPIRED);

        send(reply("tim", "r1", "q1", T0 + 4 * 60 * MINUTE));
        upTo(T0 + 5 * 60 * MINUTE);
        assertThat(harness.extractOutputValues()).hasSize(3);
        assertThat(harness.getSideOutput(CaseTracker.UNMATCHED_REPLIES)).hasSize(1);
        assertThat(entries(harness)).as("nothing of the case is left").isZero();
    }

    @Test
    void anAnsweredCaseExpiresQuietly() throws Exception {
        harness.close();
        harness = tracker(CareSettings.defaults().withTtl(Duration.ofHours(3)));
        harness.open();
        send(question("tim", "q1", null, T0));
        send(reply("tim", "r1", "q1", T0 + MINUTE));
        upTo(T0 + 4 * 60 * MINUTE);
        assertThat(harness.extractOutputValues()).extracting(CareCase::event).containsExactly(CareCase.OPENED, CareCase.ANSWERED);
        assertThat(entries(harness)).as("nothing is left of the conversation").isZero();
    }

    @Test
    void twoBrandsKeepTheirOwnCases() throws Exception {
        send(question("tim", "q1", null, T0));
        send(question("vodafone", "q1", null, T0));
        send(reply("vodafone", "r1", "q1", T0 + 2 * MINUTE));
        upTo(T0 + 61 * MINUTE);

        assertThat(harness.extractOutputValues()).extracting(CareCase::brand, CareCase::event).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("tim", CareCase.OPENED),
                org.assertj.core.groups.Tuple.tuple("vodafone", CareCase.OPENED),
                org.assertj.core.groups.Tuple.tuple("vodafone", CareCase.ANSWERED),
                org.assertj.core.groups.Tuple.tuple("tim", CareCase.BREACHED));
    }

    @Test
    void repliesToUnknownPostsAreIgnoredButCounted() throws Exception {
        send(reply("tim", "r1", "nowhere", T0));
        send(reply("tim", "r2", null, T0 + MINUTE));
        upTo(T0 + 2 * MINUTE);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(CaseTracker.UNMATCHED_REPLIES)).extracting(r -> r.getValue().postId())
                .containsExactly("r1", "r2");
    }

    @Test
    void aPostThatNeitherAsksNorRepliesIntoACaseOpensNothing() throws Exception {
        send(followUp("tim", "p1", null, T0));
        send(followUp("tim", "p2", "somebody-else", T0));
        upTo(T0 + 2 * MINUTE);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void inputsArrivingOutOfOrderAreTakenInEventTimeOrder() throws Exception {
        send(reply("tim", "r1", "q1", T0 + 3 * MINUTE));
        send(question("tim", "q1", null, T0));
        assertThat(upTo(T0 + 5 * MINUTE)).extracting(CareCase::event).containsExactly(CareCase.OPENED, CareCase.ANSWERED);
    }

    @Test
    void aCaseOpenedWhileABrandAlertCoversItIsAnIncidentCase() throws Exception {
        send(alert("tim|IT.09|*|x", "IT.09", "*", AlertEvent.OPEN, T0));
        send(question("tim", "q1", null, T0 + MINUTE));
        send(new CustomerPost("tim", "q2", null, T0 + MINUTE, "bob", true, "complaint", "billing", "IT.04", "it", null));
        send(alert("tim|IT.09|*|x", "IT.09", "*", AlertEvent.RESOLVED, T0 + 5 * MINUTE));
        send(question("tim", "q3", null, T0 + 6 * MINUTE));
        upTo(T0 + 10 * MINUTE);

        assertThat(harness.extractOutputValues()).extracting(CareCase::caseId, CareCase::incident, CareCase::alertId)
                .as("anna's and bob's conversations are handled apart").containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("q1", true, "tim|IT.09|*|x"),
                        org.assertj.core.groups.Tuple.tuple("q2", false, null),
                        org.assertj.core.groups.Tuple.tuple("q3", false, null));
    }

    @Test
    void aReplyLateByLessThanTheLatenessAnswersInTimeAsIfItHadComeInOrder() throws Exception {
        harness.close();
        harness = tracker(CareSettings.defaults(), Duration.ofMinutes(5));
        harness.open();
        send(question("tim", "q1", null, T0));
        // the watermark passes the deadline (T0 + 60 min) before the reply of T0 + 59 min comes
        assertThat(upTo(T0 + 62 * MINUTE)).extracting(CareCase::event).containsExactly(CareCase.OPENED);
        send(reply("tim", "r1", "q1", T0 + 59 * MINUTE));

        assertThat(upTo(T0 + 70 * MINUTE)).extracting(CareCase::event, CareCase::answeredAfterSla).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CareCase.OPENED, false),
                org.assertj.core.groups.Tuple.tuple(CareCase.ANSWERED, false));
        assertThat(harness.getOutput()).filteredOn(r -> r instanceof StreamRecord).extracting(r -> ((StreamRecord<?>) r).getTimestamp())
                .as("each event stamped at the end of the minute of its time plus the lateness")
                .containsExactly(T0 + 6 * MINUTE - 1, T0 + 65 * MINUTE - 1);
    }

    @Test
    void anAlertThatComesAfterThePostsItCoversWithinTheLatenessMakesThemIncidentCases() throws Exception {
        harness.close();
        harness = tracker(CareSettings.defaults(), Duration.ofMinutes(5));
        harness.open();
        send(question("tim", "q1", null, T0 + MINUTE));
        upTo(T0 + 3 * MINUTE);
        // detected at T0, as its window fired
        send(alert("tim|IT.09|*|x", "IT.09", "*", AlertEvent.OPEN, T0));

        assertThat(upTo(T0 + 10 * MINUTE)).extracting(CareCase::caseId, CareCase::incident, CareCase::alertId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("q1", true, "tim|IT.09|*|x"));
    }

    @Test
    void aRestoredTrackerKeepsItsCases() throws Exception {
        send(question("tim", "q1", null, T0));
        send(followUp("tim", "f1", "q1", T0 + MINUTE));
        upTo(T0 + 2 * MINUTE);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + 2 * MINUTE);
        harness.close();

        harness = tracker(CareSettings.defaults());
        harness.initializeState(snapshot);
        harness.open();
        send(reply("tim", "r1", "f1", T0 + 4 * MINUTE));
        assertThat(upTo(T0 + 5 * MINUTE)).singleElement().satisfies(c -> {
            assertThat(c.event()).isEqualTo(CareCase.ANSWERED);
            assertThat(c.caseId()).isEqualTo("q1");
            assertThat(c.responseSeconds()).isEqualTo(240);
        });
    }

    /** The compose deployment keeps keyed state in RocksDB, which reads and writes a case at every access. */
    @Test
    void onRocksDbACaseIsAnsweredAndForgottenAcrossARestore() throws Exception {
        harness.close();
        harness = tracker(CareSettings.defaults().withTtl(Duration.ofHours(3)));
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
        send(question("tim", "q1", null, T0));
        send(followUp("tim", "f1", "q1", T0 + MINUTE));
        upTo(T0 + 2 * MINUTE);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + 2 * MINUTE);
        harness.close();

        harness = tracker(CareSettings.defaults().withTtl(Duration.ofHours(3)));
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.initializeState(snapshot);
        harness.open();
        send(reply("tim", "r1", "f1", T0 + 4 * MINUTE));
        assertThat(upTo(T0 + 5 * MINUTE)).singleElement().satisfies(c -> {
            assertThat(c.event()).isEqualTo(CareCase.ANSWERED);
            assertThat(c.responseSeconds()).isEqualTo(240);
            assertThat(c.posts()).isEqualTo(3);
        });
        upTo(T0 + 3 * 60 * MINUTE + MINUTE - 1);
        send(reply("tim", "r2", "q1", T0 + 3 * 60 * MINUTE + MINUTE));
        upTo(T0 + 3 * 60 * MINUTE + 2 * MINUTE);
        assertThat(harness.getSideOutput(CaseTracker.UNMATCHED_REPLIES)).as("the case is forgotten after the TTL")
                .extracting(r -> r.getValue().postId()).containsExactly("r2");
    }

    @Test
    void theEndOfABoundedInputBreachesNoDeadlineAfterItsLastPost() throws Exception {
        send(question("tim", "q1", null, T0));
        send(question("tim", "q2", null, T0 + 70 * MINUTE));
        upTo(Long.MAX_VALUE);
        assertThat(harness.extractOutputValues()).extracting(CareCase::caseId, CareCase::event).containsExactly(
                org.assertj.core.groups.Tuple.tuple("q1", CareCase.OPENED),
                org.assertj.core.groups.Tuple.tuple("q1", CareCase.BREACHED),
                org.assertj.core.groups.Tuple.tuple("q2", CareCase.OPENED));
    }

    @Test
    void aReplyAnswersOnlyTheConversationOfTheCustomerItAddresses() throws Exception {
        send(question("tim", "q1", null, T0));
        send(new CustomerPost("tim", "q2", null, T0, "bob", true, "question", "billing", "IT.09", "it", null));
        send(new BrandReply("tim", "r1", "q1", T0 + MINUTE, "tim_care", "@bob see DM", "bob", false, null));
        send(new BrandReply("tim", "r2", "q2", T0 + 2 * MINUTE, "tim_care", "@bob see DM", "bob", false, null));
        upTo(T0 + 10 * MINUTE);

        assertThat(harness.extractOutputValues()).filteredOn(c -> c.event().equals(CareCase.ANSWERED)).extracting(CareCase::caseId)
                .containsExactly("q2");
        assertThat(harness.getSideOutput(CaseTracker.UNMATCHED_REPLIES)).as("r1 addresses bob, whose conversation has no q1")
                .extracting(r -> r.getValue().postId()).containsExactly("r1");
    }

    @Test
    void anAlertsEventsCountByTheirTimeWhateverTheOrderTheyArriveIn() throws Exception {
        send(alert("tim|IT.09|*|x", "IT.09", "*", AlertEvent.RESOLVED, T0 + 5 * MINUTE));
        send(alert("tim|IT.09|*|x", "IT.09", "*", AlertEvent.OPEN, T0));
        send(question("tim", "q1", null, T0 + MINUTE));
        send(question("tim", "q2", null, T0 + 6 * MINUTE));
        upTo(T0 + 10 * MINUTE);

        assertThat(harness.extractOutputValues()).extracting(CareCase::caseId, CareCase::incident).containsExactly(
                org.assertj.core.groups.Tuple.tuple("q1", true),
                org.assertj.core.groups.Tuple.tuple("q2", false));
    }

    @Test
    void aResolvedAlertIsLetGoADayAfterTheBrandsLatestAlertEventAndAnOpenOneIsKept() throws Exception {
        send(alert("tim|IT.09|*|x", "IT.09", "*", AlertEvent.OPEN, T0));
        send(alert("tim|IT.09|*|x", "IT.09", "*", AlertEvent.RESOLVED, T0 + 5 * MINUTE));
        send(alert("tim|*|*|y", "*", "*", AlertEvent.OPEN, T0 + 10 * MINUTE));
        send(alert("tim|IT.04|*|z", "IT.04", "*", AlertEvent.OPEN, T0 + 5 * MINUTE + Duration.ofDays(1).toMillis()));

        assertThat(harness.getBroadcastState(CaseTracker.ALERTS).get("tim")).extracting(AlertEvent::alertId)
                .containsExactly("tim|*|*|y", "tim|IT.04|*|z");
    }

    @Test
    void whereThePlatformSaysTheThreadEveryCustomersPostInItJoinsTheCaseItStarted() throws Exception {
        send(new CustomerPost("tim", "q1", null, T0, "anna", true, "question", "billing", "IT.09", "it", null, "q1"));
        send(new CustomerPost("tim", "b1", "q1", T0 + MINUTE, "bob", true, "complaint", "billing", "IT.09", "it", null, "q1"));
        send(new BrandReply("tim", "r1", "b1", T0 + 2 * MINUTE, "tim_care", "@bob @anna see DM", "bob", false, null, "q1"));
        upTo(T0 + 10 * MINUTE);

        assertThat(harness.extractOutputValues()).extracting(CareCase::caseId, CareCase::event, CareCase::posts).containsExactly(
                org.assertj.core.groups.Tuple.tuple("q1", CareCase.OPENED, 1),
                org.assertj.core.groups.Tuple.tuple("q1", CareCase.ANSWERED, 3));
    }

    @Test
    void aBrandsPostThatThousandsAnswerOpensACaseForEachAndEachReplyFindsItsOwn() throws Exception {
        int customers = 5_000;
        for (int i = 0; i < customers; i++) {
            send(new CustomerPost("tim", "c" + i, "outage-notice", T0 + i, "customer" + i, true, "complaint", "network", "IT.09", "it",
                    null, "outage-notice"));
        }
        for (int i = 0; i < customers; i += 2) {
            send(new BrandReply("tim", "r" + i, "c" + i, T0 + 10 * MINUTE + i, "tim_care", "@customer" + i + " sorry", "customer" + i,
                    false, null, "outage-notice"));
        }
        upTo(T0 + 20 * MINUTE);

        assertThat(harness.extractOutputValues()).filteredOn(c -> c.event().equals(CareCase.OPENED)).hasSize(customers);
        assertThat(harness.extractOutputValues()).filteredOn(c -> c.event().equals(CareCase.ANSWERED))
                .hasSize(customers / 2).allSatisfy(c -> assertThat(c.posts()).isEqualTo(2));
        assertThat(entries(harness)).as("one conversation").isEqualTo(1);
    }

    static AlertEvent alert(String id, String region, String topic, String status, long at) {
        return new AlertEvent(id, AlertEvent.OPEN.equals(status) ? "open" : "resolve", 0, status, "brand_region", "tim", region,
                region, topic, at, at, at, at, 3, 3, 50, 10, 2, 5, 10, 1, 1,
                new Explanation(List.of(), List.of(), List.of(), List.of(), 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of()));
    }

    @Test
    void restoredWithAShorterTtlAThousandCasesAreForgottenByItAndTheStateEmpties() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            send(question("tim", "q" + i, null, T0 + i));
        }
        upTo(T0 + 2 * MINUTE);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + 2 * MINUTE);
        harness.close();

        harness = tracker(CareSettings.defaults().withTtl(Duration.ofHours(3)));
        harness.initializeState(snapshot);
        harness.open();
        send(reply("tim", "r1", "nowhere", T0 + 3 * MINUTE));
        upTo(T0 + 3 * 60 * MINUTE + MINUTE - 1);

        assertThat(harness.extractOutputValues()).filteredOn(c -> c.event().equals(CareCase.EXPIRED)).hasSize(1_000);
        assertThat(entries(harness)).as("nothing is left of the conversation").isZero();
    }

    @Test
    void aThreadOfFiftyThousandPostsKeepsJoiningAndCountingWithBoundedState() throws Exception {
        send(question("tim", "q0", null, T0));
        String previous = "q0";
        for (int i = 1; i <= 50_000; i++) {
            send(followUp("tim", "f" + i, previous, T0 + i));
            previous = "f" + i;
            if (i % 1_000 == 0) {
                upTo(T0 + i);
            }
        }
        send(reply("tim", "r1", previous, T0 + 60_000));
        upTo(T0 + 2 * MINUTE - 1);

        assertThat(harness.extractOutputValues()).last().satisfies(c -> {
            assertThat(c.event()).isEqualTo(CareCase.ANSWERED);
            assertThat(c.caseId()).isEqualTo("q0");
            assertThat(c.posts()).as("every post of the thread counts, past the ids kept").isEqualTo(50_002);
        });
        assertThat(entries(harness)).as("the conversation: its case with the thread's ids kept").isEqualTo(1);
        assertThat(harness.snapshot(1, T0 + 2 * MINUTE).getStateSize())
                .as("200 ids and the snapshot's own metadata (24 KB); 50,000 ids alone would be over 300 KB").isLessThan(100_000);
    }
}
