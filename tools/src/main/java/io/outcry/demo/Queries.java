package io.outcry.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.elasticsearch.ElasticsearchClients;
import io.outcry.index.CareDocuments;
import io.outcry.index.PostDocuments;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Ready-to-paste queries for the demo's indices, and the document counts for its summary, read
 * through {@link ElasticsearchClients} so that a secured node is read with the demo's reader.
 */
final class Queries implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final String esUrl;
    private final String curl;
    private final RestClient client;

    /**
     * @param settings {@code --elasticsearch-properties} settings of a reader
     * @param curlOptions what a pasted {@code curl} needs to reach the node, e.g. {@code --cacert ca.crt -u user}
     */
    Queries(String esUrl, Map<String, String> settings, String curlOptions) {
        this.esUrl = esUrl;
        this.curl = "curl -s " + (curlOptions.isEmpty() ? "" : curlOptions + " ");
        this.client = ElasticsearchClients.restClient(List.of(esUrl), settings);
    }

    void print(PrintStream out, String indexPrefix, String alertsIndex) {
        String index = esUrl + "/" + indexPrefix + "-*";
        out.println();
        out.println("Try these while it runs:");
        out.println("  # the five worst situations now: open alerts by crisis score");
        out.println("  " + curl + "'" + esUrl + "/" + alertsIndex + "/_search?pretty&size=5&q=status:open&sort=crisis_score:desc"
                + "&filter_path=hits.hits._source.alert_id,hits.hits._source.severity,hits.hits._source.crisis_score,"
                + "hits.hits._source.explanation.top_terms'");
        out.println("  # the ten windows with the most complaints");
        out.println("  " + curl + "'" + index + "/_search?pretty&size=10&sort=complaints:desc&filter_path=hits.hits._source'");
        out.println("  # complaints per brand");
        out.println("  " + curl + "-H 'Content-Type: application/json' '" + index + "/_search?pretty&size=0' -d '"
                + "{\"aggs\":{\"brands\":{\"terms\":{\"field\":\"brand\"},\"aggs\":{\"complaints\":{\"sum\":{\"field\":\"complaints\"}}}}}}'");
        out.println("  # where windtre users complain about outages, by region");
        out.println("  " + curl + "-H 'Content-Type: application/json' '" + index + "/_search?pretty&size=0' -d '"
                + "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"brand\":\"windtre\"}},{\"term\":{\"topic\":\"outage\"}}]}},"
                + "\"aggs\":{\"regions\":{\"terms\":{\"field\":\"region_name\"},\"aggs\":{\"authors\":{\"sum\":{\"field\":\"unique_complaining_authors\"}}}}}}'");
        out.println("  # complaints per 10 minutes for one brand");
        out.println("  " + curl + "-H 'Content-Type: application/json' '" + index + "/_search?pretty&size=0' -d '"
                + "{\"query\":{\"term\":{\"brand\":\"ryanair\"}},\"aggs\":{\"over_time\":{\"date_histogram\":"
                + "{\"field\":\"@timestamp\",\"fixed_interval\":\"10m\"},\"aggs\":{\"complaints\":{\"sum\":{\"field\":\"complaints\"}}}}}}'");
        out.println("  # the posts behind a number: windtre's outage complaints from Campania, most followed authors first");
        out.println("  " + curl + "-H 'Content-Type: application/json' '" + esUrl + "/" + PostDocuments.DEFAULT_PREFIX
                + "-*/_search?pretty&size=5' -d '{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"brands\":\"windtre\"}},"
                + "{\"term\":{\"region_code\":\"IT.04\"}},{\"term\":{\"topics\":\"outage\"}},{\"term\":{\"complaint\":true}}]}},"
                + "\"sort\":[{\"author.followers\":\"desc\"}],\"_source\":[\"@timestamp\",\"author.handle\",\"text\",\"permalink\"]}'");
        out.println("  # customer care: each brand's queue, the longest first, with the next cases due");
        out.println("  " + curl + "'" + esUrl + "/" + CareDocuments.DEFAULT_QUEUE_INDEX + "/_search?pretty&size=5&sort=waiting:desc"
                + "&filter_path=hits.hits._source.brand,hits.hits._source.as_of,hits.hits._source.waiting,"
                + "hits.hits._source.waiting_past_sla,hits.hits._source.next_due'");
        out.println();
    }

    /**
     * Documents in the indices matching the pattern, after a refresh so that the count is current;
     * 0 when no index matches (a run that raised no alert has no alerts index).
     */
    long countDocuments(String indexPattern) throws IOException {
        send("POST", "/" + indexPattern + "/_refresh?ignore_unavailable=true");
        String body = send("GET", "/" + indexPattern + "/_count?ignore_unavailable=true");
        Matcher m = COUNT.matcher(body);
        if (!m.find()) {
            throw new IOException("unexpected answer from " + esUrl + "/" + indexPattern + "/_count: " + body);
        }
        return Long.parseLong(m.group(1));
    }

    /** The open and resolved alerts with the highest crisis scores, one line each, with how fast the brand spoke up. */
    List<String> worstAlerts(String alertsIndex, int count) throws IOException {
        String body = send("GET", "/" + alertsIndex + "/_search?size=" + count + "&sort=crisis_score:desc&ignore_unavailable=true");
        List<String> lines = new ArrayList<>();
        for (JsonNode hit : MAPPER.readTree(body).path("hits").path("hits")) {
            JsonNode alert = hit.path("_source");
            String spoke = alert.has("seconds_to_first_statement")
                    ? "first statement after " + alert.path("seconds_to_first_statement").asLong() + " s" : "no statement yet";
            lines.add(String.format(Locale.ROOT, "%s severity %d crisis %.1f %s, %s", alert.path("alert_id").asText(),
                    alert.path("peak_severity").asInt(), alert.path("crisis_score").asDouble(), alert.path("status").asText(), spoke));
        }
        return lines;
    }

    /** The body of a 2xx answer; any other status throws, with the answer. */
    private String send(String method, String endpoint) throws IOException {
        return EntityUtils.toString(client.performRequest(new Request(method, endpoint)).getEntity());
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
