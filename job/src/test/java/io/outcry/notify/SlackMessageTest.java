package io.outcry.notify;

import static io.outcry.post.Citations.cited;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import io.outcry.window.Complainer;
import io.outcry.zone.ZoneAlerts;
import io.outcry.zone.ZoneEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

    static final long ONSET = Instant.parse("2026-11-20T17:30:00Z").toEpochMilli();

    static AlertEvent event(String type, String status, int severity) {
        Explanation explanation = new Explanation(List.of("rete", "napoli"), cited("123"),
                List.of(new Complainer("mario", 300, false, 3)), List.of(new Complainer("vip", 250_000, true, 1)),
                400, 100, 0.25, 900_000, 0.8, 0, Map.of("Campania", 40L, "Lazio", 2L), Map.of("outage", 42L),
                Map.of("it", 380L), Map.of("complaint", 300L));
        return new AlertEvent("windtre|IT.04|*|2026-11-20T17:30:00Z", type, 0, status, "brand_region", "windtre",
                "IT.04", "Campania", "*", ONSET, ONSET + 60_000, ONSET + 60_000, ONSET + 60_000, severity, 7, 81.5,
                40, 2.1, 19.5, 40, 1, 1, explanation);
    }

    @Test
    void notifiesOpensReopensAndResolvesButNotEveryUpdate() {
        assertThat(SlackMessage.worthNotifying(event("open", "open", 7))).isTrue();
        assertThat(SlackMessage.worthNotifying(event("reopen", "open", 7))).isTrue();
        assertThat(SlackMessage.worthNotifying(event("resolve", "resolved", 0))).isTrue();
        assertThat(SlackMessage.worthNotifying(event("update", "open", 8))).isFalse();
        assertThat(SlackMessage.worthNotifying(event("revise", "open", 7))).isFalse();
    }

    @Test
    void saysWhatWhereHowBadAndWhyInSlackIncomingWebhookJson() throws Exception {
        JsonNode message = new ObjectMapper().readTree(SlackMessage.json(event("open", "open", 7)));

        assertThat(message.get("text").asText()).isEqualTo("Complaint spike: windtre · Campania, severity 7/10, crisis score 82");
        String details = message.get("blocks").get(1).get("text").get("text").asText();
        assertThat(details).contains("40 people complaining", "2.1 expected", "rete, napoli", "Campania 40", "@vip (250000)");
        assertThat(details).as("what people wrote, with its link").contains("“text of 123” https://x.com/i/status/123");
        assertThat(message.get("blocks").get(2).toString()).contains("windtre|IT.04|*|2026-11-20T17:30:00Z");
    }

    @Test
    void namesEachDeliveryByItsAlertAndEventSoThatAReceiverCanDropARepeat() throws Exception {
        AlertEvent open = event("open", "open", 7);
        AlertEvent resolve = new AlertEvent(open.alertId(), "resolve", 4, "resolved", open.level(), open.brand(), open.regionCode(),
                open.regionName(), open.topic(), open.onset(), open.detectedAt(), open.eventTime(), open.lastAnomalousEnd(), 0,
                open.peakSeverity(), open.crisisScore(), open.observed(), open.expected(), open.score(), open.peakObserved(),
                open.anomalousWindows(), open.scaleMinutes(), open.explanation());

        assertThat(SlackMessage.deliveryId(open)).isEqualTo("windtre|IT.04|*|2026-11-20T17:30:00Z#0")
                .isEqualTo(SlackMessage.deliveryId(event("open", "open", 7)));
        assertThat(SlackMessage.deliveryId(resolve)).isEqualTo("windtre|IT.04|*|2026-11-20T17:30:00Z#4");
        assertThat(new ObjectMapper().readTree(SlackMessage.json(resolve)).toString())
                .contains("delivery `windtre|IT.04|*|2026-11-20T17:30:00Z#4`");
    }

    @Test
    void aResolveSaysHowLongItLasted() throws Exception {
        JsonNode message = new ObjectMapper().readTree(SlackMessage.json(event("resolve", "resolved", 0)));

        assertThat(message.get("text").asText()).startsWith("Resolved: windtre · Campania").contains("peak severity 7/10");
    }

    /** A windtre zone around Naples, as the zone detector emits it, turned into alerts by {@link ZoneAlerts}. */
    static List<AlertEvent> zoneAlerts(String zoneEvent, String status, long restoredRetweets) {
        ZoneEvent zone = new ZoneEvent("windtre|sr60|2026-11-20T17:30:00Z", zoneEvent, 3, status, "windtre", 40.85, 14.27,
                List.of(40.78, 14.06, 40.96, 14.41), List.of("sr60"), ONSET, ONSET + 11 * 60_000, ONSET + 5 * 60_000, 26, 19,
                198, 173, 4, restoredRetweets, ONSET + 2 * 60_000, -1, -1, ONSET + 12 * 60_000, 0.88,
                List.of("Naples", "Pozzuoli", "Torre del Greco", "Portici"), List.of("Naples"), List.of("Campania"),
                List.of("coordinates:120", "text:78"), null);
        List<AlertEvent> alerts = new ArrayList<>();
        new ZoneAlerts().flatMap(zone, new Collector<>() {
            @Override
            public void collect(AlertEvent alert) {
                alerts.add(alert);
            }

            @Override
            public void close() {}
        });
        return alerts;
    }

    @Test
    void aZoneAlertReadsAsAnOperatorDownInItsTownsSinceItsOnsetWithThePeopleReportingIt() throws Exception {
        List<AlertEvent> alerts = zoneAlerts("confirm", "confirmed", 300);
        assertThat(alerts).hasSize(1);
        JsonNode message = new ObjectMapper().readTree(SlackMessage.json(alerts.get(0)));

        assertThat(message.get("text").asText()).isEqualTo(
                "Outage zone: windtre down in Naples, Pozzuoli, Torre del Greco (Campania) since 20 Nov 17:30 UTC, 19 people in the last minute");
        assertThat(message.get("text").asText()).doesNotContain("complaint spike").doesNotContain("severity");
        String details = message.get("blocks").get(1).get("text").get("text").asText();
        assertThat(details).contains("19 people reporting it down in the last minute, 26 at the peak", "since 2026-11-20T17:30:00Z",
                "198 outage posts", "4 people say it works again", "300 \"works again\" retweets not counted", "Region: Campania");
        assertThat(details).doesNotContain("Terms:").doesNotContain("Loudest");
    }

    @Test
    void aZoneThatRelapsesOrClosesSaysSo() throws Exception {
        JsonNode relapse = new ObjectMapper().readTree(SlackMessage.json(zoneAlerts("relapse", "confirmed", 0).get(0)));
        assertThat(relapse.get("text").asText()).isEqualTo(
                "Down again: windtre outage zone in Naples, Pozzuoli, Torre del Greco (Campania), since 20 Nov 17:30 UTC, 19 people in the last minute");
        assertThat(relapse.get("blocks").get(1).get("text").get("text").asText()).doesNotContain("retweets not counted");

        JsonNode closed = new ObjectMapper().readTree(SlackMessage.json(zoneAlerts("resolve", "resolved", 0).get(0)));
        assertThat(closed.get("text").asText()).isEqualTo("Closed: windtre outage zone in Naples, Pozzuoli, Torre del Greco (Campania)"
                + " (reported down 20 Nov 17:30 UTC to 17:41 UTC, 11 min; at most 26 people a minute)");
    }

    @Test
    void aCareAlertCountsTheCasesLeftUnansweredNotComplaints() throws Exception {
        java.util.List<AlertEvent> alerts = new java.util.ArrayList<>();
        var harness = new org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(new io.outcry.care.CareAlerts(20, 600_000)),
                io.outcry.care.CareWindow::brand, org.apache.flink.api.common.typeinfo.Types.STRING);
        harness.open();
        io.outcry.care.CareMetrics m = new io.outcry.care.CareMetrics(40, 5, 0.125, 300L, 600L, 320.0, 5, 0, 25, 0, java.util.List.of(300L, 400L, 500L, 600L, 700L));
        harness.processElement(new io.outcry.care.CareWindow("tim", "brand", "*", "*", ONSET, ONSET + 600_000, m, m, m, 5, 0, 0.0,
                null, 0), ONSET + 599_999);
        // a care window is judged once it has closed for good (no lateness here: at its end)
        harness.processWatermark(ONSET + 599_999);
        alerts.addAll(harness.extractOutputValues());
        harness.close();
        JsonNode message = new ObjectMapper().readTree(SlackMessage.json(alerts.get(0)));

        assertThat(SlackMessage.worthNotifying(alerts.get(0))).isTrue();
        assertThat(message.get("text").asText())
                .isEqualTo("Unanswered questions: tim left 25 cases unanswered past the SLA in one window (alert at 20)");
        assertThat(message.get("blocks").get(1).get("text").get("text").asText())
                .contains("Since 2026-11-20T17:30:00Z").doesNotContain("complaining");
    }

    @Test
    void aHandleOrTermThatLooksLikeSlackMarkupPingsNobodyAndLinksNowhere() throws Exception {
        Explanation hostile = new Explanation(List.of("<!channel>", "<https://evil.example|click>"), cited("123"),
                List.of(), List.of(new Complainer("<!here>", 10, false, 1)), 1, 1, 0, 10, 1, 0,
                Map.of("<@U123>", 1L), Map.of(), Map.of(), Map.of());
        AlertEvent base = event("open", "open", 7);
        AlertEvent event = new AlertEvent(base.alertId(), "open", 0, "open", "brand_region", "a&b <!everyone>",
                "IT.04", "Campania", "*", ONSET, ONSET, ONSET, ONSET, 7, 7, 80, 40, 2, 19, 40, 1, 1, hostile);

        String json = new String(SlackMessage.json(event), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode message = new ObjectMapper().readTree(json);

        assertThat(message.get("text").asText()).startsWith("Complaint spike: a&amp;b &lt;!everyone&gt;");
        assertThat(message.toString()).doesNotContain("<!", "<@", "<https");
        assertThat(message.get("blocks").get(1).get("text").get("text").asText())
                .contains("&lt;!channel&gt;", "&lt;https://evil.example|click&gt;", "@&lt;!here&gt;", "&lt;@U123&gt; 1");
    }

    @Test
    void aHugeHandleIsCutToWhatOneSlackBlockAccepts() throws Exception {
        Explanation huge = new Explanation(List.of("rete"), cited("123"), List.of(),
                List.of(new Complainer("x".repeat(5_000), 10, false, 1)), 1, 1, 0, 10, 1, 0,
                Map.of("Campania", 1L), Map.of(), Map.of(), Map.of());
        AlertEvent base = event("open", "open", 7);
        AlertEvent event = new AlertEvent(base.alertId(), "open", 0, "open", "brand_region", "windtre",
                "IT.04", "Campania", "*", ONSET, ONSET, ONSET, ONSET, 7, 7, 80, 40, 2, 19, 40, 1, 1, huge);

        JsonNode message = new ObjectMapper().readTree(SlackMessage.json(event));

        String details = message.get("blocks").get(1).get("text").get("text").asText();
        assertThat(details).hasSizeLessThanOrEqualTo(3000).endsWith("…").contains("people complaining");
    }
}
