package io.outcry.demo;

import io.outcry.index.CareDocuments;
import java.io.IOException;
import java.io.PrintStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ready-to-paste queries for the demo's indices, and the document count for its summary. */
final class Queries {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private Queries() {}

    static void print(PrintStream out, String esUrl, String indexPrefix, String alertsIndex) {
        String index = esUrl + "/" + indexPrefix + "-*";
        out.println();
        out.println("Try these while it runs:");
        out.println("  # the five worst situations now: open alerts by crisis score");
        out.println("  curl -s '" + esUrl + "/" + alertsIndex + "/_search?pretty&size=5&q=status:open&sort=crisis_score:desc"
                + "&filter_path=hits.hits._source.alert_id,hits.hits._source.severity,hits.hits._source.crisis_score,"
                + "hits.hits._source.explanation.top_terms'");
        out.println("  # the ten windows with the most complaints");
        out.println("  curl -s '" + index + "/_search?pretty&size=10&sort=complaints:desc&filter_path=hits.hits._source'");
        out.println("  # complaints per brand");
        out.println("  curl -s -H 'Content-Type: application/json' '" + index + "/_search?pretty&size=0' -d '"
                + "{\"aggs\":{\"brands\":{\"terms\":{\"field\":\"brand\"},\"aggs\":{\"complaints\":{\"sum\":{\"field\":\"complaints\"}}}}}}'");
        out.println("  # where windtre users complain about outages, by region");
        out.println("  curl -s -H 'Content-Type: application/json' '" + index + "/_search?pretty&size=0' -d '"
                + "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"brand\":\"windtre\"}},{\"term\":{\"topic\":\"outage\"}}]}},"
                + "\"aggs\":{\"regions\":{\"terms\":{\"field\":\"region_name\"},\"aggs\":{\"authors\":{\"sum\":{\"field\":\"unique_complaining_authors\"}}}}}}'");
        out.println("  # complaints per 10 minutes for one brand");
        out.println("  curl -s -H 'Content-Type: application/json' '" + index + "/_search?pretty&size=0' -d '"
                + "{\"query\":{\"term\":{\"brand\":\"ryanair\"}},\"aggs\":{\"over_time\":{\"date_histogram\":"
                + "{\"field\":\"@timestamp\",\"fixed_interval\":\"10m\"},\"aggs\":{\"complaints\":{\"sum\":{\"field\":\"complaints\"}}}}}}'");
        out.println("  # customer care: the cases still waiting for an answer, oldest first");
        out.println("  curl -s '" + esUrl + "/" + CareDocuments.DEFAULT_CASES_INDEX + "/_search?pretty&size=10&q=waiting:true&sort=opened_at:asc"
                + "&filter_path=hits.hits._source.brand,hits.hits._source.customer,hits.hits._source.opened_at,hits.hits._source.sla_deadline'");
        out.println();
    }

    /**
     * Documents in the indices matching the pattern, after a refresh so that the count is current;
     * 0 when no index matches (a run that raised no alert has no alerts index).
     */
    static long countDocuments(String esUrl, String indexPattern) throws IOException, InterruptedException {
        String index = esUrl + "/" + indexPattern;
        send(HttpRequest.newBuilder(URI.create(index + "/_refresh?ignore_unavailable=true")).POST(HttpRequest.BodyPublishers.noBody()));
        String body = send(HttpRequest.newBuilder(URI.create(index + "/_count?ignore_unavailable=true")).GET());
        Matcher m = COUNT.matcher(body);
        if (!m.find()) {
            throw new IOException("unexpected answer from " + index + "/_count: " + body);
        }
        return Long.parseLong(m.group(1));
    }

    /** The open and resolved alerts with the highest crisis scores, one line each. */
    static List<String> worstAlerts(String esUrl, String alertsIndex, int count) throws IOException, InterruptedException {
        String body = send(HttpRequest.newBuilder(URI.create(esUrl + "/" + alertsIndex + "/_search?size=" + count
                + "&sort=crisis_score:desc&ignore_unavailable=true")).GET());
        List<String> lines = new ArrayList<>();
        for (JsonNode hit : MAPPER.readTree(body).path("hits").path("hits")) {
            JsonNode alert = hit.path("_source");
            lines.add(String.format(Locale.ROOT, "%s severity %d crisis %.1f %s", alert.path("alert_id").asText(),
                    alert.path("peak_severity").asInt(), alert.path("crisis_score").asDouble(), alert.path("status").asText()));
        }
        return lines;
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
