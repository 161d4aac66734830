package io.outcry.index;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.elasticsearch.DocumentMapper;
import io.outcry.connectors.elasticsearch.ElasticsearchDocument;
import io.outcry.time.IsoInstants;
import io.outcry.window.WindowResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a {@link WindowResult} is stored in Elasticsearch: its JSON document, its id and its
 * daily index. The id is the window's identity, so a late update or a replay overwrites the
 * same document instead of adding one.
 */
public final class WindowDocuments {

    /** The composable index template for {@code <prefix>-*}, on the classpath. */
    public static final String TEMPLATE_RESOURCE = "/elasticsearch/outcry-windows-template.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WindowDocuments() {}

    /** How the Elasticsearch sink turns a window result into its document. */
    public static DocumentMapper<WindowResult> mapper(String prefix) {
        return mapper(prefix, Map.of());
    }

    /**
     * The same, each document of a brand in some competitor set carrying the brands whose set it is
     * in ({@code CatalogBrandRecognizer.competitorSets()}), so a filter on one of them selects its set.
     */
    public static DocumentMapper<WindowResult> mapper(String prefix, Map<String, List<String>> competitorSets) {
        Map<String, List<String>> sets = Map.copyOf(competitorSets);
        return result -> new ElasticsearchDocument(index(prefix, result), id(result),
                json(result, sets.getOrDefault(result.brand(), List.of())), result.windowStart());
    }

    /** {@code brand|region|topic|windowStart}: readable in Kibana, unique per window. */
    public static String id(WindowResult result) {
        return result.brand() + '|' + result.regionCode() + '|' + result.topic() + '|' + result.windowStart();
    }

    /** {@code <prefix>-yyyy.MM.dd} of the window start, in UTC. */
    public static String index(String prefix, WindowResult result) {
        return prefix + '-' + IsoInstants.day(result.windowStart());
    }

    /** The document as UTF-8 JSON, fields in a fixed order so a replay writes identical bytes. */
    public static byte[] json(WindowResult result) {
        return json(result, List.of());
    }

    /** The same, with the competitor sets the brand is in, when there are any. */
    public static byte[] json(WindowResult result, List<String> competitorSets) {
        return DocumentJson.object(MAPPER, g -> {
            g.writeStringField("@timestamp", IsoInstants.format(result.windowStart()));
            g.writeStringField("window_start", IsoInstants.format(result.windowStart()));
            g.writeStringField("window_end", IsoInstants.format(result.windowEnd()));
            g.writeStringField("brand", result.brand());
            if (!competitorSets.isEmpty()) {
                g.writeArrayFieldStart("competitor_sets");
                for (String set : competitorSets) {
                    g.writeString(set);
                }
                g.writeEndArray();
            }
            g.writeStringField("region_code", result.regionCode());
            g.writeStringField("region_name", result.regionName());
            if (result.countryCode() != null) {
                g.writeStringField("country_code", result.countryCode());
            }
            if (result.regionCentre() != null) {
                g.writeObjectFieldStart("region_centre");
                g.writeNumberField("lat", result.regionCentre().lat());
                g.writeNumberField("lon", result.regionCentre().lon());
                g.writeEndObject();
            }
            g.writeStringField("topic", result.topic());
            g.writeNumberField("posts", result.posts());
            g.writeNumberField("complaints", result.complaints());
            g.writeNumberField("unique_authors", result.uniqueAuthors());
            g.writeNumberField("unique_complaining_authors", result.uniqueComplainingAuthors());
            g.writeNumberField("credible_complainers", result.evidence().credibleComplainers());
            g.writeNumberField("campaign_authors", result.evidence().campaignAuthors());
            g.writeNumberField("retweets", result.retweets());
            g.writeNumberField("replies", result.replies());
            g.writeNumberField("reach", result.reach());
            g.writeNumberField("negative_share", result.negativeShare());
            g.writeArrayFieldStart("example_post_ids");
            for (String id : result.examplePostIds()) {
                g.writeString(id);
            }
            g.writeEndArray();
            // Flink hands maps over as hash maps; sorting keeps the bytes stable.
            counts(g, "languages", result.languages());
            counts(g, "intents", result.intents());
            counts(g, "location_sources", result.locationSources());
            g.writeNumberField("revision", result.revision());
        });
    }

    private static void counts(JsonGenerator g, String field, Map<String, Long> counts) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Long> count : new TreeMap<>(counts).entrySet()) {
            DocumentJson.number(g, count.getKey(), count.getValue());
        }
        g.writeEndObject();
    }

    /** The index template of the daily indices {@code <prefix>-*}, named {@code <prefix>}. */
    public static IndexTemplate indexTemplate(String prefix, IndexSettings settings) {
        return IndexTemplate.bundled(TEMPLATE_RESOURCE, prefix, true, settings, prefix + "-*");
    }

}
