package io.outcry.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a panel's Elasticsearch queries the way Kibana does ({@link KibanaVegaQuery}) and puts
 * the rows each data entry selects ({@code format.property}) into the spec as inline
 * {@code values}: the spec then renders without Kibana, on exactly the data Kibana would give it.
 */
public final class PanelQueries {

    /** One data entry's request and the rows its {@code format.property} selects. */
    public record SourceResult(String name, KibanaVegaQuery.Request request, JsonNode response, ArrayNode rows) {}

    /** The spec with its data inlined, and what each of its queries returned. */
    public record Result(ObjectNode spec, List<SourceResult> sources) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String elasticsearch;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public PanelQueries(String elasticsearchUrl) {
        this.elasticsearch = elasticsearchUrl.replaceAll("/+$", "");
    }

    public Result run(ObjectNode spec, KibanaVegaQuery.TimeRange time, ObjectNode context) throws IOException, InterruptedException {
        ObjectNode copy = spec.deepCopy();
        List<SourceResult> results = new ArrayList<>();
        for (PanelData.Source source : PanelData.sources(copy)) {
            KibanaVegaQuery.Request request = KibanaVegaQuery.fill(source.url(), time, context);
            JsonNode response = search(request);
            ArrayNode rows = rows(response, source.property());
            results.add(new SourceResult(source.name(), request, response, rows));
            ObjectNode data = source.data();
            data.remove("url");
            if (data.has("format")) {
                ((ObjectNode) data.get("format")).remove("property");
                if (data.get("format").isEmpty()) {
                    data.remove("format");
                }
            }
            data.set("values", rows);
        }
        return new Result(copy, results);
    }

    /** {@code POST /<index>/_search}; Kibana's search service also tolerates missing indices. */
    public JsonNode search(KibanaVegaQuery.Request request) throws IOException, InterruptedException {
        String path = "/" + URLEncoder.encode(request.index(), StandardCharsets.UTF_8).replace("%2C", ",").replace("%2A", "*")
                + "/_search?ignore_unavailable=true&allow_no_indices=true";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(elasticsearch + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request.body())))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Elasticsearch refused the query on " + request.index() + " (HTTP " + response.statusCode() + "): "
                    + response.body() + "\nquery: " + request.body());
        }
        return JSON.readTree(response.body());
    }

    /** The array at a dotted {@code format.property} path; the whole response when there is none. */
    static ArrayNode rows(JsonNode response, String property) throws IOException {
        JsonNode node = response;
        if (!property.isEmpty()) {
            for (String step : property.split("\\.")) {
                node = node.path(step);
            }
        }
        if (!node.isArray()) {
            throw new IOException("the response has no array at '" + property + "': " + response);
        }
        return (ArrayNode) node;
    }
}
