package io.outcry.notify;

import static io.outcry.notify.RouteFixtures.at;
import static io.outcry.notify.RouteFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.mail.MailMessage;
import io.outcry.detect.AlertEvent;
import io.outcry.index.AlertDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each destination's payload for one event and for a digest. */
class RouteMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final AlertEvent OPEN = event("windtre", "zone", "z", "open", 0, 8, at("2026-12-01T10:00:00Z"));
    static final AlertEvent RESOLVE = event("windtre", "zone", "z", "resolve", 3, 0, at("2026-12-01T10:30:00Z"));
    static final Notification ONE = Notification.of("d", OPEN, "", 0);
    static final Notification DIGEST = new Notification("d", "d|digest|2026-12-02T06:00:00Z",
            List.of(OPEN, event("<!channel>", "brand", "s", "open", 0, 5, at("2026-12-01T23:00:00Z"))),
            Notification.QUIET_HOURS, at("2026-12-01T22:00:00Z"), at("2026-12-02T06:00:00Z"));

    @Test
    void triggersAPagerDutyIncidentPerAlertAndResolvesItByTheSameDedupKey() throws IOException {
        JsonNode trigger = JSON.readTree(PagerDutyEvent.json(ONE, "KEY", "outcry-prod"));
        JsonNode resolve = JSON.readTree(PagerDutyEvent.json(Notification.of("d", RESOLVE, "", 0), "KEY", "outcry-prod"));

        assertThat(trigger.path("routing_key").asText()).isEqualTo("KEY");
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.path("dedup_key").asText()).isEqualTo(OPEN.alertId());
        JsonNode payload = trigger.path("payload");
        assertThat(payload.path("summary").asText()).startsWith("Outage zone: windtre down in Campania");
        assertThat(payload.path("source").asText()).isEqualTo("outcry-prod");
        assertThat(payload.path("severity").asText()).isEqualTo("critical");
        assertThat(payload.path("timestamp").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(payload.path("component").asText()).isEqualTo("windtre");
        assertThat(payload.path("class").asText()).isEqualTo("zone");
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo(OPEN.alertId());
        assertThat(resolve.has("payload")).isFalse();
    }

    @Test
    void mapsSeverityOnPagerDutysFourLevelsAndKeepsTheSummaryWithinItsLimit() throws IOException {
        assertThat(List.of(10, 8, 7, 6, 5, 4, 3, 1).stream().map(PagerDutyEvent::severity))
                .containsExactly("critical", "critical", "error", "error", "warning", "warning", "info", "info");
        AlertEvent longOne = event("windtre", "zone", "z".repeat(2000), "open", 0, 8, at("2026-12-01T10:00:00Z"));
        AlertEvent longRegion = new AlertEvent(longOne.alertId(), "open", 0, "open", "zone", "windtre", "IT.04", "x".repeat(2000), "*",
                longOne.onset(), longOne.detectedAt(), longOne.eventTime(), longOne.lastAnomalousEnd(), 8, 8, 70, 40, 2, 19, 40, 1, 0,
                longOne.explanation());
        String summary = JSON.readTree(PagerDutyEvent.json(Notification.of("d", longRegion, "", 0), "K", "s"))
                .path("payload").path("summary").asText();
        assertThat(summary).hasSize(PagerDutyEvent.SUMMARY_LIMIT).endsWith("…");
    }

    @Test
    void postsTeamsAnAdaptiveCardInAMessage() throws IOException {
        JsonNode message = JSON.readTree(TeamsMessage.json(ONE));

        assertThat(message.path("type").asText()).isEqualTo("message");
        JsonNode attachment = message.path("attachments").path(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(attachment.path("content").path("version").asText()).isEqualTo("1.4");
        assertThat(attachment.path("content").path("body").path(0).path("text").asText()).startsWith("Outage zone: windtre");
        assertThat(attachment.path("content").path("body").path(2).path("type").asText()).isEqualTo("FactSet");

        JsonNode digest = JSON.readTree(TeamsMessage.json(DIGEST)).path("attachments").path(0).path("content").path("body");
        assertThat(digest.path(0).path("text").asText()).isEqualTo("2 alert events held by quiet hours since 1 Dec 22:00 UTC");
        assertThat(digest.path(1).path("text").asText()).startsWith("- Outage zone: windtre");
    }

    @Test
    void sendsSlackOneEventAsItAlwaysDidAndADigestWithPostTextEscaped() throws IOException {
        assertThat(SlackNotification.json(ONE)).isEqualTo(SlackMessage.json(OPEN));

        JsonNode digest = JSON.readTree(SlackNotification.json(DIGEST));
        assertThat(digest.path("text").asText()).isEqualTo("2 alert events held by quiet hours since 1 Dec 22:00 UTC");
        assertThat(digest.path("blocks").path(1).path("text").path("text").asText())
                .contains("&lt;!channel&gt;").doesNotContain("<!channel>");
        assertThat(digest.path("blocks").path(2).toString()).contains("d|digest|2026-12-02T06:00:00Z");
    }

    @Test
    void givesAGenericWebhookTheAlertEventAsTheTopicCarriesItAndADigestOfThem() throws IOException {
        assertThat(WebhookEvent.json(ONE)).isEqualTo(AlertDocuments.json(OPEN));

        JsonNode digest = JSON.readTree(WebhookEvent.json(DIGEST));
        assertThat(digest.path("digest").asBoolean()).isTrue();
        assertThat(digest.path("held_by").asText()).isEqualTo("quiet hours");
        assertThat(digest.path("held_since").asText()).isEqualTo("2026-12-01T22:00:00Z");
        assertThat(digest.path("released_at").asText()).isEqualTo("2026-12-02T06:00:00Z");
        assertThat(digest.path("events").path(0)).isEqualTo(JSON.readTree(AlertDocuments.json(OPEN)));
    }

    @Test
    void mailsPlainTextWhoseMessageIdComesFromTheDeliveryId() {
        MailMessage mail = EmailMessage.of(ONE);
        ZonedDateTime now = ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);
        String mime = new String(mail.toMime("outcry@example.com", List.of("a@example.com", "b@example.com"), now),
                StandardCharsets.US_ASCII);
        String again = new String(EmailMessage.of(ONE).toMime("outcry@example.com", List.of("a@example.com"), now.plusHours(1)),
                StandardCharsets.US_ASCII);

        assertThat(mail.subject()).startsWith("[Outcry] Outage zone: windtre down in Campania");
        assertThat(mail.text()).contains(OPEN.alertId(), "delivery " + ONE.deliveryId());
        assertThat(mime).contains("To: a@example.com, b@example.com\r\n", "Content-Transfer-Encoding: base64\r\n")
                .doesNotContain("\n\n");
        assertThat(messageId(mime)).isEqualTo(messageId(again)).endsWith("@outcry>");
        assertThat(EmailMessage.of(DIGEST).subject()).isEqualTo("[Outcry] 2 alert events held by quiet hours since 1 Dec 22:00 UTC");
        assertThat(new String(new MailMessage("id", "Città · giù", "x").toMime("f@x", List.of("t@x"), now), StandardCharsets.US_ASCII))
                .contains("Subject: =?UTF-8?B?");
    }

    private static String messageId(String mime) {
        return mime.lines().filter(line -> line.startsWith("Message-ID: ")).findFirst().orElseThrow();
    }
}
