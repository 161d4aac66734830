package io.outcry.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * From an alert or a zone to its posts, on the production job's indices ({@link SimulatedIndices},
 * posts index on): the query of {@link AlertPosts} finds the posts the detector counted, and the
 * boards' links open Discover on the saved search with the same filters.
 */
class AlertPostsTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern HREF = Pattern.compile("href=\"(discover#[^\"]*)\"");

    static PanelQueries queries;
    static List<JsonNode> alerts;
    static List<JsonNode> zones;

    @BeforeAll
    static void readAlertsAndZones() throws Exception {
        queries = new PanelQueries(SimulatedIndices.elasticsearch());
        alerts = sources("outcry-alerts");
        zones = sources("outcry-zones");
    }

    @Test
    void everyAlertsPostsCarryItsWindowKeyAndAreExactlyThePostsOfItsWindows() throws Exception {
        assertThat(alerts).as("spike alerts of the simulated run").filteredOn(a -> !a.path("level").asText().equals("zone"))
                .hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode alert : alerts) {
            String label = alert.path("alert_id").asText();
            if (alert.path("level").asText().equals("zone")) {
                // a zone alert's posts are its zone's
                JsonNode zone = zones.stream().filter(z -> label.equals("zone|" + z.path("zone_id").asText())).findFirst().orElseThrow();
                assertThat(new AlertPosts(queries).query(alert, "outcry-zones")).as(label).isEqualTo(AlertPosts.zoneQuery(zone));
                continue;
            }
            List<JsonNode> posts = hits(AlertPosts.INDEX, AlertPosts.alertQuery(alert), 10_000);
            assertThat(posts).as(label).isNotEmpty();
            Instant onset = Instant.parse(alert.path("onset").asText());
            Instant end = Instant.parse(alert.path("last_anomalous_end").asText());
            for (JsonNode post : posts) {
                assertThat(strings(post.path("brands"))).as(label).contains(alert.path("brand").asText());
                if (!"*".equals(alert.path("region_code").asText())) {
                    assertThat(post.path("region_code").asText()).as(label).isEqualTo(alert.path("region_code").asText());
                }
                if (!"*".equals(alert.path("topic").asText())) {
                    assertThat(strings(post.path("topics"))).as(label).contains(alert.path("topic").asText());
                }
                Instant window = Instant.parse(post.path("window_start").asText());
                assertThat(window).as(label).isAfterOrEqualTo(onset);
                if ("resolved".equals(alert.path("status").asText())) {
                    assertThat(window).as(label).isBefore(end);
                }
            }
            // The windows of the alert's key and span (the windows index holds every region and topic of
            // the brand; a '*' of the alert takes them all) counted exactly these posts.
            ObjectNode windows = NODES.objectNode();
            ArrayNode filter = windows.putObject("bool").putArray("filter");
            filter.addObject().putObject("term").put("brand", alert.path("brand").asText());
            if (!"*".equals(alert.path("region_code").asText())) {
                filter.addObject().putObject("term").put("region_code", alert.path("region_code").asText());
            }
            if (!"*".equals(alert.path("topic").asText())) {
                filter.addObject().putObject("term").put("topic", alert.path("topic").asText());
            }
            ObjectNode range = filter.addObject().putObject("range").putObject("window_start").put("gte", alert.path("onset").asText());
            if ("resolved".equals(alert.path("status").asText())) {
                range.put("lt", alert.path("last_anomalous_end").asText());
            }
            Map<String, Long> counted = new TreeMap<>();
            for (JsonNode window : hits("outcry-windows-*", windows, 10_000)) {
                counted.put(window.path("region_code").asText() + "|" + window.path("topic").asText() + "|"
                        + Instant.parse(window.path("window_start").asText()), window.path("posts").asLong());
            }
            Map<String, Long> indexed = new TreeMap<>();
            for (JsonNode post : posts) {
                for (String topic : strings(post.path("topics"))) {
                    if ("*".equals(alert.path("topic").asText()) || topic.equals(alert.path("topic").asText())) {
                        indexed.merge(post.path("region_code").asText() + "|" + topic + "|" + Instant.parse(post.path("window_start").asText()),
                                1L, Long::sum);
                    }
                }
            }
            assertThat(indexed).as("%s: posts indexed vs counted by its windows", label).isNotEmpty().isEqualTo(counted);
        }
    }

    @Test
    void theWindtreWorstAlertListsItsMostRetweetedAndLatestPosts() throws Exception {
        JsonNode worst = alerts.stream().filter(a -> a.path("brand").asText().equals("windtre"))
                .max((a, b) -> Double.compare(a.path("crisis_score").asDouble(), b.path("crisis_score").asDouble())).orElseThrow();
        ObjectNode query = new AlertPosts(queries).query(worst, "outcry-zones");
        AlertPosts.Posts posts = new AlertPosts(queries).find(query, 5);
        assertThat(posts.total()).isEqualTo(hits(AlertPosts.INDEX, query, 10_000).size()).isPositive();
        assertThat(posts.mostRecent()).hasSize(5).allSatisfy(p -> {
            assertThat(p.text()).isNotBlank();
            assertThat(p.link()).isNotBlank();
            assertThat(p.handle()).isNotBlank();
        });
        assertThat(posts.mostRecent()).extracting(AlertPosts.Post::time).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(posts.mostRetweeted()).isNotEmpty().allSatisfy(p -> assertThat(p.retweets()).isPositive());
        assertThat(posts.mostRetweeted()).extracting(AlertPosts.Post::retweets).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void eachOutageZonesPostsAreItsBrandsOutagePostsInItsBox() throws Exception {
        Set<String> withPosts = new HashSet<>();
        for (JsonNode zone : zones) {
            List<JsonNode> posts = hits(AlertPosts.INDEX, AlertPosts.zoneQuery(zone), 10_000);
            for (JsonNode post : posts) {
                assertThat(strings(post.path("brands"))).contains(zone.path("brand").asText());
                assertThat(strings(post.path("topics"))).contains("outage");
                double lat = post.at("/location/point/lat").asDouble();
                double lon = post.at("/location/point/lon").asDouble();
                assertThat(lat).isBetween(zone.at("/bbox/bottom_right/lat").asDouble(), zone.at("/bbox/top_left/lat").asDouble());
                assertThat(lon).isBetween(zone.at("/bbox/top_left/lon").asDouble(), zone.at("/bbox/bottom_right/lon").asDouble());
            }
            // at least as many posts as the people who reported the zone
            if (posts.size() >= zone.path("unique_authors").asInt()) {
                withPosts.add(zone.path("brand").asText());
            }
        }
        assertThat(withPosts).contains("windtre", "vodafone", "tim");
    }

    @Test
    void theWorstAlertsLinksOpenTheSavedSearchOnThePostsTheApiQueryFinds() throws Exception {
        Boards boards = Boards.load(Path.of("."));
        Boards.Visualization vis = boards.visualization("outcry-alert-explanations");
        PanelQueries.Result result = queries.run(vis.spec(), SimulatedIndices.TIME, KibanaVegaQuery.emptyContext());
        BoardRenderer.Rendered chart = render(vis, result.spec());
        assertThat(chart.problems()).isEmpty();

        List<String> links = links(chart.svg());
        JsonNode hits = result.sources().get(0).rows();
        assertThat(hits).isNotEmpty();
        Set<String> distinct = new LinkedHashSet<>(links);
        assertThat(distinct).hasSize(hits.size());
        Set<String> levels = new HashSet<>();
        for (String link : distinct) {
            // Relative, so that it stays in the Kibana (base path, space) it is clicked in.
            assertThat(link).startsWith("discover#/view/outcry-posts-of-this-alert?_g=(time:(from:'");
            JsonNode alert = null;
            for (JsonNode hit : hits) {
                if (link.contains("from:'" + hit.at("/_source/onset").asText() + "'") && link.contains("brands:\"" + hit.at("/_source/brand").asText() + "\"")
                        && (hit.at("/_source/level").asText().equals("zone") == link.contains("geo_bounding_box"))) {
                    ObjectNode expected = new AlertPosts(queries).query(hit.path("_source"), "outcry-zones");
                    if (ids(expected).equals(ids(query(link)))) {
                        alert = hit.path("_source");
                    }
                }
            }
            assertThat(alert).as("an alert whose posts the link finds: %s", link).isNotNull();
            assertThat(ids(query(link))).as(link).isNotEmpty();
            levels.add(alert.path("level").asText());
        }
        assertThat(levels).as("spikes and zones have links").contains("zone").hasSizeGreaterThan(1);
    }

    @Test
    void theZonePanelsLinkEachZoneToItsBrandsOutagePostsInItsBox() throws Exception {
        Boards boards = Boards.load(Path.of("."));
        for (String id : List.of("outcry-zones-places", "outcry-zones-map")) {
            Boards.Visualization vis = boards.visualization(id);
            PanelQueries.Result result = queries.run(vis.spec(), SimulatedIndices.TIME, KibanaVegaQuery.emptyContext());
            BoardRenderer.Rendered chart = render(vis, result.spec());
            assertThat(chart.problems()).as(id).isEmpty();
            List<String> links = links(chart.svg());
            assertThat(links).as(id).isNotEmpty();
            for (JsonNode hit : result.sources().get(0).rows()) {
                JsonNode zone = hit.path("_source");
                String box = "geo_bounding_box:(location.point:(top_left:(lat:" + number(zone.at("/bbox/top_left/lat"))
                        + ",lon:" + number(zone.at("/bbox/top_left/lon")) + "),bottom_right:(lat:" + number(zone.at("/bbox/bottom_right/lat"))
                        + ",lon:" + number(zone.at("/bbox/bottom_right/lon")) + ")))";
                assertThat(links).as(id).anySatisfy(l -> {
                    assertThat(l).startsWith("discover#/view/outcry-posts-of-this-alert?_g=(time:(from:'" + zone.path("onset").asText() + "'");
                    assertThat(l).contains(box).contains("query:'brands:\"" + zone.path("brand").asText() + "\" and topics:\"outage\"'");
                });
            }
        }
    }

    private static BoardRenderer.Rendered render(Boards.Visualization vis, ObjectNode spec) throws Exception {
        BoardRenderer renderer = new BoardRenderer(Chromium.locate(), VegaLibraries.load(Path.of(".")));
        BoardRenderer.Board board = new BoardRenderer.Board(vis.title(), "", List.of(
                new BoardRenderer.Placed(vis, new Boards.Panel(vis.id(), 0, 0, 48, 16), spec)));
        return renderer.render(board, Path.of("target", "links")).get(0);
    }

    /** The links of a rendered chart, percent-decoded as Kibana reads its URL state. */
    static List<String> links(String svg) {
        List<String> links = new ArrayList<>();
        Matcher m = HREF.matcher(svg.replace("&amp;", "&").replace("&#39;", "'").replace("&apos;", "'"));
        while (m.find()) {
            links.add(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
        }
        return links;
    }

    /**
     * What Discover filters on when the link opens: its time range on {@code @timestamp} (both
     * ends inclusive, as the time picker's), its zone-box filter and its KQL ({@code field:"value"},
     * {@code field >= "value"}, {@code field < "value"}, joined by and), as one query.
     */
    static ObjectNode query(String link) {
        ObjectNode query = NODES.objectNode();
        ArrayNode filter = query.putObject("bool").putArray("filter");
        Matcher time = Pattern.compile("_g=\\(time:\\(from:'([^']+)',to:'([^']+)'\\)\\)").matcher(link);
        assertThat(time.find()).as(link).isTrue();
        ObjectNode range = filter.addObject().putObject("range").putObject("@timestamp").put("gte", time.group(1));
        if (!time.group(2).equals("now")) {
            range.put("lte", time.group(2));
        }
        Matcher box = Pattern.compile("geo_bounding_box:\\(location\\.point:\\(top_left:\\(lat:([-\\d.]+),lon:([-\\d.]+)\\),"
                + "bottom_right:\\(lat:([-\\d.]+),lon:([-\\d.]+)\\)\\)\\)").matcher(link);
        if (box.find()) {
            ObjectNode point = filter.addObject().putObject("geo_bounding_box").putObject("location.point");
            point.putObject("top_left").put("lat", Double.parseDouble(box.group(1))).put("lon", Double.parseDouble(box.group(2)));
            point.putObject("bottom_right").put("lat", Double.parseDouble(box.group(3))).put("lon", Double.parseDouble(box.group(4)));
        }
        Matcher kql = Pattern.compile("query:\\(language:kuery,query:'(.*)'\\)\\)$").matcher(link);
        assertThat(kql.find()).as(link).isTrue();
        for (String clause : kql.group(1).split(" and ")) {
            Matcher term = Pattern.compile("([\\w.@]+):\"([^\"]*)\"").matcher(clause);
            Matcher bound = Pattern.compile("([\\w.@]+) (>=|<) \"([^\"]*)\"").matcher(clause);
            if (term.matches()) {
                filter.addObject().putObject("term").put(term.group(1), term.group(2));
            } else {
                assertThat(bound.matches()).as("a clause of " + link).isTrue();
                filter.addObject().putObject("range").putObject(bound.group(1)).put(bound.group(2).equals(">=") ? "gte" : "lt", bound.group(3));
            }
        }
        return query;
    }

    private static Set<String> ids(ObjectNode query) throws Exception {
        Set<String> ids = new HashSet<>();
        hits(AlertPosts.INDEX, query, 10_000).forEach(p -> ids.add(p.path("platform").asText() + ":" + p.path("id").asText()));
        return ids;
    }

    private static List<JsonNode> hits(String index, ObjectNode query, int size) throws Exception {
        ObjectNode body = NODES.objectNode().put("size", size);
        body.set("query", query);
        List<JsonNode> hits = new ArrayList<>();
        queries.search(new KibanaVegaQuery.Request(index, body)).at("/hits/hits").forEach(h -> hits.add(h.path("_source")));
        assertThat(hits.size()).as("fewer than one page").isLessThan(size);
        return hits;
    }

    private static List<JsonNode> sources(String index) throws Exception {
        ObjectNode body = NODES.objectNode().put("size", 500);
        body.putObject("query").putObject("match_all");
        List<JsonNode> sources = new ArrayList<>();
        queries.search(new KibanaVegaQuery.Request(index, body)).at("/hits/hits").forEach(h -> sources.add(h.path("_source")));
        return sources;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** A coordinate as a Vega expression prints it (JavaScript's shortest form). */
    private static String number(JsonNode value) {
        double d = value.asDouble();
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
