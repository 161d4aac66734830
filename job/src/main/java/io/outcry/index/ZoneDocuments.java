package io.outcry.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.connectors.elasticsearch.DocumentMapper;
import io.outcry.connectors.elasticsearch.ElasticsearchDocument;
import io.outcry.time.IsoInstants;
import io.outcry.zone.ZoneEvent;
import java.util.List;

/**
 * How outage zones are stored in Elasticsearch: the zones index holds one document per zone,
 * overwritten by each of its events, so it shows the zone as it stands; the history index
 * keeps every event. Both use the same JSON, which is also what the zones topic carries: with
 * the zone's example posts ({@link CitedPosts}), so a reader sees what people say there.
 */
public final class ZoneDocuments {

    public static final String TEMPLATE_RESOURCE = "/elasticsearch/outcry-zones-template.json";
    /** Zones as they stand: {@code <prefix>}; their events: {@code <prefix>-history-yyyy.MM.dd}. */
    public static final String DEFAULT_PREFIX = "outcry-zones";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ZoneDocuments() {}

    /** One document per zone id, updated in place. */
    public static DocumentMapper<ZoneEvent> current(String prefix) {
        return event -> new ElasticsearchDocument(prefix, event.zoneId(), json(event), event.eventTime());
    }

    /** One document per event, in a daily index. */
    public static DocumentMapper<ZoneEvent> history(String prefix) {
        return event -> new ElasticsearchDocument(
                prefix + "-history-" + IsoInstants.day(event.eventTime()),
                event.zoneId() + '#' + event.sequence(), json(event), event.eventTime());
    }

    /** The event as UTF-8 JSON, fields in a fixed order so a replay writes identical bytes. */
    public static byte[] json(ZoneEvent e) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("@timestamp", IsoInstants.format(e.eventTime()));
        doc.put("zone_id", e.zoneId());
        doc.put("event", e.event());
        doc.put("sequence", e.sequence());
        doc.put("status", e.status());
        doc.put("down", "suspected".equals(e.status()) || "confirmed".equals(e.status()));
        doc.put("brand", e.brand());
        doc.putObject("centre").put("lat", e.centreLat()).put("lon", e.centreLon());
        ObjectNode bbox = doc.putObject("bbox");
        bbox.putObject("top_left").put("lat", e.bbox().get(2)).put("lon", e.bbox().get(1));
        bbox.putObject("bottom_right").put("lat", e.bbox().get(0)).put("lon", e.bbox().get(3));
        strings(doc.putArray("cells"), e.cells());
        doc.put("onset", IsoInstants.format(e.onset()));
        doc.put("last_seen", IsoInstants.format(e.lastSeen()));
        doc.put("peak_at", IsoInstants.format(e.peakAt()));
        if (e.recoveryAt() >= 0) {
            doc.put("recovery_at", IsoInstants.format(e.recoveryAt()));
        }
        if (e.resolvedAt() >= 0) {
            doc.put("resolved_at", IsoInstants.format(e.resolvedAt()));
        }
        doc.put("duration_minutes", ((e.recoveryAt() >= 0 ? e.recoveryAt() : e.lastSeen()) - e.onset()) / 60_000);
        doc.put("peak_voices", e.peakVoices());
        doc.put("voices", e.voices());
        doc.put("posts", e.posts());
        doc.put("unique_authors", e.uniqueAuthors());
        doc.put("restored_authors", e.restoredAuthors());
        doc.put("restored_retweets", e.restoredRetweets());
        doc.put("confidence", e.confidence());
        strings(doc.putArray("towns"), e.towns());
        strings(doc.putArray("provinces"), e.provinces());
        strings(doc.putArray("regions"), e.regions());
        strings(doc.putArray("sources"), e.sources());
        if (e.related() != null) {
            doc.put("related", e.related());
        }
        CitedPosts.write(doc, e.examples());
        AlertDocuments.response(doc, e.onset(), e.response());
        if (e.response() != null) {
            doc.put("restored_claim_while_down", e.response().hasRestoredClaim());
            if (e.response().hasRestoredClaim()) {
                doc.put("restored_claim_post_id", e.response().restoredClaimId());
                doc.put("restored_claim_at", IsoInstants.format(e.response().restoredClaimAt()));
            }
        }
        try {
            return MAPPER.writeValueAsBytes(doc);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a JSON tree always serializes", ex);
        }
    }

    /**
     * The bundled template twice: {@code <prefix>} for the index of zones as they stand, and
     * {@code <prefix>-history} for the daily history indices, which alone a retention deletes.
     * Installed in this order: the first replaces the one template of both that Outcry installed
     * before templates had versions, before the second claims the history's pattern (Elasticsearch
     * refuses two templates of one priority whose patterns overlap).
     */
    public static List<IndexTemplate> indexTemplates(String prefix, IndexSettings settings) {
        return List.of(IndexTemplate.bundled(TEMPLATE_RESOURCE, prefix, false, settings, prefix),
                IndexTemplate.bundled(TEMPLATE_RESOURCE, prefix + "-history", true, settings, prefix + "-history-*"));
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

}
