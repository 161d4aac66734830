package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CareQueueHarnessTest {

    static final long MINUTE = 60_000;
    static final long HOUR = 60 * MINUTE;
    static final long LATENESS = 5 * MINUTE;
    static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private KeyedOneInputStreamOperatorTestHarness<String, CareCase, BrandQueue> harness;

    static KeyedOneInputStreamOperatorTestHarness<String, CareCase, BrandQueue> queue() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CareQueue(Duration.ofMillis(LATENESS))),
                CareCase::brand, Types.STRING);
    }

    @BeforeEach
    void start() throws Exception {
        harness = queue();
        harness.open();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    static CareCase opened(String id, long at) {
        return new CareCase("tim", id, CareCase.OPENED, 0, at, "anna", at, "billing", "IT.09", "it", "question", -1, -1, at + HOUR,
                CareCase.OPEN, false, 0, 1, false, false, null, "https://x.com/anna/status/" + id);
    }

    static CareCase answered(String id, long openedAt, long at) {
        return new CareCase("tim", id, CareCase.ANSWERED, 1, at, "anna", openedAt, "billing", "IT.09", "it", "question", at,
                (at - openedAt) / 1000, openedAt + HOUR, CareCase.STATUS_ANSWERED, at > openedAt + HOUR, 1, 2, false, false, null,
                "https://x.com/anna/status/" + id);
    }

    static CareCase replied(String id, long openedAt, long at) {
        return new CareCase("tim", id, CareCase.REPLIED, 2, at, "anna", openedAt, "billing", "IT.09", "it", "question",
                openedAt + MINUTE, 60, openedAt + HOUR, CareCase.STATUS_ANSWERED, false, 2, 3, false, false, null, null);
    }

    static CareCase breached(String id, long openedAt) {
        return new CareCase("tim", id, CareCase.BREACHED, 1, openedAt + HOUR, "anna", openedAt, "billing", "IT.09", "it",
                "question", -1, -1, openedAt + HOUR, CareCase.UNANSWERED, false, 0, 1, false, false, null,
                "https://x.com/anna/status/" + id);
    }

    static CareCase expired(String id, long openedAt, long at) {
        return new CareCase("tim", id, CareCase.EXPIRED, 2, at, "anna", openedAt, "billing", "IT.09", "it", "question", -1, -1,
                openedAt + HOUR, CareCase.STATUS_EXPIRED, false, 0, 1, false, false, null, null);
    }

    static CareCase deleted(String id, long openedAt, int sequence, long at) {
        return new CareCase("tim", id, CareCase.DELETED, sequence, at, null, openedAt, "billing", "IT.09", "it", "question", -1,
                -1, openedAt + HOUR, CareCase.STATUS_DELETED, false, 0, 0, false, false, null, null);
    }

    /** As the tracker stamps an event: the end of its minute plus the lateness. */
    private void send(CareCase c) throws Exception {
        harness.processElement(c, Math.floorDiv(c.eventTime(), MINUTE) * MINUTE + MINUTE - 1 + LATENESS);
    }

    /** The watermark past the stamps of the events of minute {@code m} after T0. */
    private void passMinute(long m) throws Exception {
        harness.processWatermark(T0 + m * MINUTE + MINUTE - 1 + LATENESS);
    }

    private BrandQueue last() {
        List<BrandQueue> out = harness.extractOutputValues();
        return out.get(out.size() - 1);
    }

    private static List<String> ids(List<QueuedCase> cases) {
        return cases.stream().map(QueuedCase::caseId).toList();
    }

    @Test
    void countsAndListsFollowTheCasesThroughOpenAnswerBreachExpireAndDelete() throws Exception {
        long q1 = T0 + 10_000;
        long q2 = T0 + 20_000;
        long q3 = T0 + 30_000;
        long q4 = T0 + 40_000;
        long q5 = T0 + 2 * MINUTE + 5_000;
        send(opened("q4", q4));
        send(opened("q1", q1));
        send(opened("q3", q3));
        send(opened("q2", q2));
        passMinute(0);
        assertThat(last()).satisfies(q -> {
            assertThat(q.brand()).isEqualTo("tim");
            assertThat(q.asOf()).isEqualTo(T0 + MINUTE);
            assertThat(q.waiting()).isEqualTo(4);
            assertThat(q.waitingWithinSla()).isEqualTo(4);
            assertThat(q.waitingPastSla()).isZero();
            assertThat(q.oldestWaitingAt()).isEqualTo(q1);
            assertThat(ids(q.nextDue())).as("soonest deadline first").containsExactly("q1", "q2", "q3", "q4");
            assertThat(q.nextDue().get(0)).isEqualTo(new QueuedCase("q1", q1, q1 + HOUR, "anna", "https://x.com/anna/status/q1",
                    "billing", "IT.09"));
            assertThat(q.latestBreached()).isEmpty();
        });

        send(answered("q2", q2, T0 + 2 * MINUTE));
        send(opened("q5", q5));
        passMinute(2);
        assertThat(last().waiting()).isEqualTo(4);
        assertThat(ids(last().nextDue())).containsExactly("q1", "q3", "q4", "q5");

        send(deleted("q5", q5, 1, T0 + 3 * MINUTE));
        passMinute(3);
        assertThat(last().waitingWithinSla()).as("a withdrawn case leaves the queue").isEqualTo(3);

        send(breached("q1", q1));
        send(breached("q3", q3));
        send(breached("q4", q4));
        passMinute(60);
        assertThat(last()).satisfies(q -> {
            assertThat(q.waiting()).isEqualTo(3);
            assertThat(q.waitingWithinSla()).isZero();
            assertThat(q.waitingPastSla()).isEqualTo(3);
            assertThat(q.oldestWaitingAt()).as("to the minute past the SLA").isEqualTo(T0);
            assertThat(q.nextDue()).isEmpty();
            assertThat(ids(q.latestBreached())).as("latest deadline first").containsExactly("q4", "q3", "q1");
        });

        send(answered("q1", q1, T0 + 61 * MINUTE));
        passMinute(61);
        assertThat(last().waitingPastSla()).isEqualTo(2);
        assertThat(ids(last().latestBreached())).containsExactly("q4", "q3");

        send(deleted("q3", q3, 2, T0 + 62 * MINUTE));
        passMinute(62);
        assertThat(last().waitingPastSla()).isEqualTo(1);
        assertThat(ids(last().latestBreached())).containsExactly("q4");

        send(expired("q4", q4, T0 + 63 * MINUTE));
        passMinute(63);
        assertThat(last()).satisfies(q -> {
            assertThat(q.waiting()).isZero();
            assertThat(q.oldestWaitingAt()).isEqualTo(-1);
            assertThat(q.latestBreached()).isEmpty();
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void writesOneDocumentPerMinuteInWhichTheQueueChanged() throws Exception {
        send(opened("q1", T0 + 1_000));
        send(opened("q2", T0 + 2_000));
        send(answered("q1", T0 + 1_000, T0 + 50_000));
        passMinute(0);
        send(replied("q1", T0 + 1_000, T0 + 2 * MINUTE));
        send(new CareCase("tim", "q1", CareCase.DELETED, 3, T0 + 2 * MINUTE + 1_000, null, T0 + 1_000, "billing", "IT.09", "it",
                "question", T0 + 50_000, 49, T0 + 1_000 + HOUR, CareCase.STATUS_DELETED, false, 2, 2, false, false, null, null));
        passMinute(1);
        passMinute(2);
        send(opened("q3", T0 + 3 * MINUTE));
        passMinute(3);

        assertThat(harness.extractOutputValues()).extracting(BrandQueue::asOf, BrandQueue::waiting)
                .as("a later reply and the withdrawal of an answered case change no queue")
                .containsExactly(Tuple.tuple(T0 + MINUTE, 1L), Tuple.tuple(T0 + 4 * MINUTE, 2L));
    }

    @Test
    void aMinuteHoldsItsOwnEventsWhateverOrderTheyCameIn() throws Exception {
        List<CareCase> minute0 = List.of(opened("q1", T0 + 1_000), opened("q2", T0 + 2_000), answered("q2", T0 + 2_000, T0 + 30_000));
        // the brand's tracker ran ahead of the others: its next minute came before the watermark passed this one
        for (int i = minute0.size() - 1; i >= 0; i--) {
            send(minute0.get(i));
        }
        send(opened("q3", T0 + MINUTE + 1_000));
        passMinute(0);
        passMinute(1);

        KeyedOneInputStreamOperatorTestHarness<String, CareCase, BrandQueue> inOrder = queue();
        inOrder.open();
        for (CareCase c : minute0) {
            inOrder.processElement(c, T0 + MINUTE - 1 + LATENESS);
        }
        inOrder.processWatermark(T0 + MINUTE - 1 + LATENESS);
        inOrder.processElement(opened("q3", T0 + MINUTE + 1_000), T0 + 2 * MINUTE - 1 + LATENESS);
        inOrder.processWatermark(T0 + 2 * MINUTE - 1 + LATENESS);

        assertThat(harness.extractOutputValues()).isEqualTo(inOrder.extractOutputValues()).hasSize(2);
        assertThat(harness.extractOutputValues().get(0).waiting()).as("minute 0 without minute 1's case").isEqualTo(1);
        inOrder.close();
    }

    @Test
    void aRestoredQueueGoesOnFromItsSnapshot() throws Exception {
        send(opened("q1", T0 + 1_000));
        send(opened("q2", T0 + 2_000));
        passMinute(0);
        send(answered("q2", T0 + 2_000, T0 + MINUTE + 1_000));
        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + MINUTE + LATENESS);
        harness.close();

        harness = queue();
        harness.initializeState(snapshot);
        harness.open();
        passMinute(1);
        assertThat(last().waiting()).as("the pending minute came through the snapshot").isEqualTo(1);
        send(breached("q1", T0 + 1_000));
        passMinute(60);
        assertThat(last()).satisfies(q -> {
            assertThat(q.waitingWithinSla()).isZero();
            assertThat(q.waitingPastSla()).isEqualTo(1);
            assertThat(ids(q.latestBreached())).containsExactly("q1");
        });
    }

    @Test
    void theStateEmptiesWhenTheBrandsQueueEmpties() throws Exception {
        send(opened("q1", T0 + 1_000));
        passMinute(0);
        send(breached("q1", T0 + 1_000));
        passMinute(60);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        send(answered("q1", T0 + 1_000, T0 + 61 * MINUTE));
        passMinute(61);

        assertThat(last().waiting()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void theLatestBreachedListStaysFullWhenAnswersTakeAFewOutOfIt() throws Exception {
        for (int i = 0; i < 15; i++) {
            send(opened("q" + (10 + i), T0 + i * 1_000));
        }
        passMinute(0);
        for (int i = 0; i < 15; i++) {
            send(breached("q" + (10 + i), T0 + i * 1_000));
        }
        passMinute(60);
        assertThat(ids(last().latestBreached())).as("the ten latest deadlines").containsExactly(
                "q24", "q23", "q22", "q21", "q20", "q19", "q18", "q17", "q16", "q15");

        for (String answered : List.of("q24", "q23", "q22")) {
            send(answered(answered, T0 + (Integer.parseInt(answered.substring(1)) - 10) * 1_000L, T0 + 61 * MINUTE));
        }
        passMinute(61);

        assertThat(last().waitingPastSla()).isEqualTo(12);
        assertThat(ids(last().latestBreached())).containsExactly("q21", "q20", "q19", "q18", "q17", "q16", "q15", "q14", "q13", "q12");
    }

    @Test
    void anAnswerToACaseTheQueueNeverSawCountsNothing() throws Exception {
        send(opened("q1", T0 + 1_000));
        send(answered("q0", T0 - 2 * HOUR, T0 + 2_000));
        passMinute(0);

        assertThat(last().waiting()).isEqualTo(1);
        assertThat(last().waitingPastSla()).isZero();
    }

    @Test
    void listsAndCountsAsTheFormerScanOfEveryCaseDidThroughARestoreAndQueuesThatEmpty() throws Exception {
        List<CareCase> events = randomLives(new SplittableRandom(20261207L), 3_000);
        KeyedOneInputStreamOperatorTestHarness<String, CareCase, BrandQueue> former =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new FormerCareQueue(Duration.ofMillis(LATENESS))),
                        CareCase::brand, Types.STRING);
        former.open();
        List<BrandQueue> now = new ArrayList<>();
        long lastMinute = Long.MIN_VALUE;
        int restores = 0;
        for (int i = 0; i < events.size(); i++) {
            CareCase c = events.get(i);
            long minute = Math.floorDiv(c.eventTime(), MINUTE);
            if (minute != lastMinute && lastMinute != Long.MIN_VALUE) {
                long watermark = lastMinute * MINUTE + MINUTE - 1 + LATENESS;
                harness.processWatermark(watermark);
                former.processWatermark(watermark);
                if (minute % 97 == 0) {
                    // a restore rebuilds each brand's index from its state, pending minutes and all
                    now.addAll(harness.extractOutputValues());
                    OperatorSubtaskState snapshot = harness.snapshot(restores, watermark);
                    harness.close();
                    harness = queue();
                    harness.initializeState(snapshot);
                    harness.open();
                    restores++;
                }
            }
            lastMinute = minute;
            long stamp = minute * MINUTE + MINUTE - 1 + LATENESS;
            harness.processElement(c, stamp);
            former.processElement(c, stamp);
        }
        harness.processWatermark(Long.MAX_VALUE);
        former.processWatermark(Long.MAX_VALUE);
        now.addAll(harness.extractOutputValues());

        assertThat(restores).isGreaterThan(3);
        assertThat(now).hasSizeGreaterThan(500).isEqualTo(former.extractOutputValues());
        assertThat(now).as("queues that emptied and filled again").anyMatch(q -> q.waiting() == 0)
                .anyMatch(q -> q.nextDue().size() == CareQueue.LISTED && q.waitingPastSla() > 0 && q.latestBreached().size() == CareQueue.LISTED);
        assertThat(harness.numKeyedStateEntries()).as("every case left").isZero();
        former.close();
    }

    /**
     * Cases of two brands opened in bursts with quiet hours between, each answered in or past its
     * SLA, withdrawn, or left to expire, their events in the order of their minutes, shuffled within one.
     */
    static List<CareCase> randomLives(SplittableRandom random, int cases) {
        return randomLives(random, cases, 40_000, true);
    }

    /** The same, the openings {@code gapMs} apart at most, with or without quiet hours. */
    static List<CareCase> randomLives(SplittableRandom random, int cases, int gapMs, boolean quietHours) {
        List<CareCase> events = new ArrayList<>();
        long at = T0;
        for (int i = 0; i < cases; i++) {
            at += quietHours && random.nextInt(10) == 0 ? random.nextLong(4 * HOUR) : random.nextInt(gapMs);
            String brand = random.nextInt(3) == 0 ? "wind" : "tim";
            String id = "c" + random.nextInt(1_000_000) + "-" + i;
            // deadlines that tie and that do not follow the openings (business hours move them)
            long deadline = at + (random.nextBoolean() ? HOUR : (random.nextInt(6) + 1) * 15 * MINUTE);
            String permalink = random.nextInt(4) == 0 ? null : "https://x.com/u/status/" + id;
            events.add(life(brand, id, CareCase.OPENED, 0, at, at, deadline, -1, CareCase.OPEN, permalink));
            int fate = random.nextInt(10);
            long end = at + random.nextLong(2 * HOUR);
            int sequence = 1;
            if (fate < 7 && end >= deadline || fate >= 7) {
                events.add(life(brand, id, CareCase.BREACHED, sequence++, deadline, at, deadline, -1, CareCase.UNANSWERED, permalink));
            }
            if (fate < 5) {
                events.add(life(brand, id, CareCase.ANSWERED, sequence++, end, at, deadline, end, CareCase.STATUS_ANSWERED, permalink));
                if (fate == 0) {
                    events.add(life(brand, id, CareCase.DELETED, sequence, end + MINUTE, at, deadline, end, CareCase.STATUS_DELETED, null));
                }
            } else if (fate < 7) {
                events.add(life(brand, id, CareCase.DELETED, sequence, end, at, deadline, -1, CareCase.STATUS_DELETED, null));
            } else {
                long expiry = Math.max(deadline, at + 3 * HOUR);
                events.add(life(brand, id, CareCase.EXPIRED, sequence, expiry, at, deadline, -1, CareCase.STATUS_EXPIRED, permalink));
            }
        }
        List<CareCase> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(random.nextLong()));
        shuffled.sort(Comparator.comparingLong(c -> Math.floorDiv(c.eventTime(), MINUTE)));
        return shuffled;
    }

    private static CareCase life(String brand, String id, String event, int sequence, long at, long openedAt, long deadline,
            long answeredAt, String status, String permalink) {
        return new CareCase(brand, id, event, sequence, at, CareCase.STATUS_DELETED.equals(status) ? null : "u" + id, openedAt,
                "billing", "IT.09", "it", "question", answeredAt, answeredAt < 0 ? -1 : (answeredAt - openedAt) / 1000, deadline,
                status, answeredAt > deadline, answeredAt < 0 ? 0 : 1, 1, false, false, null, permalink);
    }
}
