package io.outcry.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import io.outcry.window.Complainer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

    static final long ONSET = Instant.parse("2026-11-20T17:30:00Z").toEpochMilli();

    static AlertEvent event(String type, String status, int severity) {
        Explanation explanation = new Explanation(List.of("rete", "napoli"), List.of("123"),
                List.of(new Complainer("mario", 300, false, 3)), List.of(new Complainer("vip", 250_000, true, 1)),
                400, 100, 0.25, 900_000, 0.8, 0, Map.of("Campania", 40L, "Lazio", 2L), Map.of("outage", 42L),
                Map.of("it", 380L), Map.of("complaint", 300L));
        return new AlertEvent("windtre|IT.04|*|2026-11-20T17:30:00Z", type, 0, status, "brand_region", "windtre",
                "IT.04", "Campania", "*", ONSET, ONSET + 60_000, ONSET + 60_000, ONSET + 60_000, severity, 7, 81.5,
                40, 2.1, 19.5, 40, 1, explanation);
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
        assertThat(message.get("blocks").get(2).toString()).contains("windtre|IT.04|*|2026-11-20T17:30:00Z");
    }

    @Test
    void aResolveSaysHowLongItLasted() throws Exception {
        JsonNode message = new ObjectMapper().readTree(SlackMessage.json(event("resolve", "resolved", 0)));

        assertThat(message.get("text").asText()).startsWith("Resolved: windtre · Campania").contains("peak severity 7/10");
    }
}
