package io.outcry.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The boards as we write them: {@code boards.json} (data views, saved searches, visualizations,
 * dashboards and their grids) and one Vega-Lite spec file per chart under {@code specs/}. The Kibana saved
 * objects are generated from them ({@link SavedObjects}), the proof tests read them too.
 */
public record Boards(Path dir, List<DataView> dataViews, List<Search> searches, Map<String, Visualization> visualizations,
        List<Dashboard> dashboards) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A Kibana data view: {@code title} is the index pattern. */
    public record DataView(String id, String title, String name, String timeField) {}

    /**
     * A Kibana saved search (a Discover session): a data view, the columns shown and the sort.
     * The panels' links open it with the filters of the row clicked.
     */
    public record Search(String id, String title, String description, String dataView, List<String> columns, List<List<String>> sort) {}

    /**
     * A chart (its spec file's text, kept verbatim so it reads in Kibana's editor as it reads
     * here) or a markdown panel.
     */
    public record Visualization(String id, String title, String specFile, String specText, String markdown) {

        public boolean isVega() {
            return specText != null;
        }

        /** The spec as a JSON tree, a fresh copy on each call. */
        public ObjectNode spec() {
            try {
                return (ObjectNode) JSON.readTree(specText);
            } catch (IOException e) {
                throw new IllegalStateException(specFile + " is not JSON: " + e.getMessage(), e);
            }
        }
    }

    /** Where a panel sits on Kibana's 48-column grid (one row is 20 px). */
    public record Panel(String visualization, int x, int y, int w, int h) {}

    public record Dashboard(String id, String title, String description, List<Panel> panels) {}

    /** The boards of the {@code dashboards/} directory. */
    public static Boards load(Path dir) {
        try {
            JsonNode root = JSON.readTree(dir.resolve("boards.json").toFile());
            List<DataView> dataViews = new ArrayList<>();
            root.get("dataViews").forEach(v -> dataViews.add(new DataView(
                    v.get("id").asText(), v.get("title").asText(), v.get("name").asText(), v.get("timeField").asText())));
            List<Search> searches = new ArrayList<>();
            for (JsonNode s : root.path("searches")) {
                List<String> columns = new ArrayList<>();
                s.get("columns").forEach(c -> columns.add(c.asText()));
                List<List<String>> sort = new ArrayList<>();
                s.get("sort").forEach(pair -> sort.add(List.of(pair.get(0).asText(), pair.get(1).asText())));
                String dataView = s.get("dataView").asText();
                if (dataViews.stream().noneMatch(v -> v.id().equals(dataView))) {
                    throw new IllegalArgumentException("saved search " + s.get("id").asText() + " reads no data view " + dataView);
                }
                searches.add(new Search(s.get("id").asText(), s.get("title").asText(), s.get("description").asText(), dataView,
                        List.copyOf(columns), List.copyOf(sort)));
            }
            Map<String, Visualization> visualizations = new LinkedHashMap<>();
            for (JsonNode v : root.get("visualizations")) {
                String id = v.get("id").asText();
                String specFile = v.has("spec") ? v.get("spec").asText() : null;
                String specText = specFile == null ? null : Files.readString(dir.resolve(specFile));
                String markdown = v.has("markdown") ? v.get("markdown").asText() : null;
                if ((specText == null) == (markdown == null)) {
                    throw new IllegalArgumentException("visualization " + id + " needs exactly one of spec and markdown");
                }
                if (visualizations.put(id, new Visualization(id, v.get("title").asText(), specFile, specText, markdown)) != null) {
                    throw new IllegalArgumentException("visualization id " + id + " is used twice");
                }
            }
            List<Dashboard> dashboards = new ArrayList<>();
            for (JsonNode d : root.get("dashboards")) {
                List<Panel> panels = new ArrayList<>();
                d.get("panels").forEach(p -> panels.add(new Panel(p.get("visualization").asText(),
                        p.get("x").asInt(), p.get("y").asInt(), p.get("w").asInt(), p.get("h").asInt())));
                dashboards.add(new Dashboard(d.get("id").asText(), d.get("title").asText(), d.get("description").asText(), panels));
            }
            return new Boards(dir, dataViews, searches, visualizations, dashboards);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the boards in " + dir, e);
        }
    }

    public Visualization visualization(String id) {
        Visualization v = visualizations.get(id);
        if (v == null) {
            throw new IllegalArgumentException("no visualization " + id);
        }
        return v;
    }

    public Search search(String id) {
        return searches.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no saved search " + id));
    }

    public Optional<Dashboard> dashboard(String id) {
        return dashboards.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
