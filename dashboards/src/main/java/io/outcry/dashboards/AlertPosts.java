package io.outcry.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The posts behind an alert or an outage zone, found by query in the posts index: posts are
 * written once, with the window key they were counted under, and never rewritten after detection.
 *
 * <ul>
 *   <li>An <b>alert</b>'s posts: its brand ({@code brands}), its level key ({@code region_code}
 *       unless the alert's is {@code *}, {@code topics} unless its topic is {@code *}) and its
 *       windows ({@code window_start} from its {@code onset} up to its {@code last_anomalous_end},
 *       or with no end while it is open). This is the window key the detector counted, so these
 *       are exactly the posts of its windows.</li>
 *   <li>A <b>zone</b>'s posts: its brand's posts on the {@code outage} topic (what the zone
 *       detector reads) whose {@code location.point} lies in the zone's box, from its
 *       {@code onset} to its {@code last_seen} (the end of its last hot window), or with no end
 *       while it is down. A zone's alert (level {@code zone}) has its zone's posts. The box, not the zone's province or town names: those are the names the
 *       detector snapped each post to (nearest gazetteer town), which a post's own
 *       {@code location.place} need not carry, and a post's province is a code where the zone's
 *       is a name; the box of the zone's map cells holds every post the detector grouped.</li>
 * </ul>
 *
 * <p>The boards' links open the same filters in Discover ({@code specs/alert-explanations.vl.json},
 * {@code specs/zones-*.vl.json}); {@code docs/posts.md} shows the query for the API.
 */
public final class AlertPosts {

    public static final String INDEX = "outcry-posts-*";
    static final String OUTAGE_TOPIC = "outage";
    /** A zone's alert: level {@code zone}, id {@code zone|<zone id>} (the job's {@code ZoneAlerts}). */
    static final String ZONE_LEVEL = "zone";
    static final String ZONE_ALERT_PREFIX = "zone|";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One post as a reader sees it; {@code retweets} is how often it was retweeted among the posts asked about. */
    public record Post(String id, Instant time, String handle, long followers, String text, String permalink, long retweets) {

        /** The permalink, or the post's id where the platform gave none. */
        public String link() {
            return permalink != null ? permalink : id;
        }
    }

    /** The posts of one alert or zone: how many, the most retweeted ones and the latest ones. */
    public record Posts(long total, List<Post> mostRetweeted, List<Post> mostRecent) {}

    private final PanelQueries queries;

    public AlertPosts(PanelQueries queries) {
        this.queries = queries;
    }

    /**
     * The filter of an alert's posts: a zone alert's are its zone's (looked up in
     * {@code zonesIndex}), a spike's those of its windows; null for a zone alert whose zone is
     * not in the index.
     */
    public ObjectNode query(JsonNode alert, String zonesIndex) throws IOException, InterruptedException {
        if (!ZONE_LEVEL.equals(alert.path("level").asText())) {
            return alertQuery(alert);
        }
        ObjectNode body = NODES.objectNode();
        body.put("size", 1);
        body.putObject("query").putObject("term").put("zone_id", alert.path("alert_id").asText().substring(ZONE_ALERT_PREFIX.length()));
        JsonNode zone = queries.search(new KibanaVegaQuery.Request(zonesIndex, body)).at("/hits/hits/0/_source");
        return zone.isMissingNode() ? null : zoneQuery(zone);
    }

    /** The filter of a spike alert's posts, from the alert document's source. */
    public static ObjectNode alertQuery(JsonNode alert) {
        ObjectNode query = NODES.objectNode();
        ArrayNode filter = query.putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("brands", alert.path("brand").asText());
        if (!"*".equals(alert.path("region_code").asText())) {
            filter.addObject().putObject("term").put("region_code", alert.path("region_code").asText());
        }
        if (!"*".equals(alert.path("topic").asText())) {
            filter.addObject().putObject("term").put("topics", alert.path("topic").asText());
        }
        ObjectNode range = filter.addObject().putObject("range").putObject("window_start");
        range.put("gte", alert.path("onset").asText());
        if ("resolved".equals(alert.path("status").asText())) {
            range.put("lt", alert.path("last_anomalous_end").asText());
        }
        return query;
    }

