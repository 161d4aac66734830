package io.outcry.index;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.elasticsearch.DocumentMapper;
import io.outcry.connectors.elasticsearch.ElasticsearchDocument;
import io.outcry.enrich.EnrichedPost;
import io.outcry.locate.Location;
import io.outcry.post.Author;
import io.outcry.post.CitedPost;
import io.outcry.post.Post;
import io.outcry.time.IsoInstants;
import java.io.IOException;
import java.util.List;

/**
 * How a post the job read is stored in the posts index (the posts behind every number): one
 * document per post, by its platform and id, in the daily index of its time. It carries the
 * window key it was counted under (brands, region, topics, window start), so an alert's posts
 * are those of its brand, level key and time span: nothing is rewritten after detection.
 */
public final class PostDocuments {

    public static final String DEFAULT_PREFIX = "outcry-posts";
    /** The composable index template for {@code <prefix>-*}, on the classpath. */
    public static final String TEMPLATE_RESOURCE = "/elasticsearch/outcry-posts-template.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PostDocuments() {}

    /** How the Elasticsearch sink turns an entry into its document, or into the deletion of it. */
    public static DocumentMapper<PostEntry> mapper(String prefix, long windowMillis) {
        return entry -> {
            String index = index(prefix, entry.createdAt());
            if (entry.isDeletion()) {
                return ElasticsearchDocument.deletion(index, entry.key(), entry.createdAt());
            }
            byte[] json = entry.post() != null ? json(entry.post(), windowMillis) : json(entry.brand(), entry.cited());
            return new ElasticsearchDocument(index, entry.key(), json, entry.createdAt());
        };
    }

    /** {@code <prefix>-yyyy.MM.dd} of the post's time, in UTC. */
    public static String index(String prefix, long createdAt) {
        return prefix + '-' + IsoInstants.day(createdAt);
    }

    /** The document as UTF-8 JSON, fields in a fixed order so a replay writes identical bytes. */
    public static byte[] json(EnrichedPost enriched, long windowMillis) {
        Post post = enriched.post();
        return DocumentJson.object(MAPPER, g -> {
            g.writeStringField("@timestamp", IsoInstants.format(post.createdAt()));
            g.writeStringField("window_start", IsoInstants.format(post.createdAt() - Math.floorMod(post.createdAt(), windowMillis)));
            g.writeStringField("id", post.id());
            g.writeStringField("platform", post.platform());
            optional(g, "permalink", post.permalink());
            g.writeObjectFieldStart("author");
            optional(g, "id", post.author().id());
            optional(g, "handle", post.author().handle());
            if (post.author().followersKnown()) {
                g.writeNumberField("followers", post.author().followers());
            }
            g.writeBooleanField("verified", post.author().verified());
            g.writeEndObject();
            g.writeStringField("text", post.text());
            g.writeStringField("language", enriched.lang());
            strings(g, "brands", enriched.brands());
            strings(g, "topics", enriched.topics());
            g.writeStringField("intent", enriched.intent().id());
            g.writeNumberField("polarity", enriched.polarity());
            g.writeBooleanField("negative", enriched.negative());
            g.writeBooleanField("complaint", enriched.complaint());
            g.writeStringField("region_code", enriched.region().code());
            g.writeStringField("region_name", enriched.region().name());
            location(g, enriched.location());
            optional(g, "reply_to_id", post.replyToId());
            optional(g, "quoted_id", post.quotedId());
            optional(g, "retweeted_id", post.retweetedId());
        });
    }

    /**
     * The document of a post the sample left out that an alert or a zone cites: what the citation
     * holds, with the window key it was counted under, so the alert's query finds it like the
     * others, and {@code cited_only} to say the rest (author, language, location...) is missing.
     */
    static byte[] json(String brand, CitedPost cited) {
        return DocumentJson.object(MAPPER, g -> {
            g.writeStringField("@timestamp", IsoInstants.format(cited.createdAt()));
            g.writeStringField("window_start", IsoInstants.format(cited.windowStart()));
            g.writeStringField("id", cited.id());
            g.writeStringField("platform", cited.platform());
            optional(g, "permalink", cited.permalink());
            if (cited.followers() != Author.UNKNOWN_FOLLOWERS) {
                g.writeObjectFieldStart("author");
                g.writeNumberField("followers", cited.followers());
                g.writeEndObject();
            }
            optional(g, "text", cited.text());
            strings(g, "brands", List.of(brand));
            strings(g, "topics", List.of(cited.topic()));
            g.writeBooleanField("complaint", cited.complaint());
            g.writeStringField("region_code", cited.regionCode());
            g.writeStringField("region_name", cited.regionName());
            g.writeBooleanField("cited_only", true);
        });
    }

    private static void location(JsonGenerator g, Location location) throws IOException {
        g.writeObjectFieldStart("location");
        g.writeStringField("source", location.source().id());
        g.writeNumberField("confidence", location.confidence());
        if (location.point() != null) {
            g.writeObjectFieldStart("point");
            g.writeNumberField("lat", location.point().lat());
            g.writeNumberField("lon", location.point().lon());
            g.writeEndObject();
        }
        optional(g, "place", location.place());
        optional(g, "province_code", location.provinceCode());
        optional(g, "region_code", location.regionCode());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /** The index template of the daily indices {@code <prefix>-*}, named {@code <prefix>}. */
    public static IndexTemplate indexTemplate(String prefix, IndexSettings settings) {
        return IndexTemplate.bundled(TEMPLATE_RESOURCE, prefix, true, settings, prefix + "-*");
    }
}
