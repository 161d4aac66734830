package io.outcry.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Vega / Vega-Lite spec asks of Elasticsearch and what it reads back: the data entries
 * Kibana turns into queries, every index field their queries use (and how: which aggregation,
 * sort, filter), and the paths in the response that the spec's encodings and transforms read.
 */
public final class PanelData {

    /** A data entry whose {@code url} is an object: Kibana sends it to Elasticsearch. */
    public record Source(String name, ObjectNode data) {

        public JsonNode url() {
            return data.get("url");
        }

        public String index() {
            return url().path("index").asText();
        }

        /** {@code format.property}: where in the response the spec's rows are. */
        public String property() {
            return data.path("format").path("property").asText("");
        }
    }

    /** One use of an index field: {@code usage} is the aggregation, query or clause that uses it. */
    public record FieldUse(String index, String field, String usage) {}

    static final Set<String> NUMERIC = Set.of("long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float",
            "unsigned_long");
    static final Set<String> DATES = Set.of("date", "date_nanos");
    static final Set<String> KEYS = union(NUMERIC, DATES, Set.of("keyword", "constant_keyword", "boolean", "ip"));
    static final Set<String> AGGREGATABLE = union(KEYS, Set.of("geo_point"));

    /** What each use accepts; an unknown usage accepts nothing, so a new one must be added here first. */
    static final Map<String, Set<String>> ACCEPTS = Map.ofEntries(
            Map.entry("sum", NUMERIC), Map.entry("avg", NUMERIC), Map.entry("weighted_avg", NUMERIC),
            Map.entry("percentiles", NUMERIC), Map.entry("stats", NUMERIC), Map.entry("extended_stats", NUMERIC),
            Map.entry("histogram", NUMERIC),
            Map.entry("min", union(NUMERIC, DATES)), Map.entry("max", union(NUMERIC, DATES)),
            Map.entry("terms", KEYS), Map.entry("term", KEYS), Map.entry("significant_terms", KEYS),
            Map.entry("rare_terms", KEYS), Map.entry("match_phrase", KEYS), Map.entry("match", KEYS),
            Map.entry("cardinality", AGGREGATABLE), Map.entry("value_count", AGGREGATABLE),
            Map.entry("exists", union(AGGREGATABLE, Set.of("object", "text"))),
            Map.entry("range", union(NUMERIC, DATES)),
            Map.entry("date_histogram", DATES), Map.entry("auto_date_histogram", DATES), Map.entry("%timefield%", DATES),
            Map.entry("geohash_grid", Set.of("geo_point")), Map.entry("geotile_grid", Set.of("geo_point")),
            Map.entry("geo_centroid", Set.of("geo_point")), Map.entry("geo_bounds", Set.of("geo_point")),
            Map.entry("sort", AGGREGATABLE),
            Map.entry("_source", union(AGGREGATABLE, Set.of("object", "text", "nested"))));

    /** Query clauses written {@code {"clause": {"<field>": ...}}} rather than with a "field" key. */
    private static final Set<String> FIELD_KEYED = Set.of("term", "terms", "range", "match", "match_phrase", "prefix");
    private static final Set<String> NOT_FIELDS = Set.of("boost", "_name", "format", "relation", "time_zone");
    private static final Pattern DATUM = Pattern.compile("datum\\.([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)");
    private static final Pattern DATUM_BRACKET = Pattern.compile("datum\\[['\"]([^'\"]+)['\"]]");

    private PanelData() {}

    /** The Elasticsearch data entries anywhere in the spec (top level, layers, concats). */
    public static List<Source> sources(JsonNode spec) {
        List<Source> out = new ArrayList<>();
        collectSources(spec, out);
        return out;
    }

