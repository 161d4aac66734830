package io.outcry.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.care.CareCase;
import io.outcry.care.CareMetrics;
import io.outcry.care.CareWindow;
import io.outcry.window.WindowResult;
import java.time.Instant;
import java.util.TreeMap;

/** The JSON of care and window documents as it was written before, through a tree: see {@link DocumentJsonEquivalenceTest}. */
final class FormerDocuments {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FormerDocuments() {}

    static byte[] careWindow(CareWindow w) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("@timestamp", iso(w.windowStart()));
        doc.put("window_start", iso(w.windowStart()));
        doc.put("window_end", iso(w.windowEnd()));
        doc.put("brand", w.brand());
        doc.put("scope", w.scope());
        doc.put("topic", w.topic());
        doc.put("region_code", w.region());
        metrics(doc, w.all());
        doc.put("brand_replies", w.brandReplies());
        doc.put("canned_replies", w.cannedReplies());
        putIfSet(doc, "canned_share", w.cannedShare());
        if (w.cannedExample() != null) {
            doc.put("canned_example", w.cannedExample());
        }
        doc.put("unmatched_replies", w.unmatchedReplies());
        metrics(doc.putObject("incident"), w.incident());
        metrics(doc.putObject("normal"), w.normal());
        return bytes(doc);
    }

    static byte[] careCase(CareCase c) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("@timestamp", iso(c.eventTime()));
        doc.put("case_id", c.caseId());
        doc.put("event", c.event());
        doc.put("sequence", c.sequence());
        doc.put("brand", c.brand());
        doc.put("customer", c.customer());
        doc.put("opened_at", iso(c.openedAt()));
        doc.put("topic", c.topic());
        doc.put("region_code", c.region());
        doc.put("lang", c.lang());
        doc.put("intent", c.intent());
        doc.put("status", c.status());
        doc.put("waiting", CareCase.OPEN.equals(c.status()) || CareCase.UNANSWERED.equals(c.status()));
        doc.put("sla_deadline", iso(c.slaDeadline()));
        if (c.isAnswered()) {
            doc.put("first_response_at", iso(c.firstResponseAt()));
            doc.put("response_seconds", c.responseSeconds());
        }
        doc.put("answered_after_sla", c.answeredAfterSla());
        doc.put("replies", c.replies());
        doc.put("posts", c.posts());
        doc.put("canned", c.canned());
        doc.put("incident", c.incident());
        if (c.alertId() != null) {
            doc.put("alert_id", c.alertId());
        }
        if (c.permalink() != null) {
            doc.put("permalink", c.permalink());
        }
        return bytes(doc);
    }

    private static void metrics(ObjectNode doc, CareMetrics m) {
        doc.put("cases_opened", m.opened());
        doc.put("cases_answered", m.answered());
        putIfSet(doc, "response_rate", m.responseRate());
        if (m.p50Seconds() != null) {
            doc.put("first_response_p50_seconds", m.p50Seconds());
            doc.put("first_response_p90_seconds", m.p90Seconds());
            doc.put("first_response_mean_seconds", m.meanSeconds());
        }
        if (!m.responseSeconds().isEmpty()) {
            m.responseSeconds().forEach(doc.putArray("response_seconds")::add);
        }
        doc.put("answered_within_sla", m.answeredWithinSla());
        doc.put("answered_after_sla", m.answeredAfterSla());
        doc.put("unanswered_after_sla", m.unansweredAfterSla());
        doc.put("expired_unanswered", m.expired());
    }

    private static void putIfSet(ObjectNode doc, String field, Double value) {
        if (value != null) {
            doc.put(field, value);
        }
    }


    private static byte[] bytes(ObjectNode doc) {
        try {
            return MAPPER.writeValueAsBytes(doc);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a JSON tree always serializes", ex);
        }
    }

    static byte[] windowResult(WindowResult result) {
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
        return bytes(doc);
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
