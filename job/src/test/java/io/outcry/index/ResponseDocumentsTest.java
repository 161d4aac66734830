package io.outcry.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.care.BrandResponse;
import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import io.outcry.zone.ZoneEvent;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the brand spoke up, on the alert and zone documents, in fields their templates map. */
class ResponseDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ONSET = 1_795_000_020_000L;
    private static final BrandResponse SPOKE = BrandResponse.NONE
            .withStatement(ONSET + 754_999, "b1").withAffectedReply(ONSET + 1_200_000, "c1");

    @Test
    void anAlertShowsItsFirstStatementAndAffectedReplyInWholeSecondsSinceTheOnset() throws Exception {
        JsonNode doc = JSON.readTree(AlertDocuments.json(alert(SPOKE)));
        assertThat(doc.get("first_statement_at").asText()).isEqualTo("2026-11-18T11:19:34.999Z");
        assertThat(doc.get("first_statement_id").asText()).isEqualTo("b1");
        assertThat(doc.get("seconds_to_first_statement").asLong()).isEqualTo(754);
        assertThat(doc.get("first_affected_reply_case_id").asText()).isEqualTo("c1");
        assertThat(doc.get("seconds_to_first_affected_reply").asLong()).isEqualTo(1_200);
        assertThat(mapped(AlertDocuments.TEMPLATE_RESOURCE)).as("every field in the template")
                .containsAll(iterable(doc.fieldNames()));
    }

    @Test
    void whatHasNotHappenedIsAbsent() throws Exception {
        JsonNode measured = JSON.readTree(AlertDocuments.json(alert(BrandResponse.NONE)));
        JsonNode unmeasured = JSON.readTree(AlertDocuments.json(alert(null)));
        assertThat(measured.has("first_statement_at")).isFalse();
        assertThat(measured.has("first_affected_reply_at")).isFalse();
        assertThat(measured).isEqualTo(unmeasured);
    }

    @Test
    void aZoneShowsTheBrandsResponseAndWhetherItClaimedRecoveryWhileDown() throws Exception {
        JsonNode claimed = JSON.readTree(ZoneDocuments.json(zone(SPOKE.withRestoredClaim(ONSET + 60_000, "x1"))));
        assertThat(claimed.get("restored_claim_while_down").asBoolean()).isTrue();
        assertThat(claimed.get("restored_claim_post_id").asText()).isEqualTo("x1");
        assertThat(claimed.get("seconds_to_first_statement").asLong()).isEqualTo(754);
        assertThat(mapped(ZoneDocuments.TEMPLATE_RESOURCE)).containsAll(iterable(claimed.fieldNames()));

        JsonNode silent = JSON.readTree(ZoneDocuments.json(zone(BrandResponse.NONE)));
        assertThat(silent.get("restored_claim_while_down").asBoolean()).isFalse();
        assertThat(silent.has("restored_claim_post_id")).isFalse();
    }

    private static List<String> mapped(String resource) throws Exception {
        try (InputStream in = ResponseDocumentsTest.class.getResourceAsStream(resource)) {
            return iterable(JSON.readTree(in).at("/template/mappings/properties").fieldNames());
        }
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static AlertEvent alert(BrandResponse response) {
        AlertEvent alert = new AlertEvent("tim|15|outage|x", "open", 0, AlertEvent.OPEN, "brand_region_topic", "tim", "15",
                "Puglia", "outage", ONSET, ONSET + 180_000, ONSET + 180_000, ONSET + 180_000, 3, 3, 50, 10, 2, 5, 10, 1, 1,
                new Explanation(List.of(), List.of(), List.of(), List.of(), 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of()));
        return response == null ? alert : alert.withResponse(response);
    }

    private static ZoneEvent zone(BrandResponse response) {
        return new ZoneEvent("tim|sr8|x", "confirm", 1, "confirmed", "tim", 41.1, 16.9, List.of(41.0, 16.8, 41.2, 17.0),
                List.of("sr8"), ONSET, ONSET, ONSET, 10, 10, 20, 15, 0, 0, ONSET, -1, -1, ONSET, 0.9, List.of("Bari"),
                List.of("Bari"), List.of("Puglia"), List.of("text:20"), null).withResponse(response);
    }
}