    private static void collectSources(JsonNode node, List<Source> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("data")) {
                    List<JsonNode> entries = new ArrayList<>();
                    if (e.getValue().isArray()) {
                        e.getValue().forEach(entries::add);
                    } else {
                        entries.add(e.getValue());
                    }
                    for (JsonNode data : entries) {
                        if (data.path("url").isObject()) {
                            out.add(new Source(data.path("name").asText("data"), (ObjectNode) data));
                        }
                    }
                } else {
                    collectSources(e.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectSources(element, out));
        }
    }

    /** Every index field the source's query uses, with the use that constrains its type. */
    public static List<FieldUse> fieldUses(Source source) {
        List<FieldUse> uses = new ArrayList<>();
        JsonNode url = source.url();
        if (url.has("%timefield%")) {
            uses.add(new FieldUse(source.index(), url.get("%timefield%").asText(), "%timefield%"));
        }
        walk(url.path("body"), null, source.index(), uses);
        return uses;
    }

    private static void walk(JsonNode node, String usage, String index, List<FieldUse> uses) {
        if (node.isArray()) {
            node.forEach(element -> walk(element, usage, index, uses));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.equals("field") && value.isTextual()) {
                uses.add(new FieldUse(index, value.asText(), usage == null ? "field" : usage));
            } else if (key.equals("_source")) {
                JsonNode includes = value.isObject() ? value.path("includes") : value;
                includes.forEach(f -> uses.add(new FieldUse(index, f.asText(), "_source")));
            } else if (key.equals("sort")) {
                value.forEach(s -> {
                    if (s.isTextual()) {
                        uses.add(new FieldUse(index, s.asText(), "sort"));
                    } else {
                        s.fieldNames().forEachRemaining(f -> uses.add(new FieldUse(index, f, "sort")));
                    }
                });
            } else if (FIELD_KEYED.contains(key) && value.isObject() && !value.has("field")) {
                value.fieldNames().forEachRemaining(f -> {
                    if (!NOT_FIELDS.contains(f)) {
                        uses.add(new FieldUse(index, f, key));
                    }
                });
            } else {
                walk(value, ACCEPTS.containsKey(key) ? key : usage, index, uses);
            }
        }
    }

    /**
     * The paths of a response row that the spec reads: fields of its encodings, folds and
     * flattens, and {@code datum.*} in its expressions, less what its own transforms create.
     */
    public static Set<String> readPaths(JsonNode spec) {
        Set<String> read = new LinkedHashSet<>();
        Set<String> made = new LinkedHashSet<>();
        collectReads(spec, read, made, false);
        read.removeIf(path -> made.stream().anyMatch(m -> path.equals(m) || path.startsWith(m + ".")));
        return read;
    }

    private static void collectReads(JsonNode node, Set<String> read, Set<String> made, boolean inEncoding) {
        if (node.isArray()) {
            node.forEach(element -> collectReads(element, read, made, inEncoding));
            return;
        }
        if (!node.isObject() || node.has("url")) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "field" -> {
                    // Under "encoding" and "transform" a field is read from the rows.
                    if (inEncoding && value.isTextual()) {
                        read.add(value.asText());
                    }
                }
                case "as" -> {
                    if (value.isTextual()) {
                        made.add(value.asText());
                    } else {
                        value.forEach(v -> made.add(v.asText()));
                    }
                }
                case "fold", "flatten" -> value.forEach(v -> read.add(v.asText()));
                case "calculate", "filter", "expr" -> {
                    if (value.isTextual()) {
                        expressionReads(value.asText(), read);
                    } else {
                        collectReads(value, read, made, inEncoding);
                    }
                }
                case "groupby" -> value.forEach(v -> read.add(v.asText()));
                default -> collectReads(value, read, made, inEncoding || key.equals("encoding") || key.equals("transform"));
            }
        }
    }

    private static void expressionReads(String expression, Set<String> read) {
        Matcher m = DATUM.matcher(expression);
        while (m.find()) {
            read.add(m.group(1));
        }
        m = DATUM_BRACKET.matcher(expression);
        while (m.find()) {
            read.add(m.group(1));
        }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new LinkedHashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }
}
