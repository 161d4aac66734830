package io.outcry.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import io.outcry.post.Author;
import io.outcry.post.CitedPost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDocumentsTest {

    private static final long ONSET = Instant.parse("2026-11-20T17:12:00Z").toEpochMilli();

    @Test
    void anAlertShowsItsExamplePostsTextAndLinkBesideTheirIds() throws Exception {
        List<CitedPost> examples = List.of(
                new CitedPost("101", "twitter", ONSET + 5_000, 3_400, true, "a Bari niente rete da stamattina",
                        "https://x.com/i/status/101", "15", "Puglia", "outage", ONSET),
                new CitedPost("102", "mastodon", ONSET + 9_000, Author.UNKNOWN_FOLLOWERS, true, "Bari: linea morta",
                        null, "15", "Puglia", "outage", ONSET));
        AlertEvent alert = new AlertEvent("tim|15|outage|x", "open", 0, AlertEvent.OPEN, "brand_region_topic", "tim", "15",
                "Puglia", "outage", ONSET, ONSET + 180_000, ONSET + 180_000, ONSET + 180_000, 3, 3, 50, 10, 2, 5, 10, 1, 1,
                new Explanation(List.of(), examples, List.of(), List.of(), 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of()));

        JsonNode explanation = new ObjectMapper().readTree(AlertDocuments.json(alert)).get("explanation");

        assertThat(explanation.get("example_post_ids").toString()).isEqualTo("[\"101\",\"102\"]");
        JsonNode first = explanation.get("examples").get(0);
        assertThat(first.get("text").asText()).isEqualTo("a Bari niente rete da stamattina");
        assertThat(first.get("permalink").asText()).isEqualTo("https://x.com/i/status/101");
        assertThat(first.get("created_at").asText()).isEqualTo("2026-11-20T17:12:05Z");
        assertThat(first.get("followers").asLong()).isEqualTo(3_400);
        JsonNode second = explanation.get("examples").get(1);
        assertThat(second.has("permalink")).as("no link is made up where the platform gave none").isFalse();
        assertThat(second.has("followers")).isFalse();
    }
}