    /** The filter of a zone's posts, from the zone document's source. */
    public static ObjectNode zoneQuery(JsonNode zone) {
        ObjectNode query = NODES.objectNode();
        ArrayNode filter = query.putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("brands", zone.path("brand").asText());
        filter.addObject().putObject("term").put("topics", OUTAGE_TOPIC);
        ObjectNode box = filter.addObject().putObject("geo_bounding_box").putObject("location.point");
        box.set("top_left", zone.at("/bbox/top_left").deepCopy());
        box.set("bottom_right", zone.at("/bbox/bottom_right").deepCopy());
        ObjectNode range = filter.addObject().putObject("range").putObject("@timestamp");
        range.put("gte", zone.path("onset").asText());
        String status = zone.path("status").asText();
        if (!"suspected".equals(status) && !"confirmed".equals(status)) {
            // inclusive, as Discover's time picker is
            range.put("lte", zone.path("last_seen").asText());
        }
        return query;
    }

    /**
     * The {@code n} most retweeted posts (a terms aggregation on {@code retweeted_id} over the
     * posts, then the retweeted posts themselves, or a retweet's text where the original is not
     * in the index: it was older than the alert, about no brand, or sampled out) and the {@code n}
     * latest posts that are not retweets (those are counted in the first list).
     */
    public Posts find(ObjectNode query, int n) throws IOException, InterruptedException {
        ObjectNode body = NODES.objectNode();
        body.put("size", n);
        body.set("query", query.deepCopy());
        // Hits without the retweets, the aggregations over every post of the query.
        body.putObject("post_filter").putObject("bool").putArray("must_not").addObject().putObject("exists").put("field", "retweeted_id");
        body.putArray("sort").addObject().put("@timestamp", "desc");
        ObjectNode aggs = body.putObject("aggs");
        aggs.putObject("posts").putObject("value_count").put("field", "id");
        ObjectNode retweeted = aggs.putObject("retweeted");
        retweeted.putObject("terms").put("field", "retweeted_id").put("size", n);
        ObjectNode example = retweeted.putObject("aggs").putObject("example").putObject("top_hits");
        example.put("size", 1);
        example.putArray("sort").addObject().put("@timestamp", "asc");
        JsonNode response = queries.search(new KibanaVegaQuery.Request(INDEX, body));
        List<Post> recent = new ArrayList<>();
        response.at("/hits/hits").forEach(hit -> recent.add(post(hit.path("_source"), 0)));
        long total = response.at("/aggregations/posts/value").asLong();

        JsonNode buckets = response.at("/aggregations/retweeted/buckets");
        Map<String, JsonNode> originals = originals(buckets);
        List<Post> mostRetweeted = new ArrayList<>();
        for (JsonNode bucket : buckets) {
            String id = bucket.path("key").asText();
            long count = bucket.path("doc_count").asLong();
            JsonNode original = originals.get(id);
            if (original != null) {
                mostRetweeted.add(post(original, count));
            } else {
                JsonNode retweet = bucket.at("/example/hits/hits/0/_source");
                Post p = post(retweet, count);
                mostRetweeted.add(new Post(id, p.time(), p.handle(), p.followers(), p.text(), null, count));
            }
        }
        return new Posts(total, mostRetweeted, recent);
    }

    /** The retweeted posts that are in the index, by id. */
    private Map<String, JsonNode> originals(JsonNode buckets) throws IOException, InterruptedException {
        Map<String, JsonNode> byId = new HashMap<>();
        if (buckets.isEmpty()) {
            return byId;
        }
        ObjectNode body = NODES.objectNode();
        body.put("size", buckets.size());
        ArrayNode ids = body.putObject("query").putObject("terms").putArray("id");
        buckets.forEach(b -> ids.add(b.path("key").asText()));
        queries.search(new KibanaVegaQuery.Request(INDEX, body)).at("/hits/hits")
                .forEach(hit -> byId.putIfAbsent(hit.at("/_source/id").asText(), hit.path("_source")));
        return byId;
    }

    private static Post post(JsonNode source, long retweets) {
        return new Post(source.path("id").asText(), Instant.parse(source.path("@timestamp").asText()),
                source.at("/author/handle").asText(null), source.at("/author/followers").asLong(),
                source.path("text").asText(), source.path("permalink").asText(null), retweets);
    }
}
