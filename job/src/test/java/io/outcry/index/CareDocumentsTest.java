package io.outcry.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.care.CareCase;
import io.outcry.care.CareMetrics;
import io.outcry.care.CareWindow;
import io.outcry.connectors.elasticsearch.ElasticsearchDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CareDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    static CareWindow window() {
        CareMetrics all = new CareMetrics(4, 2, 0.5, 60L, 300L, 180.0, 1, 1, 1, 0, List.of(60L, 300L));
        CareMetrics none = new CareMetrics(0, 0, null, null, null, null, 0, 0, 0, 0, List.of());
        return new CareWindow("tim", "brand", "*", "*", T0, T0 + 3_600_000, all, none, all, 3, 2, 2 / 3.0, "Sorry, DM us", 1);
    }

    static CareCase answered() {
        return new CareCase("tim", "q1", CareCase.ANSWERED, 1, T0 + 60_000, "anna", T0, "billing", "IT.09", "it", "question",
                T0 + 60_000, 60, T0 + 3_600_000, CareCase.STATUS_ANSWERED, false, 1, 2, true, true, "tim|*|*|x", "https://x.com/anna/status/q1");
    }

    @Test
    void aCareWindowGoesToItsDayUnderAStableIdWithEveryFieldMapped() throws Exception {
        ElasticsearchDocument doc = CareDocuments.windows("outcry-care").map(window());
        assertThat(doc.index()).isEqualTo("outcry-care-2026.11.20");
        assertThat(doc.id()).isEqualTo("tim|brand|*|*|" + T0);
        JsonNode json = JSON.readTree(doc.source());
        assertThat(json.get("cases_opened").asLong()).isEqualTo(4);
        assertThat(json.get("first_response_p90_seconds").asLong()).isEqualTo(300);
        assertThat(json.get("response_seconds").toString()).as("every time, for percentiles across windows").isEqualTo("[60,300]");
        assertThat(json.get("normal").get("response_seconds").toString()).isEqualTo("[60,300]");
        assertThat(json.get("incident").has("response_seconds")).isFalse();
        assertThat(json.get("canned_example").asText()).isEqualTo("Sorry, DM us");
        assertThat(json.get("incident").has("first_response_p50_seconds")).as("no times without answers").isFalse();
        assertThat(json.get("incident").has("response_rate")).isFalse();
        assertThat(mapped(CareDocuments.windowsTemplate("outcry-care", IndexSettings.defaults()).body())).containsAll(paths(json));
        assertThat(JSON.readTree(CareDocuments.windowsTemplate("x-care", IndexSettings.defaults()).body()).get("index_patterns").toString()).isEqualTo("[\"x-care-*\"]");
    }

    @Test
    void aCaseIsOneDocumentPerBrandAndCaseWithEveryFieldMapped() throws Exception {
        ElasticsearchDocument doc = CareDocuments.cases("outcry-care-cases").map(answered());
        assertThat(doc.index()).isEqualTo("outcry-care-cases");
        assertThat(doc.id()).isEqualTo("tim|q1");
        JsonNode json = JSON.readTree(doc.source());
        assertThat(json.get("waiting").asBoolean()).isFalse();
        assertThat(json.get("response_seconds").asLong()).isEqualTo(60);
        assertThat(json.get("first_response_at").asText()).isEqualTo("2026-11-20T10:01:00Z");
        assertThat(json.get("permalink").asText()).isEqualTo("https://x.com/anna/status/q1");
        assertThat(mapped(CareDocuments.casesTemplate("outcry-care-cases", IndexSettings.defaults()).body())).containsAll(paths(json));
        assertThat(JSON.readTree(CareDocuments.casesTemplate("outcry-care-cases", IndexSettings.defaults()).body()).get("priority").asInt())
                .as("above the windows' outcry-care-*, which also matches the cases index")
                .isGreaterThan(JSON.readTree(CareDocuments.windowsTemplate("outcry-care", IndexSettings.defaults()).body()).get("priority").asInt());
    }

    /** Dotted paths of the leaf fields of a document. */
    private static List<String> paths(JsonNode doc) {
        List<String> paths = new ArrayList<>();
        doc.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                e.getValue().fieldNames().forEachRemaining(sub -> paths.add(e.getKey() + "." + sub));
            } else {
                paths.add(e.getKey());
            }
        });
        return paths;
    }

    private static List<String> mapped(String template) throws Exception {
        List<String> paths = new ArrayList<>();
        JSON.readTree(template).at("/template/mappings/properties").fields().forEachRemaining(e -> {
            if (e.getValue().has("properties")) {
                e.getValue().get("properties").fieldNames().forEachRemaining(sub -> paths.add(e.getKey() + "." + sub));
            } else {
                paths.add(e.getKey());
            }
        });
        return paths;
    }
}
