package io.outcry.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.connectors.elasticsearch.DocumentMapper;
import io.outcry.connectors.elasticsearch.ElasticsearchDocument;
import io.outcry.time.IsoInstants;
import io.outcry.window.WindowResult;
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
        return result -> new ElasticsearchDocument(index(prefix, result), id(result), json(result), result.windowStart());
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
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("@timestamp", iso(result.windowStart()));
        doc.put("window_start", iso(result.windowStart()));
        doc.put("window_end", iso(result.windowEnd()));
        doc.put("brand", result.brand());
        doc.put("region_code", result.regionCode());
        doc.put("region_name", result.regionName());
        if (result.countryCode() != null) {
            doc.put("country_code", result.countryCode());
        }
        if (result.regionCentre() != null) {
            ObjectNode centre = doc.putObject("region_centre");
            centre.put("lat", result.regionCentre().lat());
            centre.put("lon", result.regionCentre().lon());
        }
        doc.put("topic", result.topic());
        doc.put("posts", result.posts());
        doc.put("complaints", result.complaints());
        doc.put("unique_authors", result.uniqueAuthors());
        doc.put("unique_complaining_authors", result.uniqueComplainingAuthors());
        doc.put("credible_complainers", result.evidence().credibleComplainers());
        doc.put("campaign_authors", result.evidence().campaignAuthors());
        doc.put("retweets", result.retweets());
        doc.put("replies", result.replies());
        doc.put("reach", result.reach());
        doc.put("negative_share", result.negativeShare());
        ArrayNode examples = doc.putArray("example_post_ids");
        result.examplePostIds().forEach(examples::add);
        ObjectNode languages = doc.putObject("languages");
        // Flink hands maps over as hash maps; sorting keeps the bytes stable.
        new TreeMap<>(result.languages()).forEach(languages::put);
        ObjectNode intents = doc.putObject("intents");
        new TreeMap<>(result.intents()).forEach(intents::put);
        ObjectNode sources = doc.putObject("location_sources");
        new TreeMap<>(result.locationSources()).forEach(sources::put);
        doc.put("revision", result.revision());
        try {
            return MAPPER.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** The index template of the daily indices {@code <prefix>-*}, named {@code <prefix>}. */
    public static IndexTemplate indexTemplate(String prefix, IndexSettings settings) {
        return IndexTemplate.bundled(TEMPLATE_RESOURCE, prefix, true, settings, prefix + "-*");
    }

    private static String iso(long epochMillis) {
        return IsoInstants.format(epochMillis);
    }
}
