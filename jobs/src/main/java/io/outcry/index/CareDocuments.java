package io.outcry.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.care.CareCase;
import io.outcry.care.CareMetrics;
import io.outcry.care.CareWindow;
import io.outcry.connectors.elasticsearch.DocumentMapper;
import io.outcry.connectors.elasticsearch.ElasticsearchDocument;
import io.outcry.time.IsoInstants;

/**
 * How customer care is stored in Elasticsearch: care windows in daily indices
 * {@code <prefix>-yyyy.MM.dd} (one document per brand, scope, topic, region and window, so a
 * late firing or a replay overwrites it), and cases in one index, one document per brand and
 * case id holding the case as it stands (the board's "waiting for an answer" queue).
 */
public final class CareDocuments {

    public static final String WINDOWS_TEMPLATE = "/elasticsearch/outcry-care-template.json";
    public static final String CASES_TEMPLATE = "/elasticsearch/outcry-care-cases-template.json";
    public static final String DEFAULT_PREFIX = "outcry-care";
    public static final String DEFAULT_CASES_INDEX = "outcry-care-cases";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CareDocuments() {}

    /** Care windows into {@code <prefix>-yyyy.MM.dd} of their start, id {@code brand|scope|topic|region|start millis}. */
    public static DocumentMapper<CareWindow> windows(String prefix) {
        return w -> new ElasticsearchDocument(prefix + '-' + IsoInstants.day(w.windowStart()), w.id(),
                json(w), w.windowStart());
    }

    /** Cases into {@code index}, id {@code brand|case id}: a post addressed to two brands opens a case with each. */
    public static DocumentMapper<CareCase> cases(String index) {
        return c -> new ElasticsearchDocument(index, c.brand() + '|' + c.caseId(), json(c), c.eventTime());
    }

    public static byte[] json(CareWindow w) {
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

    public static byte[] json(CareCase c) {
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
        return bytes(doc);
    }

    /** The template of the daily care windows indices {@code <prefix>-*}, named {@code <prefix>}. */
    public static IndexTemplate windowsTemplate(String prefix, IndexSettings settings) {
        return IndexTemplate.bundled(WINDOWS_TEMPLATE, prefix, true, settings, prefix + "-*");
    }

    /** The cases template, named and patterned after the index. */
    public static IndexTemplate casesTemplate(String index, IndexSettings settings) {
        return IndexTemplate.bundled(CASES_TEMPLATE, index, false, settings, index);
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

    private static String iso(long epochMillis) {
        return IsoInstants.format(epochMillis);
    }
}
