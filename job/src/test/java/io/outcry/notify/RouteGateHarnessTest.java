package io.outcry.notify;

import static io.outcry.notify.RouteFixtures.at;
import static io.outcry.notify.RouteFixtures.destination;
import static io.outcry.notify.RouteFixtures.event;
import static io.outcry.notify.RouteFixtures.open;
import static io.outcry.notify.RouteFixtures.resolve;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.detect.AlertEvent;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gate of each destination, driven by hand: elements, watermarks, a snapshot and a restore. */
class RouteGateHarnessTest {

    /** 22:00-07:00 in Rome is 21:00-06:00 UTC in December. */
    static final QuietHours NIGHTS_IN_ROME = QuietHours.parse("22:00-07:00", ZoneId.of("Europe/Rome"));
    static final Map<String, RouteDestination> DESTINATIONS = new LinkedHashMap<>();

    static {
        DESTINATIONS.put("slack", destination("slack", DestinationType.SLACK, 0, NIGHTS_IN_ROME));
        DESTINATIONS.put("capped", destination("capped", DestinationType.TEAMS, 2, null));
        DESTINATIONS.put("pager", destination("pager", DestinationType.PAGERDUTY, 0, NIGHTS_IN_ROME));
        DESTINATIONS.put("webhook", destination("webhook", DestinationType.WEBHOOK, 0, null));
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Notice, Notification> harness;

    static KeyedOneInputStreamOperatorTestHarness<String, Notice, Notification> gate() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DestinationGate(DESTINATIONS)),
                Notice::destination, Types.STRING);
    }

    @BeforeEach
    void openGate() throws Exception {
        harness = gate();
        harness.open();
    }

    @AfterEach
    void closeGate() throws Exception {
        harness.close();
    }

    @Test
    void passesAnOpenAndItsResolveAtOnceOutsideQuietHoursAndForgetsTheAlert() throws Exception {
        send("slack", open("acme", "a", 7, at("2026-12-01T10:00:00Z")));
        send("slack", resolve("acme", "a", 3, at("2026-12-01T10:30:00Z")));

        assertThat(ids()).containsExactly("acme|a|*|2026-12-01T00:00:00Z#0", "acme|a|*|2026-12-01T00:00:00Z#3");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void sendsAResolveOnlyWhereTheOpenWent() throws Exception {
        send("webhook", open("acme", "a", 7, at("2026-12-01T10:00:00Z")));
        // The routes send every resolve to every destination; the gate keeps those it was told of.
        send("webhook", resolve("acme", "a", 2, at("2026-12-01T10:30:00Z")));
        send("webhook", resolve("acme", "never-opened-here", 2, at("2026-12-01T10:31:00Z")));

        assertThat(notifications()).extracting(n -> n.first().event() + " " + n.first().alertId())
                .containsExactly("open acme|a|*|2026-12-01T00:00:00Z", "resolve acme|a|*|2026-12-01T00:00:00Z");
    }

    @Test
    void opensAnAlertWhereAnUpdateFirstReachesTheRouteAndIgnoresLaterUpdates() throws Exception {
        send("webhook", event("acme", "brand", "a", "update", 2, 8, at("2026-12-01T10:00:00Z")));
        send("webhook", event("acme", "brand", "a", "update", 3, 9, at("2026-12-01T10:01:00Z")));
        send("webhook", resolve("acme", "a", 4, at("2026-12-01T10:30:00Z")));

        assertThat(notifications()).extracting(n -> n.first().event() + " #" + n.first().sequence())
                .containsExactly("update #2", "resolve #4");
    }

    @Test
    void foldsWhatComesInQuietHoursIntoOneDigestSentWhenTheyEnd() throws Exception {
        send("slack", open("acme", "a", 7, at("2026-12-01T21:30:00Z")));
        send("slack", open("acme", "b", 5, at("2026-12-02T01:00:00Z")));
        send("slack", resolve("acme", "a", 4, at("2026-12-02T03:00:00Z")));
        harness.processWatermark(at("2026-12-02T05:59:59Z"));
        assertThat(notifications()).as("nothing before 07:00 in Rome").isEmpty();

        harness.processWatermark(at("2026-12-02T06:00:00Z"));

        List<Notification> sent = notifications();
        assertThat(sent).hasSize(1);
        Notification digest = sent.get(0);
        assertThat(digest.digest()).isTrue();
        assertThat(digest.heldBy()).isEqualTo(Notification.QUIET_HOURS);
        assertThat(digest.deliveryId()).isEqualTo("slack|digest|2026-12-02T06:00:00Z");
        assertThat(digest.events()).extracting(e -> e.event() + " " + e.alertId().split("\\|")[1])
                .containsExactly("open a", "open b", "resolve a");
        assertThat(Digests.title(digest)).isEqualTo("3 alert events held by quiet hours since 1 Dec 21:30 UTC");
    }

    @Test
    void foldsWhatPassesTheHourlyBudgetIntoADigestSentWhenTheBudgetAllows() throws Exception {
        send("capped", open("acme", "a", 7, at("2026-12-01T10:00:00Z")));
        send("capped", open("acme", "b", 7, at("2026-12-01T10:10:00Z")));
        send("capped", open("acme", "c", 7, at("2026-12-01T10:20:00Z")));
        send("capped", open("acme", "d", 7, at("2026-12-01T10:30:00Z")));
        assertThat(notifications()).hasSize(2);

        harness.processWatermark(at("2026-12-01T11:00:00Z"));

        List<Notification> sent = notifications();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).heldBy()).isEqualTo(Notification.RATE_LIMIT);
        assertThat(sent.get(2).events()).extracting(e -> e.alertId().split("\\|")[1]).containsExactly("c", "d");
        assertThat(sent.get(2).sentAt()).isEqualTo(at("2026-12-01T11:00:00Z"));
    }

    @Test
    void neverHoldsAPagerDutyResolveWhoseTriggerWentOut() throws Exception {
        send("pager", open("acme", "a", 9, at("2026-12-01T20:30:00Z")));
        send("pager", resolve("acme", "a", 5, at("2026-12-01T23:00:00Z")));

        assertThat(notifications()).extracting(n -> n.first().event() + (n.held() ? " held" : ""))
                .containsExactly("open", "resolve");
    }

    @Test
    void releasesHeldPagerDutyEventsOneByOneSoThatEachIncidentOpensAndResolvesOnItsOwn() throws Exception {
        send("pager", open("acme", "a", 9, at("2026-12-01T22:00:00Z")));
        send("pager", open("acme", "b", 9, at("2026-12-01T23:00:00Z")));
        // Its trigger is held, so the resolve waits behind it.
        send("pager", resolve("acme", "a", 5, at("2026-12-02T01:00:00Z")));
        harness.processWatermark(at("2026-12-02T06:00:00Z"));

        List<Notification> sent = notifications();
        assertThat(sent).extracting(n -> n.first().event() + " " + n.first().alertId().split("\\|")[1])
                .containsExactly("open a", "open b", "resolve a");
        assertThat(sent).allSatisfy(n -> assertThat(n.heldBy()).isEqualTo(Notification.QUIET_HOURS));
        harness.getOutput().clear();

        // b's trigger went out at the release: its resolve, at night, goes at once.
        send("pager", resolve("acme", "b", 3, at("2026-12-02T22:00:00Z")));
        assertThat(ids()).containsExactly("acme|b|*|2026-12-01T00:00:00Z#3");
    }

    @Test
    void releasesTheSameDigestAfterARestoreFromASnapshotTakenWhileItWasHeld() throws Exception {
        send("slack", open("acme", "a", 7, at("2026-12-01T22:00:00Z")));
        send("slack", open("acme", "b", 7, at("2026-12-01T23:00:00Z")));
        OperatorSubtaskState snapshot = harness.snapshot(1, at("2026-12-01T23:00:00Z"));
        harness.processWatermark(at("2026-12-02T06:00:00Z"));
        List<String> before = ids();
        harness.close();

        harness = gate();
        harness.initializeState(snapshot);
        harness.open();
        harness.processWatermark(at("2026-12-02T06:00:00Z"));

        assertThat(ids()).isEqualTo(before).containsExactly("slack|digest|2026-12-02T06:00:00Z");
    }

    @Test
    void emptiesItsStateOnceAlertsResolveAndAnHourPassesWithoutAMessage() throws Exception {
        send("capped", open("acme", "a", 7, at("2026-12-01T10:00:00Z")));
        send("capped", open("acme", "b", 7, at("2026-12-01T10:05:00Z")));
        send("capped", open("acme", "c", 7, at("2026-12-01T10:06:00Z")));
        send("capped", resolve("acme", "a", 2, at("2026-12-01T10:20:00Z")));
        send("capped", resolve("acme", "b", 2, at("2026-12-01T10:21:00Z")));
        send("capped", resolve("acme", "c", 2, at("2026-12-01T10:22:00Z")));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(at("2026-12-01T12:00:01Z"));

        assertThat(notifications()).hasSize(3);
        assertThat(notifications().get(2).events()).hasSize(4);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void forgetsADestinationThatTheRoutingFileNoLongerHasAfterARestore() throws Exception {
        send("slack", open("acme", "a", 7, at("2026-12-01T22:00:00Z")));
        OperatorSubtaskState snapshot = harness.snapshot(1, at("2026-12-01T22:00:00Z"));
        harness.close();

        Map<String, RouteDestination> withoutSlack = new LinkedHashMap<>(DESTINATIONS);
        withoutSlack.remove("slack");
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DestinationGate(withoutSlack)),
                Notice::destination, Types.STRING);
        harness.initializeState(snapshot);
        harness.open();
        harness.processWatermark(at("2026-12-02T06:00:00Z"));

        assertThat(notifications()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private void send(String destination, AlertEvent event) throws Exception {
        harness.processElement(new StreamRecord<>(new Notice(destination, event), event.eventTime()));
    }

    private List<Notification> notifications() {
        return harness.extractOutputValues();
    }

    private List<String> ids() {
        return notifications().stream().map(Notification::deliveryId).toList();
    }
}
