package io.outcry.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Kibana 8.x sends to Elasticsearch for a Vega spec's {@code data.url} object, rebuilt after
 * its {@code es_query_parser.ts}: {@code %context%} and {@code %timefield%} become
 * {@code body.query} (the dashboard's bool, with the time-picker range pushed into its
 * {@code must}), {@code %timefilter%} objects become bounds, and {@code interval} under a
 * {@code date_histogram} becomes {@code calendar_interval} or {@code fixed_interval}, with
 * {@code %autointerval%} rounded the way Kibana rounds it. Used by the proof tests, to run each
 * panel's query as Kibana would, and by the crisis report, to run them without Kibana.
 */
public final class KibanaVegaQuery {

    /** The time picker's bounds, epoch milliseconds. */
    public record TimeRange(long min, long max) {
        public static TimeRange of(Instant from, Instant to) {
            return new TimeRange(from.toEpochMilli(), to.toEpochMilli());
        }
    }

    /** The request Kibana sends: {@code POST /<index>/_search} with this body. */
    public record Request(String index, ObjectNode body) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> CALENDAR = Set.of("1m", "1h", "1d", "1w", "1M", "1q", "1y");
    /** Kibana's {@code _roundInterval}: upper bound in ms, then the interval it rounds to. */
    private static final long[] ROUND_BOUNDS = {500, 5_000, 7_500, 15_000, 45_000, 180_000, 540_000, 1_200_000, 2_700_000,
        7_200_000, 21_600_000, 86_400_000, 604_800_000, 1_814_400_000, 3_628_800_000L};
    private static final String[] ROUNDED = {"100ms", "1s", "5s", "10s", "30s", "1m", "5m", "10m", "30m", "1h", "3h", "12h",
        "24h", "1w", "30d"};

    private KibanaVegaQuery() {}

    /**
     * The dashboard context Kibana builds from an empty query bar and no filters: what every
     * panel sees when a manager opens a board.
     */
    public static ObjectNode emptyContext() {
        return context(List.of());
    }

    /** The context of a dashboard whose filter pills are these (enabled, not negated) queries. */
    public static ObjectNode context(List<JsonNode> filters) {
        ObjectNode bool = NODES.objectNode();
        ObjectNode inner = bool.putObject("bool");
        inner.putArray("must");
        ArrayNode filter = inner.putArray("filter");
        filters.forEach(f -> filter.add(f.deepCopy()));
        inner.putArray("should");
        inner.putArray("must_not");
        return bool;
    }

    /** A filter pill on one field value, as Kibana writes a phrase filter. */
    public static JsonNode phraseFilter(String field, String value) {
        ObjectNode filter = NODES.objectNode();
        filter.putObject("match_phrase").put(field, value);
        return filter;
    }

    /**
     * The request for one {@code data.url}.
     *
     * @throws IllegalArgumentException where Kibana would refuse the url
     */
    public static Request fill(JsonNode url, TimeRange time, ObjectNode context) {
        if (!url.isObject()) {
            throw new IllegalArgumentException("a Kibana Elasticsearch url is an object, not " + url);
        }
        ObjectNode u = url.deepCopy();
        JsonNode type = u.remove("%type%");
        if (type != null && !"elasticsearch".equals(type.asText())) {
            throw new IllegalArgumentException("only %type% elasticsearch is an Elasticsearch query, not " + type);
        }
        if (u.has("%context_query%")) {
            throw new IllegalArgumentException("%context_query% is deprecated; use %context% and %timefield%");
        }
        boolean useContext = u.path("%context%").asBoolean(false);
        JsonNode timefield = u.get("%timefield%");
        u.remove("%context%");
        u.remove("%timefield%");
        String index = u.path("index").asText(null);
        if (index == null || index.isBlank()) {
            throw new IllegalArgumentException("the url names no index");
        }
        ObjectNode body = u.has("body") ? (ObjectNode) u.get("body") : NODES.objectNode();
        if (useContext || timefield != null) {
            if (body.has("query")) {
                throw new IllegalArgumentException("url.%context% and url.%timefield% must not be used when url.body.query is set");
            }
            ObjectNode range = null;
            if (timefield != null) {
                range = NODES.objectNode();
                range.putObject("range").putObject(timefield.asText())
                        .put("gte", iso(time.min())).put("lte", iso(time.max())).put("format", "strict_date_optional_time");
            }
            if (useContext) {
                ObjectNode query = context.deepCopy();
                if (range != null) {
                    ((ArrayNode) query.get("bool").get("must")).add(range);
                }
                body.set("query", query);
            } else {
                body.set("query", range);
            }
        } else if (body.has("query")) {
            body.set("query", substituteContext(body.get("query"), context));
            substituteTime(body.get("query"), time);
        }
        if (body.has("aggs")) {
            substituteTime(body.get("aggs"), time);
            intervals(body.get("aggs"), time, false);
        }
        return new Request(index, body);
    }

