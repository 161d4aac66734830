package io.outcry.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.post.Author;
import io.outcry.post.CitedPost;
import io.outcry.zone.ZoneEvent;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Zone documents carry their example posts, in fields the zones template maps. */
class ZoneDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ONSET = 1_795_000_020_000L;

    @Test
    void aZoneDocumentShowsItsExamplePostsTextAndLinkInMappedFields() throws Exception {
        JsonNode doc = JSON.readTree(ZoneDocuments.json(zone(List.of(
                new CitedPost("p1", "twitter", ONSET + 5_000, 1_200, true, "Senza linea a Bari da un'ora",
                        "https://x.com/anna/status/p1", "IT.13", "Apulia", "outage", ONSET),
                new CitedPost("p2", "mastodon", ONSET + 9_000, Author.UNKNOWN_FOLLOWERS, false, "anche qui?", null,
                        "IT.13", "Apulia", "outage", ONSET)))));

        assertThat(doc.get("example_post_ids")).extracting(JsonNode::asText).containsExactly("p1", "p2");
        JsonNode first = doc.get("examples").get(0);
        assertThat(first.get("text").asText()).isEqualTo("Senza linea a Bari da un'ora");
        assertThat(first.get("permalink").asText()).isEqualTo("https://x.com/anna/status/p1");
        assertThat(first.get("created_at").asText()).isEqualTo("2026-11-18T11:07:05Z");
        assertThat(first.get("followers").asLong()).isEqualTo(1_200);
        assertThat(first.get("complaint").asBoolean()).isTrue();
        JsonNode second = doc.get("examples").get(1);
        assertThat(second.has("permalink")).as("no link where the platform gives none").isFalse();
        assertThat(second.has("followers")).isFalse();

        JsonNode properties = template().at("/template/mappings/properties");
        assertThat(names(properties)).containsAll(names(doc));
        assertThat(names(properties.at("/examples/properties"))).containsAll(names(first));
        assertThat(properties.at("/examples/properties/permalink/index").asBoolean()).isFalse();
        assertThat(properties.at("/examples/properties/text/type").asText()).isEqualTo("text");
    }

    @Test
    void aZoneThatCitesNoPostSaysSo() throws Exception {
        JsonNode doc = JSON.readTree(ZoneDocuments.json(zone(List.of())));
        assertThat(doc.get("example_post_ids")).isEmpty();
        assertThat(doc.get("examples")).isEmpty();
    }

    private static ZoneEvent zone(List<CitedPost> examples) {
        return new ZoneEvent("tim|sr8|x", "confirm", 1, "confirmed", "tim", 41.1, 16.9, List.of(41.0, 16.8, 41.2, 17.0),
                List.of("sr8"), ONSET, ONSET, ONSET, 10, 10, 20, 15, 0, 0, ONSET, -1, -1, ONSET, 0.9, List.of("Bari"),
                List.of("Bari"), List.of("Apulia"), List.of("text:20"), null).withExamples(examples);
    }

    private static JsonNode template() throws Exception {
        try (InputStream in = ZoneDocumentsTest.class.getResourceAsStream(ZoneDocuments.TEMPLATE_RESOURCE)) {
            return JSON.readTree(in);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
