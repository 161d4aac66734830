package io.outcry.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The boards as a Kibana 8.x saved-objects export (NDJSON): one object per line, keys in
 * alphabetical order, the export summary line last, exactly as Kibana's export writes them.
 *
 * <p>Versions are the oldest 8.x model each object's shape matches ({@code coreMigrationVersion}
 * 8.8.0, the post-8.8 envelope): on import Kibana migrates objects forward from the version they
 * declare, never backwards, so a low version imports into every later 8.x. Ids are the readable
 * ids of {@code boards.json}: a re-import overwrites instead of duplicating, and links to a
 * dashboard survive it.
 *
 * <p>Run {@code main} to regenerate {@code saved-objects/outcry.ndjson} after editing the boards;
 * a test fails while the committed file differs from what this class generates.
 */
public final class SavedObjects {

    public static final String FILE = "saved-objects/outcry.ndjson";
    static final String CORE_MIGRATION_VERSION = "8.8.0";
    static final String DATA_VIEW_VERSION = "8.0.0";
    static final String VISUALIZATION_VERSION = "8.0.0";
    static final String DASHBOARD_VERSION = "8.7.0";
    /**
     * A saved search declares 8.0.0 like the other objects, so that every 8.x migrates it forward;
     * its attributes are those of a real 8.13 export ({@code reference/kibana}) that 8.8, the oldest
     * Kibana our envelope imports into, already knows: not {@code timeRestore}, a later addition,
     * which is false when absent (the links that open it bring their own time range).
     */
    static final String SEARCH_VERSION = "8.0.0";
    /** Fixed, so the file only changes when the boards do. */
    static final String STAMP = "2026-12-01T00:00:00.000Z";
    static final String EMPTY_SEARCH_SOURCE = "{\"query\":{\"query\":\"\",\"language\":\"kuery\"},\"filter\":[]}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SavedObjects() {}

    /** {@code SavedObjects [dashboards dir]}: writes the export next to the boards. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "dashboards");
        Path out = dir.resolve(FILE);
        Files.createDirectories(out.getParent());
        Files.writeString(out, ndjson(Boards.load(dir)), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }

    /** The whole export as text, a newline after every line. */
    public static String ndjson(Boards boards) {
        StringBuilder out = new StringBuilder();
        List<ObjectNode> objects = objects(boards);
        for (ObjectNode object : objects) {
            out.append(write(object)).append('\n');
        }
        ObjectNode summary = NODES.objectNode();
        summary.putArray("excludedObjects");
        summary.put("excludedObjectsCount", 0);
        summary.put("exportedCount", objects.size());
        summary.put("missingRefCount", 0);
        summary.putArray("missingReferences");
        return out.append(write(summary)).append('\n').toString();
    }

    /**
     * Data views, saved searches, visualizations, then dashboards: what an object refers to comes
     * before it.
     */
    public static List<ObjectNode> objects(Boards boards) {
        List<ObjectNode> objects = new ArrayList<>();
        boards.dataViews().forEach(v -> objects.add(dataView(v)));
        boards.searches().forEach(s -> objects.add(search(s)));
        boards.visualizations().values().forEach(v -> objects.add(visualization(v)));
        boards.dashboards().forEach(d -> objects.add(dashboard(boards, d)));
        return objects.stream().map(o -> (ObjectNode) sorted(o)).toList();
    }

    static ObjectNode dataView(Boards.DataView view) {
        ObjectNode attributes = NODES.objectNode();
        attributes.put("fieldAttrs", "{}");
        attributes.put("fieldFormatMap", "{}");
        attributes.put("fields", "[]");
        attributes.put("name", view.name());
        attributes.put("runtimeFieldMap", "{}");
        attributes.put("sourceFilters", "[]");
        attributes.put("timeFieldName", view.timeField());
        attributes.put("title", view.title());
        attributes.put("typeMeta", "{}");
        return envelope(view.id(), "index-pattern", DATA_VIEW_VERSION, attributes, NODES.arrayNode());
    }

