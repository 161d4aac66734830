package io.outcry.index;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.care.BrandQueue;
import io.outcry.care.CareCase;
import io.outcry.care.CareMetrics;
import io.outcry.care.CareWindow;
import io.outcry.care.QueuedCase;
import io.outcry.connectors.elasticsearch.DocumentMapper;
import io.outcry.connectors.elasticsearch.ElasticsearchDocument;
import io.outcry.time.IsoInstants;
import java.io.IOException;
import java.util.List;

/**
 * How customer care is stored in Elasticsearch: care windows in daily indices
 * {@code <prefix>-yyyy.MM.dd} (one document per brand, scope, topic, region and window, so a
 * late firing or a replay overwrites it, holding every first response time of the window), each
 * brand's care queue in one index (one document per brand, as it stands: the board's "waiting
 * for an answer"), and, when asked for, the cases in one index, one document per brand and case
 * id holding the case as it stands.
 */
public final class CareDocuments {

    public static final String WINDOWS_TEMPLATE = "/elasticsearch/outcry-care-template.json";
    public static final String CASES_TEMPLATE = "/elasticsearch/outcry-care-cases-template.json";
    public static final String DEFAULT_PREFIX = "outcry-care";
    public static final String QUEUE_TEMPLATE = "/elasticsearch/outcry-care-queue-template.json";
    public static final String DEFAULT_QUEUE_INDEX = "outcry-care-queue";
    /** The per-case index the demo turns on; the job writes none unless given one. */
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

    /** Each brand's queue into {@code index}, id the brand: the latest minute's overwrites the one before. */
    public static DocumentMapper<BrandQueue> queue(String index) {
        return q -> new ElasticsearchDocument(index, q.brand(), json(q), q.asOf());
    }

    public static byte[] json(BrandQueue q) {
        return DocumentJson.object(MAPPER, g -> {
            g.writeStringField("@timestamp", IsoInstants.format(q.asOf()));
            g.writeStringField("brand", q.brand());
            g.writeStringField("as_of", IsoInstants.format(q.asOf()));
            g.writeNumberField("waiting", q.waiting());
            g.writeNumberField("waiting_within_sla", q.waitingWithinSla());
            g.writeNumberField("waiting_past_sla", q.waitingPastSla());
            if (q.oldestWaitingAt() >= 0) {
                g.writeStringField("oldest_waiting_at", IsoInstants.format(q.oldestWaitingAt()));
            }
            queued(g, "next_due", q.nextDue());
            queued(g, "latest_breached", q.latestBreached());
        });
    }

