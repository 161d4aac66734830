package io.outcry.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed export is what Kibana's import reads: every line must parse, look like a real
 * 8.x export, and hold only references that resolve inside the file.
 */
class SavedObjectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of(".");
    private static List<String> lines;
    private static List<JsonNode> objects;
    private static Map<String, JsonNode> byTypeAndId;

    @BeforeAll
    static void readExport() throws Exception {
        lines = Files.readAllLines(DIR.resolve(SavedObjects.FILE));
        objects = new ArrayList<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            objects.add(JSON.readTree(line));
        }
        byTypeAndId = new HashMap<>();
        objects.forEach(o -> byTypeAndId.put(o.get("type").asText() + "/" + o.get("id").asText(), o));
    }

    @Test
    void theCommittedExportIsTheOneTheBoardsGenerate() throws Exception {
        assertThat(Files.readString(DIR.resolve(SavedObjects.FILE)))
                .as("run io.outcry.dashboards.SavedObjects after editing boards.json or specs/")
                .isEqualTo(SavedObjects.ndjson(Boards.load(DIR)));
    }

    @Test
    void everyLineIsOneObjectWithTheKeysOfAnEightEightExportInAlphabeticalOrder() throws Exception {
        for (JsonNode o : objects) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as(o.get("id").asText()).containsExactly("attributes", "coreMigrationVersion", "created_at", "id",
                    "managed", "references", "type", "typeMigrationVersion", "updated_at");
            List<String> attributes = new ArrayList<>();
            o.get("attributes").fieldNames().forEachRemaining(attributes::add);
            assertThat(attributes).isSorted();
            assertThat(o.get("coreMigrationVersion").asText()).isEqualTo("8.8.0");
            assertThat(o.get("typeMigrationVersion").asText()).startsWith("8.");
        }
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(summary.get("exportedCount").asInt()).isEqualTo(objects.size());
        assertThat(summary.get("missingRefCount").asInt()).isZero();
    }

    @Test
    void idsAreReadableStableAndUnique() {
        Set<String> ids = new HashSet<>();
        objects.forEach(o -> assertThat(ids.add(o.get("id").asText())).as("duplicate id " + o.get("id")).isTrue());
        assertThat(ids).allMatch(id -> id.matches("outcry-[a-z0-9-]+"));
        // Links and bookmarks point at these: renaming one breaks them for every user.
        assertThat(ids).contains("outcry-windows", "outcry-alerts", "outcry-alerts-history", "outcry-reputation-overview",
                "outcry-zones", "outcry-zones-history", "outcry-spikes-and-alerts", "outcry-outage-zones", "outcry-customer-care",
                "outcry-zones-map", "outcry-zones-places", "outcry-zones-timeline", "outcry-posts", "outcry-posts-of-this-alert",
                "outcry-care-queue", "outcry-care-waiting");
    }

    @Test
    void everyReferenceResolvesAndEveryPanelHasItsReference() throws Exception {
        for (JsonNode o : objects) {
            for (JsonNode ref : o.get("references")) {
                assertThat(byTypeAndId).as("%s refers to %s", o.get("id"), ref).containsKey(ref.get("type").asText() + "/" + ref.get("id").asText());
            }
            if (o.get("type").asText().equals("dashboard")) {
                JsonNode panels = JSON.readTree(o.get("attributes").get("panelsJSON").asText());
                assertThat(panels).isNotEmpty();
                Set<String> names = new HashSet<>();
                o.get("references").forEach(r -> names.add(r.get("name").asText()));
                for (JsonNode panel : panels) {
                    assertThat(names).contains(panel.get("panelIndex").asText() + ":" + panel.get("panelRefName").asText());
                    assertThat(panel.get("gridData").get("i").asText()).isEqualTo(panel.get("panelIndex").asText());
                    assertThat(panel.get("gridData").get("x").asInt() + panel.get("gridData").get("w").asInt()).isLessThanOrEqualTo(48);
                }
            }
        }
    }

    @Test
    void thePostsOfThisAlertSavedSearchOpensThePostsDataViewNewestFirst() {
        JsonNode view = byTypeAndId.get("index-pattern/outcry-posts");
        assertThat(view.at("/attributes/title").asText()).isEqualTo("outcry-posts-*");
        assertThat(view.at("/attributes/timeFieldName").asText()).isEqualTo("@timestamp");
        JsonNode search = byTypeAndId.get("search/outcry-posts-of-this-alert");
        assertThat(search.at("/attributes/title").asText()).isEqualTo("Posts of this alert");
        List<String> columns = new ArrayList<>();
        search.at("/attributes/columns").forEach(c -> columns.add(c.asText()));
        // Discover shows the data view's time field first by itself.
        assertThat(columns).containsExactly("author.handle", "author.followers", "text", "permalink", "intent", "region_name", "topics");
        assertThat(search.at("/attributes/sort").toString()).isEqualTo("[[\"@timestamp\",\"desc\"]]");
        assertThat(search.get("references")).singleElement().satisfies(ref -> {
            assertThat(ref.get("type").asText()).isEqualTo("index-pattern");
            assertThat(ref.get("id").asText()).isEqualTo("outcry-posts");
            assertThat(ref.get("name").asText()).isEqualTo("kibanaSavedObjectMeta.searchSourceJSON.index");
        });
        assertThat(search.at("/attributes/kibanaSavedObjectMeta/searchSourceJSON").asText())
                .contains("\"indexRefName\":\"kibanaSavedObjectMeta.searchSourceJSON.index\"");
        // The objects an object refers to come before it, as in Kibana's export.
        assertThat(objects.indexOf(view)).isLessThan(objects.indexOf(search));
    }

    @Test
    void theFourBoardsOfTheIssueExist() {
        List<String> titles = objects.stream().filter(o -> o.get("type").asText().equals("dashboard"))
                .map(o -> o.get("attributes").get("title").asText()).toList();
        assertThat(titles).containsExactly("Outcry · Reputation overview", "Outcry · Spikes and alerts",
                "Outcry · Outage zones", "Outcry · Customer care");
    }

    @Test
    void vegaSpecsAreStoredAsKibanaStoresThem() throws Exception {
        for (JsonNode o : objects) {
            if (!o.get("type").asText().equals("visualization")) {
                continue;
            }
            JsonNode visState = JSON.readTree(o.get("attributes").get("visState").asText());
            List<String> keys = new ArrayList<>();
            visState.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("title", "type", "aggs", "params");
            assertThat(visState.get("title").asText()).isEqualTo(o.get("attributes").get("title").asText());
            if (visState.get("type").asText().equals("vega")) {
                JsonNode spec = JSON.readTree(visState.get("params").get("spec").asText());
                // Kibana picks the library from $schema and refuses a spec without one.
                assertThat(spec.get("$schema").asText()).matches("https://vega\\.github\\.io/schema/vega(-lite)?/v5\\.json");
                assertThat(PanelData.sources(spec)).as(o.get("id").asText()).isNotEmpty();
                assertThat(o.get("references")).isEmpty();
            } else {
                assertThat(visState.get("type").asText()).isEqualTo("markdown");
                assertThat(visState.get("params").get("markdown").asText()).contains("Appears");
            }
        }
    }
}
