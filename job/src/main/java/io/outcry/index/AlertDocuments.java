package io.outcry.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.care.BrandResponse;
import io.outcry.connectors.elasticsearch.DocumentMapper;
import io.outcry.connectors.elasticsearch.ElasticsearchDocument;
import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import io.outcry.post.Author;
import io.outcry.time.IsoInstants;
import io.outcry.window.Complainer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How alerts are stored in Elasticsearch: the alerts index holds one document per alert,
 * overwritten by each of its events so it always shows the alert as it stands; the history
 * index keeps every event. Both use the same JSON, which is also what the alerts topic carries.
 */
public final class AlertDocuments {

    public static final String TEMPLATE_RESOURCE = "/elasticsearch/outcry-alerts-template.json";
    /** Alerts as they stand: {@code <prefix>}; their events: {@code <prefix>-history-yyyy.MM.dd}. */
    public static final String DEFAULT_PREFIX = "outcry-alerts";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertDocuments() {}

    /** One document per alert id, updated in place. */
    public static DocumentMapper<AlertEvent> current(String prefix) {
        return event -> new ElasticsearchDocument(prefix, event.alertId(), json(event), event.eventTime());
    }

    /** One document per event, in a daily index. */
    public static DocumentMapper<AlertEvent> history(String prefix) {
        return event -> new ElasticsearchDocument(
                prefix + "-history-" + IsoInstants.day(event.eventTime()),
                event.alertId() + '#' + event.sequence(), json(event), event.eventTime());
    }

    /** The event as UTF-8 JSON, fields in a fixed order so a replay writes identical bytes. */
    public static byte[] json(AlertEvent event) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("@timestamp", IsoInstants.format(event.eventTime()));
        doc.put("alert_id", event.alertId());
        doc.put("event", event.event());
        doc.put("sequence", event.sequence());
        doc.put("status", event.status());
        doc.put("level", event.level());
        doc.put("brand", event.brand());
        doc.put("region_code", event.regionCode());
        doc.put("region_name", event.regionName());
        doc.put("topic", event.topic());
        doc.put("onset", IsoInstants.format(event.onset()));
        doc.put("detected_at", IsoInstants.format(event.detectedAt()));
        doc.put("last_anomalous_end", IsoInstants.format(event.lastAnomalousEnd()));
        if (AlertEvent.RESOLVED.equals(event.status())) {
            doc.put("resolved_at", IsoInstants.format(event.eventTime()));
        }
        doc.put("duration_minutes", (event.lastAnomalousEnd() - event.onset()) / 60_000);
        doc.put("severity", event.severity());
        doc.put("peak_severity", event.peakSeverity());
        doc.put("crisis_score", event.crisisScore());
        doc.put("observed", event.observed());
        doc.put("expected", round(event.expected()));
        doc.put("score", round(event.score()));
        doc.put("peak_observed", event.peakObserved());
        doc.put("anomalous_windows", event.anomalousWindows());
        doc.put("scale_minutes", event.scaleMinutes());
        response(doc, event.onset(), event.response());
        explanation(doc.putObject("explanation"), event.explanation());
        try {
            return MAPPER.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * How the brand spoke up, when measured: its first statement and first reply to an affected
     * customer, each with the whole seconds since the onset; absent until they happen.
     */
    static void response(ObjectNode doc, long onset, BrandResponse response) {
        if (response == null) {
            return;
        }
        if (response.hasStatement()) {
            doc.put("first_statement_at", IsoInstants.format(response.firstStatementAt()));
            doc.put("first_statement_id", response.firstStatementId());
            doc.put("seconds_to_first_statement", (response.firstStatementAt() - onset) / 1000);
        }
        if (response.hasAffectedReply()) {
            doc.put("first_affected_reply_at", IsoInstants.format(response.firstAffectedReplyAt()));
            doc.put("first_affected_reply_case_id", response.firstAffectedReplyId());
            doc.put("seconds_to_first_affected_reply", (response.firstAffectedReplyAt() - onset) / 1000);
        }
    }

    private static void explanation(ObjectNode node, Explanation e) {
        strings(node.putArray("top_terms"), e.topTerms());
        CitedPosts.write(node, e.examples());
        complainers(node.putArray("top_authors"), e.topAuthors());
        complainers(node.putArray("influencers"), e.influencers());
        node.put("posts", e.posts());
        node.put("retweets", e.retweets());
        node.put("retweet_share", round(e.retweetShare()));
        node.put("reach", e.reach());
        node.put("negative_share", round(e.negativeShare()));
        node.put("campaign_authors", e.campaignAuthors());
        counts(node.putArray("regions"), e.regions());
        counts(node.putArray("topics"), e.topics());
        counts(node.putArray("languages"), e.languages());
        counts(node.putArray("intents"), e.intents());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void complainers(ArrayNode array, List<Complainer> complainers) {
        for (Complainer c : complainers) {
            ObjectNode node = array.addObject();
            node.put("handle", c.handle());
            if (c.followers() != Author.UNKNOWN_FOLLOWERS) {
                node.put("followers", c.followers());
            }
            node.put("verified", c.verified());
            node.put("posts", c.posts());
        }
    }

    /** Name-count pairs rather than an object per name: region names are not field names. */
    private static void counts(ArrayNode array, Map<String, Long> counts) {
        new TreeMap<>(counts).forEach((name, count) -> array.addObject().put("name", name).put("count", count));
    }

    /**
     * The bundled template twice: {@code <prefix>} for the index of alerts as they stand, and
     * {@code <prefix>-history} for the daily history indices, which alone a retention deletes.
     * Installed in this order: the first replaces the one template of both that Outcry installed
     * before templates had versions, before the second claims the history's pattern (Elasticsearch
     * refuses two templates of one priority whose patterns overlap).
     */
    public static List<IndexTemplate> indexTemplates(String prefix, IndexSettings settings) {
        return List.of(IndexTemplate.bundled(TEMPLATE_RESOURCE, prefix, false, settings, prefix),
                IndexTemplate.bundled(TEMPLATE_RESOURCE, prefix + "-history", true, settings, prefix + "-history-*"));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

}