    private static void queued(JsonGenerator g, String field, List<QueuedCase> cases) throws IOException {
        g.writeArrayFieldStart(field);
        for (QueuedCase c : cases) {
            g.writeStartObject();
            g.writeStringField("case_id", c.caseId());
            g.writeStringField("opened_at", IsoInstants.format(c.openedAt()));
            g.writeStringField("sla_deadline", IsoInstants.format(c.slaDeadline()));
            if (c.author() != null) {
                g.writeStringField("author", c.author());
            }
            if (c.permalink() != null) {
                g.writeStringField("permalink", c.permalink());
            }
            g.writeStringField("topic", c.topic());
            g.writeStringField("region_code", c.region());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    public static byte[] json(CareWindow w) {
        return DocumentJson.object(MAPPER, g -> {
            g.writeStringField("@timestamp", IsoInstants.format(w.windowStart()));
            g.writeStringField("window_start", IsoInstants.format(w.windowStart()));
            g.writeStringField("window_end", IsoInstants.format(w.windowEnd()));
            g.writeStringField("brand", w.brand());
            g.writeStringField("scope", w.scope());
            g.writeStringField("topic", w.topic());
            g.writeStringField("region_code", w.region());
            metrics(g, w.all());
            g.writeNumberField("brand_replies", w.brandReplies());
            g.writeNumberField("canned_replies", w.cannedReplies());
            putIfSet(g, "canned_share", w.cannedShare());
            if (w.cannedExample() != null) {
                g.writeStringField("canned_example", w.cannedExample());
            }
            g.writeNumberField("unmatched_replies", w.unmatchedReplies());
            g.writeObjectFieldStart("incident");
            metrics(g, w.incident());
            g.writeEndObject();
            g.writeObjectFieldStart("normal");
            metrics(g, w.normal());
            g.writeEndObject();
        });
    }

    public static byte[] json(CareCase c) {
        return DocumentJson.object(MAPPER, g -> {
            g.writeStringField("@timestamp", IsoInstants.format(c.eventTime()));
            g.writeStringField("case_id", c.caseId());
            g.writeStringField("event", c.event());
            g.writeNumberField("sequence", c.sequence());
            g.writeStringField("brand", c.brand());
            g.writeStringField("customer", c.customer());
            g.writeStringField("opened_at", IsoInstants.format(c.openedAt()));
            g.writeStringField("topic", c.topic());
            g.writeStringField("region_code", c.region());
            g.writeStringField("lang", c.lang());
            g.writeStringField("intent", c.intent());
            g.writeStringField("status", c.status());
            g.writeBooleanField("waiting", CareCase.OPEN.equals(c.status()) || CareCase.UNANSWERED.equals(c.status()));
            g.writeStringField("sla_deadline", IsoInstants.format(c.slaDeadline()));
            if (c.isAnswered()) {
                g.writeStringField("first_response_at", IsoInstants.format(c.firstResponseAt()));
                g.writeNumberField("response_seconds", c.responseSeconds());
            }
            g.writeBooleanField("answered_after_sla", c.answeredAfterSla());
            g.writeNumberField("replies", c.replies());
            g.writeNumberField("posts", c.posts());
            g.writeBooleanField("canned", c.canned());
            g.writeBooleanField("incident", c.incident());
            if (c.alertId() != null) {
                g.writeStringField("alert_id", c.alertId());
            }
            if (c.permalink() != null) {
                g.writeStringField("permalink", c.permalink());
            }
        });
    }

    /** The template of the daily care windows indices {@code <prefix>-*}, named {@code <prefix>}. */
    public static IndexTemplate windowsTemplate(String prefix, IndexSettings settings) {
        return IndexTemplate.bundled(WINDOWS_TEMPLATE, prefix, true, settings, prefix + "-*");
    }

    /** The queue template, named and patterned after the index. */
    public static IndexTemplate queueTemplate(String index, IndexSettings settings) {
        return IndexTemplate.bundled(QUEUE_TEMPLATE, index, false, settings, index);
    }

    /** The cases template, named and patterned after the index. */
    public static IndexTemplate casesTemplate(String index, IndexSettings settings) {
        return IndexTemplate.bundled(CASES_TEMPLATE, index, false, settings, index);
    }

    private static void metrics(JsonGenerator g, CareMetrics m) throws IOException {
        g.writeNumberField("cases_opened", m.opened());
        g.writeNumberField("cases_answered", m.answered());
        putIfSet(g, "response_rate", m.responseRate());
        if (m.p50Seconds() != null) {
            DocumentJson.number(g, "first_response_p50_seconds", m.p50Seconds());
            DocumentJson.number(g, "first_response_p90_seconds", m.p90Seconds());
            DocumentJson.number(g, "first_response_mean_seconds", m.meanSeconds());
        }
        if (!m.responseSeconds().isEmpty()) {
            g.writeArrayFieldStart("response_seconds");
            for (long seconds : m.responseSeconds()) {
                g.writeNumber(seconds);
            }
            g.writeEndArray();
        }
        g.writeNumberField("answered_within_sla", m.answeredWithinSla());
        g.writeNumberField("answered_after_sla", m.answeredAfterSla());
        g.writeNumberField("unanswered_after_sla", m.unansweredAfterSla());
        g.writeNumberField("expired_unanswered", m.expired());
    }

    private static void putIfSet(JsonGenerator g, String field, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value.doubleValue());
        }
    }

}
