package io.outcry.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import io.outcry.pipeline.Reconciliation;
import io.outcry.simulate.GroundTruth;

/** The one JSON line a timed demo ends with. */
final class Summary {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Summary() {}

    /**
     * @param indexed  alerts in the alerts index (one document per alert)
     * @param events   alert events committed to the alerts topic
     * @param webhooks messages the webhook received (opens, reopens, resolves)
     * @param worst    the alerts with the highest crisis scores
     */
    record Alerts(long indexed, long events, long webhooks, List<String> worst) {}

    /** Outage zones in the zones index, zone events on the zones topic. */
    record Zones(long indexed, long events) {}

    /** Care window documents and case documents in Elasticsearch. */
    record Care(long documents, long queues, long cases) {}

    /**
     * @param truth         what the simulator wrote, or null when it did not finish or did not run
     * @param sourceRecords how many records {@code --source} files put on the posts topic, or null when simulating
     * @param records       what became of every record the job read
     */
    static String json(Counts counts, long esDocuments, long postsIndexed, Alerts alerts, Zones zones, Care care, String esUrl, GroundTruth truth,
            Long sourceRecords, Reconciliation records, Progress progress, double seconds) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("posts", counts.posts());
        line.put("windows", counts.windows());
        line.put("dead_letters", counts.deadLetters());
        line.put("es_documents", esDocuments);
        line.put("posts_indexed", postsIndexed);
        line.put("alerts", alerts.indexed());
        line.put("alert_events_on_topic", alerts.events());
        line.put("webhook_messages", alerts.webhooks());
        alerts.worst().forEach(line.putArray("worst_alerts")::add);
        if (zones != null) {
            line.put("zones", zones.indexed());
            line.put("zone_events_on_topic", zones.events());
        }
        if (care != null) {
            line.put("care_documents", care.documents());
            line.put("care_queues", care.queues());
            line.put("care_cases", care.cases());
        }
        line.put("es_url", esUrl);
        line.put("posts_per_second", Math.round(progress.averageRate()));
        line.put("peak_posts_per_second", Math.round(progress.peakRate()));
        line.put("malformed", counts.malformed());
        line.put("too_late", counts.tooLate());
        line.put("refused_by_es", counts.rejected());
        line.put("firehose_complete", truth != null || sourceRecords != null);
        if (sourceRecords != null) {
            line.put("source_records", sourceRecords);
        }
        if (truth != null) {
            line.put("simulated_records", truth.totals().records());
            line.put("simulated_malformed", truth.totals().malformed());
            line.put("simulated_late", truth.totals().late());
        }
        ObjectNode reconciliation = line.putObject("reconciliation");
        reconciliation.put("holds", records.holds());
        reconciliation.put("records_read", records.read());
        reconciliation.put("posts", records.posts());
        ObjectNode deadLetters = reconciliation.putObject("dead_letters");
        deadLetters.put("unreadable", records.unreadable());
        deadLetters.put("too_late", records.tooLate());
        deadLetters.put("enrichment_failed", records.notEnriched());
        reconciliation.put("duplicates", records.duplicates());
        reconciliation.put("line", records.line());
        line.put("seconds", Math.round(seconds));
        try {
            return MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
