package io.outcry.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/queries.md is executable: every query in it runs against the real node filled by the
 * real job, and its field tables match the index templates exactly.
 */
class CookbookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOC = Path.of("..", "docs", "queries.md");
    private static final IndexTemplates TEMPLATES = IndexTemplates.load(Path.of("..", "job", "src", "main", "resources", "elasticsearch"));

    record Query(String title, String method, String path, String body) {}

    @Test
    void everyCookbookQueryRunsAndFindsSomething() throws Exception {
        String es = SimulatedIndices.elasticsearch();
        List<Query> queries = queries(Files.readString(DOC));
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        HttpClient http = HttpClient.newHttpClient();
        for (Query q : queries) {
            // "now" is the end of the simulated data, so "this week" and "today" find it.
            String body = q.body().replace("\"now-", "\"" + SimulatedIndices.TO + "||-")
                    .replace("\"now/", "\"" + SimulatedIndices.TO + "||/").replace("\"now\"", "\"" + SimulatedIndices.TO + "\"");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(es + q.path()))
                    .header("Content-Type", "application/json")
                    .method(q.method(), HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s: %s", q.title(), response.body()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.at("/_shards/failed").asInt()).as(q.title()).isZero();
            assertThat(findsSomething(answer)).as("%s finds nothing: %s", q.title(), response.body()).isTrue();
        }
    }

    @Test
    void theFieldTablesDocumentEveryMappedFieldWithItsType() throws Exception {
        Map<String, Map<String, String>> tables = tables(Files.readString(DOC));
        assertThat(tables).isNotEmpty();
        Set<String> documented = new LinkedHashSet<>();
        tables.forEach((heading, fields) -> {
            IndexTemplates.Template template = TEMPLATES.owner(heading).orElseThrow(() ->
                    new AssertionError("no template owns the documented index " + heading));
            documented.add(template.name());
            Map<String, String> mapped = new LinkedHashMap<>(template.fields());
            template.dynamicPaths().forEach((path, type) -> mapped.put(path.replace("*", "<"), type));
            Map<String, String> inDoc = new LinkedHashMap<>();
            fields.forEach((field, type) -> inDoc.put(field.replaceAll("<[a-z]+>", "<"), type));
            assertThat(inDoc).as("fields documented for " + heading).isEqualTo(mapped);
        });
        assertThat(documented).as("every template is documented")
                .containsExactlyInAnyOrderElementsOf(TEMPLATES.templates().stream().map(IndexTemplates.Template::name).toList());
    }

    @Test
    void theAlertingRulesQueryUsesMappedFieldsAndRunsOnTheAlertsIndex() throws Exception {
        JsonNode rule = JSON.readTree(Path.of("alerting", "outcry-alert-opened.rule.json").toFile());
        JsonNode params = rule.get("params");
        String index = params.get("index").get(0).asText();
        IndexTemplates.Template template = TEMPLATES.owner(index).orElseThrow();
        assertThat(template.type(params.get("timeField").asText())).contains("date");
        JsonNode query = JSON.readTree(params.get("esQuery").asText());
        List<PanelData.FieldUse> uses = PanelData.fieldUses(new PanelData.Source("rule",
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                        "{\"url\":{\"index\":\"" + index + "\",\"body\":" + query + "}}")));
        assertThat(uses).extracting(PanelData.FieldUse::field).contains("status", "peak_severity");
        uses.forEach(use -> assertThat(PanelData.ACCEPTS.get(use.usage())).as(use.toString())
                .contains(template.type(use.field()).orElseThrow()));

        // The rule type adds the time window on timeField around the query, as here.
        String body = "{\"query\":{\"bool\":{\"filter\":[" + query.get("query") + ",{\"range\":{\""
                + params.get("timeField").asText() + "\":{\"gte\":\"" + SimulatedIndices.FROM + "\",\"lte\":\""
                + SimulatedIndices.TO + "\"}}}]}},\"size\":" + params.get("size").asInt() + "}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(SimulatedIndices.elasticsearch() + "/" + index + "/_search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/_shards/failed").asInt()).isZero();
    }

    static List<Query> queries(String markdown) {
        List<Query> queries = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^### ([^\\n]+)$|^```http\\n(\\w+) (\\S+)\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE)
                .matcher(markdown);
        String title = "";
        while (m.find()) {
            if (m.group(1) != null) {
                title = m.group(1);
            } else {
                queries.add(new Query(title, m.group(2), m.group(3), m.group(4)));
            }
        }
        return queries;
    }

    /** Heading (the index pattern in backquotes, before " and ") to field → type. */
    static Map<String, Map<String, String>> tables(String markdown) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        String section = markdown.substring(markdown.indexOf("## The mappings"));
        Map<String, String> current = null;
        for (String line : section.split("\n")) {
            Matcher heading = Pattern.compile("^### `([^`]+)`").matcher(line);
            Matcher row = Pattern.compile("^\\| `([^`]+)` \\| (\\w+) \\|").matcher(line);
            if (heading.find()) {
                current = new LinkedHashMap<>();
                tables.put(heading.group(1), current);
            } else if (row.find() && current != null) {
                current.put(row.group(1), row.group(2));
            }
        }
        return tables;
    }

    private static boolean findsSomething(JsonNode answer) {
        if (answer.at("/hits/total/value").asLong() > 0 && answer.at("/hits/hits").size() > 0) {
            return true;
        }
        JsonNode aggs = answer.path("aggregations");
        for (JsonNode agg : aggs) {
            if (agg.path("buckets").size() > 0 || agg.path("value").asDouble(0) > 0) {
                return true;
            }
        }
        return false;
    }
}
