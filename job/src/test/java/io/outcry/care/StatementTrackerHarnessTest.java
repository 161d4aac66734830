package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import io.outcry.zone.ZoneEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import io.outcry.state.BufferedType;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatementTrackerHarnessTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_795_000_000_000L / MINUTE * MINUTE;
    private static final Duration LATENESS = Duration.ofMinutes(5);

    private KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> harness;

    static KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> tracker() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new StatementTracker(LATENESS)),
                StatementInput::brand, Types.STRING);
    }

    @BeforeEach
    void open() throws Exception {
        harness = tracker();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aBroadcastBetweenOnsetAndDetectionIsTheFirstStatement() throws Exception {
        send(harness, reply("r1", T0 + MINUTE, "@giulia ci dispiace, scrivici in DM"));
        send(harness, broadcast("b0", T0 - MINUTE, "Buongiorno a tutti!"));
        send(harness, broadcast("b1", T0 + 2 * MINUTE, "Stiamo verificando un disservizio sulla rete fissa"));
        send(harness, alert("tim|15|outage|t0", "open", 0, T0, T0 + 5 * MINUTE, "Puglia"));
        harness.processWatermark(T0 + 10 * MINUTE);

        AlertEvent out = only(alerts(harness));
        assertThat(out.response().firstStatementId()).isEqualTo("b1");
        assertThat(out.response().firstStatementAt()).isEqualTo(T0 + 2 * MINUTE);
        assertThat(onceAlerts(harness)).as("heard once, as detected").containsExactly(out.withResponse(null));
    }

    @Test
    void aReplyCountsWhenItNamesTheAlertsRegionAndNotOtherwise() throws Exception {
        send(harness, alert("tim|15|outage|t0", "open", 0, T0, T0 + 5 * MINUTE, "Puglia"));
        send(harness, reply("r1", T0 + 6 * MINUTE, "@giulia la tua linea torna presto"));
        send(harness, reply("r2", T0 + 7 * MINUTE, "@marco c'è un guasto in PUGLIA, ci lavoriamo"));
        harness.processWatermark(T0 + 20 * MINUTE);

        assertThat(alerts(harness)).extracting(a -> a.response().firstStatementId()).containsExactly(null, "r2");
        assertThat(onceAlerts(harness)).hasSize(1);
    }

    @Test
    void aStatementAfterTheLatestEventSendsItAgainToTheIndicesOnly() throws Exception {
        send(harness, alert("tim|*|outage|t0", "open", 0, T0, T0 + 5 * MINUTE, "*"));
        send(harness, alert("tim|*|outage|t0", "resolve", 1, T0, T0 + 9 * MINUTE, "*"));
        send(harness, broadcast("b1", T0 + 30 * MINUTE, "Il servizio è tornato regolare, ci scusiamo"));
        harness.processWatermark(T0 + 60 * MINUTE);

        List<AlertEvent> all = alerts(harness);
        assertThat(all).extracting(AlertEvent::sequence).containsExactly(0, 1, 1);
        assertThat(all.get(2).response().firstStatementAt()).isEqualTo(T0 + 30 * MINUTE);
        assertThat(onceAlerts(harness)).extracting(AlertEvent::sequence).containsExactly(0, 1);
    }

    @Test
    void theFirstAnswerToALinkedCaseIsTheFirstAffectedReply() throws Exception {
        send(harness, alert("tim|15|outage|t0", "open", 0, T0, T0 + 5 * MINUTE, "Puglia"));
        send(harness, answered("c2", "tim|15|outage|t0", T0 + 12 * MINUTE));
        send(harness, answered("c1", "tim|15|outage|t0", T0 + 8 * MINUTE));
        send(harness, answered("c3", "tim|*|billing|t0", T0 + 6 * MINUTE));
        harness.processWatermark(T0 + 30 * MINUTE);

        AlertEvent last = alerts(harness).get(alerts(harness).size() - 1);
        assertThat(last.response().firstAffectedReplyId()).isEqualTo("c1");
        assertThat(last.response().firstAffectedReplyAt()).isEqualTo(T0 + 8 * MINUTE);
    }

    @Test
    void itWorksAgainWhileTheZoneIsDownIsFlaggedAndAfterItRecoversIsNot() throws Exception {
        send(harness, zone("z1", "open", 0, "suspected", T0, T0 + 3 * MINUTE));
        send(harness, StatementInput.of(new OfficialPost("tim", "r0", "q0", T0 + 3 * MINUTE + 30_000, "giulia",
                "@giulia risolto, ora funziona", true, false)));
        send(harness, restored("x1", T0 + 4 * MINUTE, false));
        send(harness, zone("z1", "recovering", 1, "recovering", T0, T0 + 20 * MINUTE));
        send(harness, restored("x2", T0 + 25 * MINUTE, true));
        send(harness, zone("z2", "open", 0, "confirmed", T0 + 22 * MINUTE, T0 + 24 * MINUTE));
        harness.processWatermark(T0 + 60 * MINUTE);

        Map<String, ZoneEvent> latest = latestZones(harness);
        assertThat(latest.get("z1").response().restoredClaimId()).as("not the reply to one customer").isEqualTo("x1");
        assertThat(latest.get("z2").response().restoredClaimId()).as("a retweet says it too").isEqualTo("x2");
    }

    @Test
    void anAlertPassesAtOnceWithWhatTheBrandHadSaidSoFarToTheIndicesAndAsDetectedToTheTopic() throws Exception {
        send(harness, broadcast("b1", T0 + 2 * MINUTE, "Stiamo verificando un disservizio"));
        send(harness, alert("tim|15|outage|t0", "open", 0, T0, T0 + 5 * MINUTE, "Puglia"));

        AlertEvent out = only(alerts(harness));
        assertThat(out.response().firstStatementId()).isEqualTo("b1");
        assertThat(onceAlerts(harness)).containsExactly(out.withResponse(null));

        send(harness, zone("z1", "open", 0, "suspected", T0, T0 + 3 * MINUTE));
        assertThat(zones(harness)).hasSize(1);
        assertThat(onceZones(harness)).containsExactly(zones(harness).get(0).withResponse(null));
    }

    @Test
    void aStatementThatComesLaterCorrectsTheEventButIsNotHeardTwice() throws Exception {
        send(harness, alert("tim|15|outage|t0", "open", 0, T0, T0 + 5 * MINUTE, "Puglia"));
        send(harness, broadcast("b2", T0 + 4 * MINUTE, "Disservizio in corso"));
        send(harness, broadcast("b1", T0 + 3 * MINUTE, "Stiamo verificando"));
        send(harness, broadcast("b0", T0 - MINUTE, "Buongiorno, prima dell'incidente"));

        assertThat(alerts(harness)).extracting(a -> a.response().firstStatementId())
                .as("at once without, then each earlier statement, and nothing for one before the onset")
                .containsExactly(null, "b2", "b1");
        assertThat(onceAlerts(harness)).hasSize(1);
        assertThat(onceAlerts(harness).get(0).response()).isNull();
    }

    @Test
    void aLatePostCorrectsTheEarlierEventsItPrecedesAndTheLatestComesLast() throws Exception {
        send(harness, alert("tim|15|outage|t0", "open", 0, T0, T0 + 5 * MINUTE, "Puglia"));
        send(harness, alert("tim|15|outage|t0", "update", 1, T0, T0 + 6 * MINUTE, "Puglia"));
        send(harness, broadcast("b1", T0 + 4 * MINUTE, "Stiamo verificando"));

        List<AlertEvent> all = alerts(harness);
        assertThat(all).extracting(AlertEvent::sequence).containsExactly(0, 1, 0, 1);
        assertThat(all.subList(2, 4)).allSatisfy(a -> assertThat(a.response().firstStatementId()).isEqualTo("b1"));
        assertThat(onceAlerts(harness)).extracting(AlertEvent::sequence).containsExactly(0, 1);
    }

    @Test
    void aZoneHearsAClaimThatCameBeforeIt() throws Exception {
        send(harness, restored("x1", T0 + 2 * MINUTE, false));
        send(harness, zone("z1", "open", 0, "suspected", T0, T0 + 3 * MINUTE));

        assertThat(only(zones(harness)).response().restoredClaimId()).isEqualTo("x1");
        assertThat(only(onceZones(harness)).response()).as("what is sent once is never corrected: as detected").isNull();
    }

    @Test
    void theFinalDocumentsAreWhatTheDelayedTrackerGaveWhateverOrderTheInputsArriveIn() throws Exception {
        List<StatementInput> inputs = story();
        Map<String, String> expected = delayed(inputs);
        assertThat(expected).containsKeys("history tim|15|outage|t0#1", "current z1");
        assertThat(finals(run(inputs, null))).isEqualTo(expected);
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            List<StatementInput> shuffled = new ArrayList<>(inputs);
            Collections.shuffle(shuffled, random);
            assertThat(finals(run(shuffled, null))).as("shuffle %d", i).isEqualTo(expected);
        }
        for (int i = 0; i < 50; i++) {
            // each input up to 4 minutes late, the watermark following the latest arrival less the lateness
            Map<StatementInput, Long> arrival = new IdentityHashMap<>();
            inputs.forEach(input -> arrival.put(input, input.time() + (long) (random.nextDouble() * 4 * MINUTE)));
            List<StatementInput> ordered = new ArrayList<>(inputs);
            ordered.sort(Comparator.comparingLong(arrival::get));
            assertThat(finals(run(ordered, arrival))).as("delayed arrival %d", i).isEqualTo(expected);
        }
    }

    @Test
    void onRandomStoriesTheFinalDocumentsAreWhatTheDelayedTrackerGave() throws Exception {
        Random random = new Random(21);
        for (int story = 0; story < 40; story++) {
            List<StatementInput> inputs = randomStory(random);
            Map<String, String> expected = delayed(inputs);
            for (int i = 0; i < 10; i++) {
                List<StatementInput> shuffled = new ArrayList<>(inputs);
                Collections.shuffle(shuffled, random);
                if (i % 2 == 0) {
                    inSequence(shuffled);
                }
                assertThat(finals(run(shuffled, null))).as("story %d, order %d", story, i).isEqualTo(expected);
            }
            for (int i = 0; i < 10; i++) {
                Map<StatementInput, Long> arrival = new IdentityHashMap<>();
                inputs.forEach(input -> arrival.put(input, input.time() + (long) (random.nextDouble() * 4 * MINUTE)));
                List<StatementInput> ordered = new ArrayList<>(inputs);
                ordered.sort(Comparator.comparingLong(arrival::get));
                assertThat(finals(run(ordered, arrival))).as("story %d, arrival %d", story, i).isEqualTo(expected);
            }
        }
    }

    @Test
    void eachEventIsHeardOnceAndAtOnceWhateverOrderTheInputsArriveIn() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 20; i++) {
            List<StatementInput> shuffled = new ArrayList<>(story());
            Collections.shuffle(shuffled, random);
            inSequence(shuffled);
            KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> h = tracker();
            h.open();
            for (StatementInput input : shuffled) {
                int before = onceAlerts(h).size() + onceZones(h).size();
                send(h, input);
                int heard = onceAlerts(h).size() + onceZones(h).size() - before;
                assertThat(heard).isEqualTo(input.kind() >= StatementInput.ZONE ? 1 : 0);
            }
            assertThat(onceAlerts(h)).extracting(a -> a.alertId() + '#' + a.sequence()).doesNotHaveDuplicates().hasSize(3);
            assertThat(onceZones(h)).extracting(z -> z.zoneId() + '#' + z.sequence()).doesNotHaveDuplicates().hasSize(2);
            h.close();
        }
    }

    @Test
    void aRestoreFromASnapshotEndsOnTheSameDocuments() throws Exception {
        List<StatementInput> inputs = story();
        Map<String, String> expected = delayed(inputs);

        Random random = new Random(3);
        for (int cut = 1; cut < inputs.size(); cut++) {
            List<StatementInput> shuffled = new ArrayList<>(inputs);
            Collections.shuffle(shuffled, random);
            KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> h = tracker();
            h.open();
            shuffled.subList(0, cut).forEach(input -> send(h, input));
            h.processWatermark(T0 - LATENESS.toMillis());
            List<Object> before = new ArrayList<>(everything(h));
            OperatorSubtaskState snapshot = h.snapshot(1, T0);
            h.close();

            KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> restored = tracker();
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            shuffled.subList(cut, shuffled.size()).forEach(input -> send(restored, input));
            restored.processWatermark(T0 + 60 * MINUTE);
            before.addAll(everything(restored));
            assertThat(finals(before)).as("cut after %d", cut).isEqualTo(expected);
            restored.close();
        }
    }

    @Test
    void settledEventsAreLetGoAndALaterStatementStillReachesTheLatest() throws Exception {
        send(harness, alert("tim|*|outage|t0", "open", 0, T0, T0 + 5 * MINUTE, "*"));
        send(harness, alert("tim|*|outage|t0", "update", 1, T0, T0 + 10 * MINUTE, "*"));
        send(harness, alert("tim|*|outage|t0", "update", 2, T0, T0 + 15 * MINUTE, "*"));
        harness.processWatermark(T0 + 30 * MINUTE);
        send(harness, broadcast("b1", T0 + 40 * MINUTE, "Ci scusiamo per il disservizio"));

        List<AlertEvent> all = alerts(harness);
        assertThat(all).extracting(AlertEvent::sequence).containsExactly(0, 1, 2, 2);
        assertThat(all.get(3).response().firstStatementId()).isEqualTo("b1");
    }

    @Test
    void theStateEmptiesOnceTheHorizonHasPassed() throws Exception {
        story().forEach(input -> send(harness, input));
        harness.processWatermark(T0 + 60 * MINUTE);
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
        harness.processWatermark(T0 + StatementTracker.DEFAULT_HORIZON.toMillis() + 60 * MINUTE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theRecentPostsAreBounded() throws Exception {
        harness.close();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new StatementTracker(LATENESS, Duration.ofHours(6), 3)), StatementInput::brand, Types.STRING);
        harness.open();
        for (int i = 0; i < 5; i++) {
            send(harness, broadcast("b" + i, T0 + i * MINUTE, "post " + i));
        }
        send(harness, alert("tim|*|*|t0", "open", 0, T0, T0 + 10 * MINUTE, "*"));
        harness.processWatermark(T0 + 20 * MINUTE);
        assertThat(only(alerts(harness)).response().firstStatementId()).as("the two oldest are gone").isEqualTo("b2");
    }

    @Test
    void recentPostsAStateOfTheFormerLayoutHeldInOneListStillCount() throws Exception {
        List<StatementInput> posts = List.of(broadcast("b1", T0 + MINUTE, "Disservizio in corso"),
                broadcast("b2", T0 + MINUTE + 1, "Stiamo lavorando"), broadcast("b3", T0 + 3 * MINUTE, "Aggiornamento"));
        StatementInput alert = alert("tim|*|*|t0", "open", 0, T0, T0 + 10 * MINUTE, "*");
        posts.forEach(post -> send(harness, post));
        send(harness, alert);
        harness.processWatermark(T0 + 20 * MINUTE);

        // a checkpoint written before the lists per minute holds the brand's posts in one list, "recent-posts"
        KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> former = tracker();
        former.open();
        KeyedStateBackend<String> backend = former.getOperator().getKeyedStateBackend();
        backend.setCurrentKey("tim");
        ValueState<List<OfficialPost>> oneList = backend.getPartitionedState(
                VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, new ValueStateDescriptor<>("recent-posts",
                        BufferedType.of(Types.LIST(TypeInformation.of(OfficialPost.class)))));
        oneList.update(new ArrayList<>(posts.stream().map(StatementInput::post).toList()));
        send(former, alert);
        former.processWatermark(T0 + 20 * MINUTE);

        assertThat(alerts(former)).isEqualTo(alerts(harness)).isNotEmpty();
        assertThat(only(alerts(former)).response().firstStatementId()).isEqualTo("b1");
        backend.setCurrentKey("tim");
        assertThat(oneList.value()).as("moved into the lists per minute").isNull();
        former.close();
    }

    /** Inputs all on time for a watermark moved at the end; each arrives within the lateness of the others. */
    private static List<StatementInput> story() {
        return List.of(
                reply("r1", T0 + MINUTE, "@giulia ci dispiace"),
                broadcast("b1", T0 + 2 * MINUTE, "Disservizio in corso in Puglia"),
                zone("z1", "open", 0, "suspected", T0, T0 + 2 * MINUTE),
                restored("x1", T0 + 3 * MINUTE, false),
                alert("tim|15|outage|t0", "open", 0, T0, T0 + 3 * MINUTE, "Puglia"),
                answered("c1", "tim|15|outage|t0", T0 + 4 * MINUTE),
                alert("tim|15|outage|t0", "update", 1, T0, T0 + 4 * MINUTE, "Puglia"),
                zone("z1", "recovering", 1, "recovering", T0, T0 + 5 * MINUTE),
                answered("c0", "tim|15|outage|t0", T0 + 3 * MINUTE + 1),
                alert("tim|*|*|t1", "open", 0, T0 + 4 * MINUTE, T0 + 5 * MINUTE, "*"),
                broadcast("b2", T0 + 5 * MINUTE, "Aggiornamento: stiamo ripristinando"));
    }

    /** Puts the events of each alert and zone back in sequence order where they are, as their detector sends them. */
    private static void inSequence(List<StatementInput> inputs) {
        List<Integer> slots = new ArrayList<>();
        List<StatementInput> events = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).kind() >= StatementInput.ZONE) {
                slots.add(i);
                events.add(inputs.get(i));
            }
        }
        events.sort(Comparator.comparingInt(e -> e.zone() != null ? e.zone().sequence() : e.alert().sequence()));
        for (int i = 0; i < slots.size(); i++) {
            inputs.set(slots.get(i), events.get(i));
        }
    }

    /** What the tracker sent to the indices, the watermark following the arrivals (when given) less the lateness, then moved to the end. */
    private static List<Object> run(List<StatementInput> inputs, Map<StatementInput, Long> arrival) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> h = tracker();
        h.open();
        long watermark = Long.MIN_VALUE;
        for (StatementInput input : inputs) {
            send(h, input);
            if (arrival != null) {
                watermark = Math.max(watermark, arrival.get(input) - LATENESS.toMillis());
                h.processWatermark(watermark);
            }
        }
        h.processWatermark(T0 + 60 * MINUTE);
        List<Object> out = everything(h);
        h.close();
        return out;
    }

    /** The final documents of the delayed tracker, the inputs in their order. */
    private static Map<String, String> delayed(List<StatementInput> inputs) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FormerStatementTracker(LATENESS)), StatementInput::brand, Types.STRING);
        h.open();
        inputs.forEach(input -> send(h, input));
        h.processWatermark(T0 + 60 * MINUTE);
        List<Object> out = everything(h);
        h.close();
        return finals(out);
    }

    /** The alert and zone events on the indices' outputs (main and {@code ZONES}), in the order sent, and clears them. */
    private static List<Object> everything(KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> h) {
        List<Object> out = new ArrayList<>(alerts(h));
        out.addAll(zones(h));
        h.getOutput().clear();
        for (var tag : List.of(StatementTracker.ALERTS_ONCE, StatementTracker.ZONES, StatementTracker.ZONES_ONCE)) {
            if (h.getSideOutput(tag) != null) {
                h.getSideOutput(tag).clear();
            }
        }
        return out;
    }

    /**
     * The documents the indices end on: per event (the history, one document per id and sequence)
     * the last sent, and per id (the index of alerts and zones as they stand) the last sent.
     */
    private static Map<String, String> finals(List<Object> sent) {
        Map<String, String> docs = new TreeMap<>();
        for (Object o : sent) {
            if (o instanceof AlertEvent a) {
                docs.put("history " + a.alertId() + '#' + a.sequence(), String.valueOf(a.response()));
                docs.put("current " + a.alertId(), a.sequence() + " " + a.response());
            } else if (o instanceof ZoneEvent z) {
                docs.put("history " + z.zoneId() + '#' + z.sequence(), String.valueOf(z.response()));
                docs.put("current " + z.zoneId(), z.sequence() + " " + z.response());
            }
        }
        return docs;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> h, StatementInput input) {
        try {
            h.processElement(new StreamRecord<>(input, input.time()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<AlertEvent> alerts(KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> h) {
        return h.getOutput().stream().filter(o -> o instanceof StreamRecord).map(o -> ((StreamRecord<AlertEvent>) o).getValue())
                .collect(Collectors.toList());
    }

    private static List<AlertEvent> onceAlerts(KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> h) {
        var side = h.getSideOutput(StatementTracker.ALERTS_ONCE);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    private static List<ZoneEvent> onceZones(KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> h) {
        var side = h.getSideOutput(StatementTracker.ZONES_ONCE);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    private static List<ZoneEvent> zones(KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> h) {
        var side = h.getSideOutput(StatementTracker.ZONES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    private static Map<String, ZoneEvent> latestZones(KeyedOneInputStreamOperatorTestHarness<String, StatementInput, AlertEvent> h) {
        return zones(h).stream().collect(Collectors.toMap(ZoneEvent::zoneId, z -> z, (a, b) -> b));
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    static StatementInput broadcast(String id, long at, String text) {
        return StatementInput.of(new OfficialPost("tim", id, null, at, null, text, false, false));
    }

    static StatementInput reply(String id, long at, String text) {
        return StatementInput.of(new OfficialPost("tim", id, "q" + id, at, "giulia", text, false, false));
    }

    static StatementInput restored(String id, long at, boolean retweet) {
        return StatementInput.of(new OfficialPost("tim", id, null, at, null, "Tutto torna a funzionare", true, retweet));
    }

    static StatementInput answered(String caseId, String alertId, long at) {
        return StatementInput.of(new CareCase("tim", caseId, CareCase.ANSWERED, 1, at, "giulia", at - MINUTE, "outage", "15",
                "it", "complaint", at, 60, at + 60 * MINUTE, CareCase.STATUS_ANSWERED, false, 1, 2, false, true, alertId, null));
    }

    static StatementInput alert(String id, String event, int sequence, long onset, long at, String region) {
        String status = "resolve".equals(event) ? AlertEvent.RESOLVED : AlertEvent.OPEN;
        return StatementInput.of(new AlertEvent(id, event, sequence, status, "brand_region_topic", "tim", "15", region,
                "outage", onset, onset + 3 * MINUTE, at, at, 3, 3, 50, 10, 2, 5, 10, 1, 1,
                new Explanation(List.of(), List.of(), List.of(), List.of(), 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of())));
    }

    static StatementInput zone(String id, String event, int sequence, String status, long onset, long at) {
        return zone(id, event, sequence, status, onset, at, List.of("Puglia"));
    }

    static StatementInput zone(String id, String event, int sequence, String status, long onset, long at, List<String> regions) {
        return StatementInput.of(new ZoneEvent(id, event, sequence, status, "tim", 41.1, 16.9, List.of(41.0, 16.8, 41.2, 17.0),
                List.of("sr8"), onset, at, onset, 10, 10, 20, 15, 0, 0, -1, -1, -1, at, 0.9, List.of("Bari"), List.of("Bari"),
                regions, List.of("text:20"), null));
    }

    /**
     * A random hour of one brand: broadcasts, replies naming a region or not, "works again" posts
     * and retweets, answered cases, two spike alerts and a zone that spreads and recovers, each
     * input within a minute of its time so that any order of arrival is within the lateness.
     */
    private static List<StatementInput> randomStory(Random random) {
        List<StatementInput> inputs = new ArrayList<>();
        String[] texts = {"@giulia ci dispiace", "@marco guasto in Puglia", "@anna lavori nel Lazio", "Disservizio in corso"};
        for (int i = 0; i < 25; i++) {
            long at = T0 + (long) (random.nextDouble() * 50 * MINUTE);
            int kind = random.nextInt(6);
            if (kind < 3) {
                inputs.add(reply("r" + i, at, texts[random.nextInt(3)]));
            } else if (kind == 3) {
                inputs.add(broadcast("b" + i, at, texts[3]));
            } else if (kind == 4) {
                inputs.add(restored("x" + i, at, random.nextBoolean()));
            } else {
                inputs.add(answered("c" + i, random.nextBoolean() ? "tim|15|outage|t0" : "zone|z1", at));
            }
        }
        long start = T0 + (long) (random.nextDouble() * 10 * MINUTE);
        for (int seq = 0; seq < 4; seq++) {
            inputs.add(alert("tim|15|outage|t0", seq == 0 ? "open" : "update", seq, T0, start + seq * 7 * MINUTE, "Puglia"));
            inputs.add(alert("tim|*|outage|t0", seq == 0 ? "open" : "update", seq, T0 + MINUTE, start + seq * 9 * MINUTE + 1, "*"));
        }
        String[] status = {"suspected", "confirmed", "confirmed", "recovering", "resolved"};
        for (int seq = 0; seq < status.length; seq++) {
            inputs.add(zone("z1", seq == 0 ? "open" : "update", seq, status[seq], T0 + 2 * MINUTE, start + seq * 8 * MINUTE,
                    seq < 2 ? List.of("Lazio") : List.of("Lazio", "Puglia")));
        }
        return inputs;
    }
}