    /** A Discover session on one data view, referenced the way Kibana's export references it. */
    static ObjectNode search(Boards.Search search) {
        ObjectNode attributes = NODES.objectNode();
        ArrayNode columns = attributes.putArray("columns");
        search.columns().forEach(columns::add);
        attributes.put("description", search.description());
        attributes.putObject("grid");
        attributes.put("hideChart", false);
        attributes.put("isTextBasedQuery", false);
        attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON",
                "{\"query\":{\"query\":\"\",\"language\":\"kuery\"},\"filter\":[],"
                        + "\"indexRefName\":\"kibanaSavedObjectMeta.searchSourceJSON.index\"}");
        ArrayNode sort = attributes.putArray("sort");
        search.sort().forEach(pair -> {
            ArrayNode p = sort.addArray();
            pair.forEach(p::add);
        });
        attributes.put("title", search.title());
        attributes.put("usesAdHocDataView", false);
        ArrayNode references = NODES.arrayNode();
        references.addObject().put("id", search.dataView()).put("name", "kibanaSavedObjectMeta.searchSourceJSON.index")
                .put("type", "index-pattern");
        return envelope(search.id(), "search", SEARCH_VERSION, attributes, references);
    }

    static ObjectNode visualization(Boards.Visualization vis) {
        ObjectNode visState = NODES.objectNode();
        visState.put("title", vis.title());
        if (vis.isVega()) {
            visState.put("type", "vega");
            visState.putArray("aggs");
            visState.putObject("params").put("spec", vis.specText());
        } else {
            visState.put("type", "markdown");
            visState.putArray("aggs");
            visState.putObject("params").put("fontSize", 12).put("openLinksInNewTab", false).put("markdown", vis.markdown());
        }
        ObjectNode attributes = NODES.objectNode();
        attributes.put("description", "");
        attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", EMPTY_SEARCH_SOURCE);
        attributes.put("title", vis.title());
        attributes.put("uiStateJSON", "{}");
        attributes.put("version", 1);
        attributes.put("visState", write(visState));
        // A Vega panel names its index inside the spec, so it references no data view.
        return envelope(vis.id(), "visualization", VISUALIZATION_VERSION, attributes, NODES.arrayNode());
    }

    static ObjectNode dashboard(Boards boards, Boards.Dashboard dashboard) {
        ArrayNode panels = NODES.arrayNode();
        ArrayNode references = NODES.arrayNode();
        int n = 0;
        for (Boards.Panel panel : dashboard.panels()) {
            boards.visualization(panel.visualization());
            String index = String.valueOf(++n);
            ObjectNode p = panels.addObject();
            p.put("version", DASHBOARD_VERSION);
            p.put("type", "visualization");
            p.putObject("gridData").put("x", panel.x()).put("y", panel.y()).put("w", panel.w()).put("h", panel.h()).put("i", index);
            p.put("panelIndex", index);
            p.putObject("embeddableConfig").putObject("enhancements");
            p.put("panelRefName", "panel_" + index);
            references.addObject().put("id", panel.visualization()).put("name", index + ":panel_" + index).put("type", "visualization");
        }
        ObjectNode attributes = NODES.objectNode();
        attributes.put("description", dashboard.description());
        attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", EMPTY_SEARCH_SOURCE);
        attributes.put("optionsJSON",
                "{\"useMargins\":true,\"syncColors\":false,\"syncCursor\":true,\"syncTooltips\":false,\"hidePanelTitles\":false}");
        attributes.put("panelsJSON", write(panels));
        // A radar: opens on the last 24 hours and refreshes every minute.
        attributes.putObject("refreshInterval").put("pause", false).put("value", 60_000);
        attributes.put("timeFrom", "now-24h");
        attributes.put("timeRestore", true);
        attributes.put("timeTo", "now");
        attributes.put("title", dashboard.title());
        attributes.put("version", 1);
        return envelope(dashboard.id(), "dashboard", DASHBOARD_VERSION, attributes, references);
    }

    private static ObjectNode envelope(String id, String type, String typeVersion, ObjectNode attributes, ArrayNode references) {
        ObjectNode o = NODES.objectNode();
        o.set("attributes", attributes);
        o.put("coreMigrationVersion", CORE_MIGRATION_VERSION);
        o.put("created_at", STAMP);
        o.put("id", id);
        o.put("managed", false);
        o.set("references", references);
        o.put("type", type);
        o.put("typeMigrationVersion", typeVersion);
        o.put("updated_at", STAMP);
        return o;
    }

    /** Object keys in alphabetical order at every depth, as Kibana exports them. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode copy = NODES.objectNode();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