    /** Kibana's rounding of {@code (max - min) / buckets}: the interval string it asks for. */
    public static String autoInterval(TimeRange time, int buckets) {
        long ms = (time.max() - time.min()) / buckets;
        for (int i = 0; i < ROUND_BOUNDS.length; i++) {
            boolean last = i == ROUND_BOUNDS.length - 1;
            if (last ? ms < ROUND_BOUNDS[i] : ms <= ROUND_BOUNDS[i]) {
                return ROUNDED[i];
            }
        }
        return "1y";
    }

    private static JsonNode substituteContext(JsonNode node, ObjectNode context) {
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode element : node) {
                String clause = switch (element.isTextual() ? element.asText() : "") {
                    case "%dashboard_context-must_clause%" -> "must";
                    case "%dashboard_context-filter_clause%" -> "filter";
                    case "%dashboard_context-must_not_clause%" -> "must_not";
                    default -> null;
                };
                if (clause == null) {
                    out.add(substituteContext(element, context));
                } else {
                    context.get("bool").path(clause).forEach(c -> out.add(c.deepCopy()));
                }
            }
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), substituteContext(e.getValue(), context)));
            return out;
        }
        return node;
    }

    /** Rewrites {@code %timefilter%} objects in place, wherever they are below {@code node}. */
    private static void substituteTime(JsonNode node, TimeRange time) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode replaced = timeValue(node.get(i), time);
                if (replaced != null) {
                    ((ArrayNode) node).set(i, replaced);
                } else {
                    substituteTime(node.get(i), time);
                }
            }
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode replaced = timeValue(node.get(name), time);
                if (replaced != null) {
                    ((ObjectNode) node).set(name, replaced);
                } else {
                    substituteTime(node.get(name), time);
                }
            }
        }
    }

    /** The replacement of a {@code %timefilter%} object, or null when the node is none. */
    private static JsonNode timeValue(JsonNode node, TimeRange time) {
        if (!node.isObject() || !node.has("%timefilter%")) {
            return null;
        }
        long shift = shiftMillis(node);
        JsonNode which = node.get("%timefilter%");
        if (which.isBoolean() && which.asBoolean()) {
            ObjectNode range = NODES.objectNode();
            range.put("gte", iso(time.min() + shift)).put("lte", iso(time.max() + shift)).put("format", "strict_date_optional_time");
            return range;
        }
        return switch (which.asText()) {
            case "min" -> NODES.numberNode(time.min() + shift);
            case "max" -> NODES.numberNode(time.max() + shift);
            default -> throw new IllegalArgumentException("%timefilter% must be true, \"min\" or \"max\", not " + which);
        };
    }

    private static long shiftMillis(JsonNode node) {
        if (!node.has("shift")) {
            return 0;
        }
        long unit = switch (node.path("unit").asText("day")) {
            case "week", "w" -> 604_800_000L;
            case "day", "d" -> 86_400_000L;
            case "hour", "h" -> 3_600_000L;
            case "minute", "m" -> 60_000L;
            case "second", "s" -> 1_000L;
            default -> throw new IllegalArgumentException("unknown shift unit " + node.get("unit"));
        };
        return (long) (node.get("shift").asDouble() * unit);
    }

    private static void intervals(JsonNode node, TimeRange time, boolean underDateHistogram) {
        if (node.isArray()) {
            node.forEach(element -> intervals(element, time, false));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        if (underDateHistogram && object.has("interval")) {
            JsonNode interval = object.remove("interval");
            String value;
            if (interval.isObject() && interval.has("%autointerval%")) {
                JsonNode auto = interval.get("%autointerval%");
                if (auto.isBoolean() && auto.asBoolean()) {
                    value = autoInterval(time, 50);
                } else if (auto.isNumber()) {
                    value = autoInterval(time, auto.asInt());
                } else {
                    throw new IllegalArgumentException("%autointerval% must be true or a number of buckets, not " + auto);
                }
            } else {
                value = interval.asText();
            }
            object.put(CALENDAR.contains(value) ? "calendar_interval" : "fixed_interval", value);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            intervals(e.getValue(), time, "date_histogram".equals(e.getKey()));
        }
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
