package io.outcry.index;

import static io.outcry.post.Citations.cited;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcry.window.ComplaintEvidence;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.post.GeoPoint;
import io.outcry.window.WindowResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = Instant.parse("2026-11-20T23:59:00Z").toEpochMilli();

    private static WindowResult result(Map<String, Long> languages, GeoPoint centre, String country) {
        return new WindowResult("tim", "IT.09", "Lombardia", country, centre, "outage",
                START, START + 60_000, 12, 7, 9, 5, 3, 2, 4_321, 0.75,
                cited("10", "11"), languages, Map.of("complaint", 7L, "question", 5L),
                Map.of("text", 8L, "profile", 3L, "coordinates", 1L),
                new ComplaintEvidence(4, List.of(1L, 2L, 3L, 4L), 2, List.of(), List.of()), 2);
    }

    private static final WindowResult RESULT = result(Map.of("it", 10L, "en", 2L), new GeoPoint(45.6, 9.8), "IT");

    @Test
    void identifiesAWindowReadablyByBrandRegionTopicAndStart() {
        assertThat(WindowDocuments.id(RESULT)).isEqualTo("tim|IT.09|outage|" + START);
    }

    @Test
    void indexesByTheUtcDayOfTheWindowStart() {
        assertThat(WindowDocuments.index("outcry-windows", RESULT)).isEqualTo("outcry-windows-2026.11.20");
    }

    @Test
    void writesSnakeCaseFieldsWithIsoTimesAndAGeoPoint() throws Exception {
        JsonNode doc = JSON.readTree(WindowDocuments.json(RESULT));

        assertThat(doc.get("@timestamp").asText()).isEqualTo("2026-11-20T23:59:00Z");
        assertThat(doc.get("window_start").asText()).isEqualTo("2026-11-20T23:59:00Z");
        assertThat(doc.get("window_end").asText()).isEqualTo("2026-11-21T00:00:00Z");
        assertThat(doc.get("brand").asText()).isEqualTo("tim");
        assertThat(doc.get("region_code").asText()).isEqualTo("IT.09");
        assertThat(doc.get("region_name").asText()).isEqualTo("Lombardia");
        assertThat(doc.get("country_code").asText()).isEqualTo("IT");
        assertThat(doc.get("region_centre").get("lat").asDouble()).isEqualTo(45.6);
        assertThat(doc.get("region_centre").get("lon").asDouble()).isEqualTo(9.8);
        assertThat(doc.get("topic").asText()).isEqualTo("outage");
        assertThat(doc.get("posts").asLong()).isEqualTo(12);
        assertThat(doc.get("complaints").asLong()).isEqualTo(7);
        assertThat(doc.get("unique_authors").asLong()).isEqualTo(9);
        assertThat(doc.get("unique_complaining_authors").asLong()).isEqualTo(5);
        assertThat(doc.get("credible_complainers").asLong()).isEqualTo(4);
        assertThat(doc.get("campaign_authors").asLong()).isEqualTo(2);
        assertThat(doc.has("voice_ids")).as("voice ids are for rollups, not for the index").isFalse();
        assertThat(doc.get("retweets").asLong()).isEqualTo(3);
        assertThat(doc.get("replies").asLong()).isEqualTo(2);
        assertThat(doc.get("reach").asLong()).isEqualTo(4_321);
        assertThat(doc.get("negative_share").asDouble()).isEqualTo(0.75);
        assertThat(doc.get("example_post_ids")).extracting(JsonNode::asText).containsExactly("10", "11");
        assertThat(doc.get("languages").get("it").asLong()).isEqualTo(10);
        assertThat(doc.get("location_sources").fieldNames()).toIterable().containsExactly("coordinates", "profile", "text");
        assertThat(doc.get("location_sources").get("text").asLong()).isEqualTo(8);
        assertThat(doc.get("revision").asInt()).isEqualTo(2);
    }

    @Test
    void leavesOutTheCentreAndCountryOfAnUnknownRegion() throws Exception {
        JsonNode doc = JSON.readTree(WindowDocuments.json(result(Map.of(), null, null)));

        assertThat(doc.has("region_centre")).isFalse();
        assertThat(doc.has("country_code")).isFalse();
    }

    @Test
    void writesIdenticalBytesWhateverTheLanguageMapOrder() {
        Map<String, Long> one = new LinkedHashMap<>();
        one.put("it", 1L);
        one.put("en", 2L);
        Map<String, Long> other = new LinkedHashMap<>();
        other.put("en", 2L);
        other.put("it", 1L);

        assertThat(WindowDocuments.json(result(one, null, "IT"))).isEqualTo(WindowDocuments.json(result(other, null, "IT")));
    }

    @Test
    void aBrandInCompetitorSetsCarriesThemAndOneInNoneIsWrittenAsBefore() throws Exception {
        Map<String, List<String>> sets = io.outcry.enrich.CatalogBrandRecognizer.bundled().competitorSets();
        assertThat(sets.get("tim")).containsExactly("fastweb", "iliad", "tim", "vodafone", "windtre");
        assertThat(sets).doesNotContainKey("poste");

        JsonNode doc = JSON.readTree(WindowDocuments.mapper("w", sets).map(RESULT).source());
        assertThat(doc.get("competitor_sets").toString()).isEqualTo("[\"fastweb\",\"iliad\",\"tim\",\"vodafone\",\"windtre\"]");
        assertThat(WindowDocuments.mapper("w", Map.of()).map(RESULT).source()).isEqualTo(WindowDocuments.json(RESULT));
        assertThat(JSON.readTree(WindowDocuments.json(RESULT)).has("competitor_sets")).isFalse();
    }

    @Test
    void mapsEveryDocumentFieldInTheIndexTemplate() throws Exception {
        JsonNode template = JSON.readTree(WindowDocuments.indexTemplate("outcry-windows", IndexSettings.defaults()).body());
        JsonNode properties = template.at("/template/mappings/properties");
        JsonNode doc = JSON.readTree(WindowDocuments.json(RESULT, List.of("tim")));

        Set<String> documentFields = new HashSet<>();
        doc.fieldNames().forEachRemaining(documentFields::add);
        Set<String> mappedFields = new HashSet<>();
        properties.fieldNames().forEachRemaining(mappedFields::add);
        assertThat(mappedFields).isEqualTo(documentFields);
        assertThat(template.at("/template/mappings/dynamic").asText()).isEqualTo("strict");
    }

    @Test
    void mapsEachFieldToTheTypeDashboardsQuery() throws Exception {
        JsonNode properties = JSON.readTree(WindowDocuments.indexTemplate("outcry-windows", IndexSettings.defaults()).body()).at("/template/mappings/properties");
        Map<String, String> types = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            types.put(field.getKey(), field.getValue().get("type").asText());
        }

        assertThat(types).containsEntry("@timestamp", "date").containsEntry("window_start", "date")
                .containsEntry("window_end", "date").containsEntry("brand", "keyword")
                .containsEntry("region_code", "keyword").containsEntry("topic", "keyword")
                .containsEntry("region_centre", "geo_point").containsEntry("posts", "long")
                .containsEntry("reach", "long").containsEntry("negative_share", "float")
                .containsEntry("example_post_ids", "keyword").containsEntry("revision", "integer");
    }

    @Test
    void patternsTheTemplateOnTheConfiguredPrefix() throws Exception {
        JsonNode template = JSON.readTree(WindowDocuments.indexTemplate("acme-windows", IndexSettings.defaults()).body());

        assertThat(template.get("index_patterns")).extracting(JsonNode::asText).containsExactly("acme-windows-*");
    }
}
