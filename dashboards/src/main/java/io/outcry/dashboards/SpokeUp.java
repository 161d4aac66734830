package io.outcry.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast the brand spoke up about the report's worst alerts and its outage zones, as the alerts
 * and zones indices say (the statement tracker's fields, docs/care.md): the time from the onset to
 * its first public statement and that post's id, to its first reply to a customer the incident
 * affected and that case's id, and on a zone whether its official account said "it works again"
 * while the zone was still down.
 */
final class SpokeUp {

    /** The brand's zones the report lists, the most reported first. */
    static final int ZONES = 5;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of("alert_id", "zone_id", "brand", "topic", "region_name", "level", "status",
            "onset", "towns", "regions", "first_statement_id", "seconds_to_first_statement", "first_affected_reply_case_id",
            "seconds_to_first_affected_reply", "restored_claim_while_down", "restored_claim_post_id", "restored_claim_at");

    /**
     * One line of the table.
     *
     * @param incident what it is about: brand, topic and region of an alert, towns of a zone
     * @param onset    when it started, UTC
     * @param statement the time to the first statement and its post, or "no statement yet"
     * @param reply    the time to the first reply to an affected customer and its case, or that there is none yet
     * @param restored on a zone, whether the brand said it works again while it was down; empty on an alert
     */
    record Row(String incident, String onset, String statement, String reply, String restored) {}

    private final PanelQueries queries;

    SpokeUp(PanelQueries queries) {
        this.queries = queries;
    }

    /** The rows of the alerts with these ids, in this order, as the alerts index holds them now. */
    List<Row> alerts(String alertsIndex, List<String> alertIds) throws IOException, InterruptedException {
        if (alertIds.isEmpty()) {
            return List.of();
        }
        ObjectNode body = body(alertIds.size());
        ArrayNode ids = body.putObject("query").putObject("terms").putArray("alert_id");
        alertIds.forEach(ids::add);
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode hit : queries.search(new KibanaVegaQuery.Request(alertsIndex, body)).at("/hits/hits")) {
            byId.put(hit.at("/_source/alert_id").asText(), hit.path("_source"));
        }
        List<Row> rows = new ArrayList<>();
        for (String id : alertIds) {
            JsonNode alert = byId.get(id);
            if (alert != null) {
                boolean zone = AlertPosts.ZONE_LEVEL.equals(alert.path("level").asText());
                rows.add(row(alert, alert.path("brand").asText() + " · " + orAll(alert.path("topic").asText(), "all topics") + " · "
                        + orAll(alert.path("region_name").asText(), "all regions") + (zone ? " (outage zone alert)" : ""), false));
            }
        }
        return rows;
    }

    /** The rows of the brand's outage zones that overlap the range, the most reported first. */
    List<Row> zones(String zonesIndex, String brand, KibanaVegaQuery.TimeRange time) throws IOException, InterruptedException {
        ObjectNode body = body(ZONES);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("brand", brand);
        filter.addObject().putObject("range").putObject("onset").put("lte", Instant.ofEpochMilli(time.max()).toString());
        filter.addObject().putObject("range").putObject("last_seen").put("gte", Instant.ofEpochMilli(time.min()).toString());
        body.putArray("sort").addObject().put("unique_authors", "desc");
        List<Row> rows = new ArrayList<>();
        for (JsonNode hit : queries.search(new KibanaVegaQuery.Request(zonesIndex, body)).at("/hits/hits")) {
            JsonNode zone = hit.path("_source");
            List<String> towns = new ArrayList<>();
            zone.path("towns").forEach(t -> towns.add(t.asText()));
            rows.add(row(zone, "outage zone: " + String.join(", ", towns.subList(0, Math.min(3, towns.size())))
                    + " (" + zone.path("status").asText() + ")", true));
        }
        return rows;
    }

    /** The table, or a sentence when there is nothing to list. */
    static String html(List<Row> rows) {
        StringBuilder html = new StringBuilder("<h2>How fast the brand spoke up</h2>\n");
        if (rows.isEmpty()) {
            return html.append("<p>No alerts or outage zones in this range.</p>\n").toString();
        }
        html.append("<table class=\"posts\"><tr><th>alert or zone</th><th>onset</th><th>first public statement</th>"
                + "<th>first reply to an affected customer</th><th>\"it works again\" while down</th></tr>\n");
        for (Row row : rows) {
            html.append("<tr>");
            for (String cell : List.of(row.incident(), row.onset(), row.statement(), row.reply(), row.restored())) {
                html.append("<td>").append(Html.escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    /** "14 min 5 s" from the onset. */
    static String after(long seconds) {
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    private static Row row(JsonNode doc, String incident, boolean zone) {
        String statement = doc.hasNonNull("seconds_to_first_statement")
                ? "after " + after(doc.path("seconds_to_first_statement").asLong()) + " (post " + doc.path("first_statement_id").asText() + ")"
                : "no statement yet";
        String reply = doc.hasNonNull("seconds_to_first_affected_reply")
                ? "after " + after(doc.path("seconds_to_first_affected_reply").asLong()) + " (case "
                        + doc.path("first_affected_reply_case_id").asText() + ")"
                : "no reply yet";
        String restored = !zone ? "" : doc.path("restored_claim_while_down").asBoolean()
                ? "yes, at " + time(doc.path("restored_claim_at").asText()) + " (post " + doc.path("restored_claim_post_id").asText() + ")"
                : "no";
        return new Row(incident, time(doc.path("onset").asText()), statement, reply, restored);
    }

    private static ObjectNode body(int size) {
        ObjectNode body = NODES.objectNode();
        body.put("size", size);
        ArrayNode source = body.putArray("_source");
        FIELDS.forEach(source::add);
        return body;
    }

    private static String orAll(String value, String all) {
        return "*".equals(value) ? all : value;
    }

    private static String time(String iso) {
        return Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS).toString().replace("T", " ").replace("Z", "");
    }
}
