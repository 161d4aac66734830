package io.outcry.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boards against what they will really read ({@link SimulatedIndices}: the production job's
 * indices filled from simulator posts), every panel's query sent as Kibana sends it, and every
 * chart drawn by Vega / Vega-Lite in headless Chromium.
 *
 * <p>With {@code -Doutcry.boards.docs=true} the board screenshots are also copied to
 * {@code docs/boards/}, where the README shows them.
 */
class BoardsOnRealDataTest {

    static final Instant FROM = SimulatedIndices.FROM;
    static final Instant TO = SimulatedIndices.TO;
    static final KibanaVegaQuery.TimeRange TIME = SimulatedIndices.TIME;
    static final Path DIR = Path.of(".");

    static String es;
    static Boards boards;
    static final Map<String, PanelQueries.Result> RESULTS = new LinkedHashMap<>();

    @BeforeAll
    static void queryEveryPanelAsKibanaWould() throws Exception {
        es = SimulatedIndices.elasticsearch();
        boards = Boards.load(DIR);
        PanelQueries queries = new PanelQueries(es);
        for (Boards.Visualization vis : boards.visualizations().values()) {
            if (vis.isVega()) {
                RESULTS.put(vis.id(), queries.run(vis.spec(), TIME, KibanaVegaQuery.emptyContext()));
            }
        }
    }

    @Test
    void everyPanelQueryReturnsTheRowsAndFieldsItsSpecReads() {
        assertThat(RESULTS).hasSize((int) boards.visualizations().values().stream().filter(Boards.Visualization::isVega).count());
        RESULTS.forEach((id, result) -> {
            Boards.Visualization vis = boards.visualization(id);
            assertThat(result.sources()).as(id).isNotEmpty();
            for (PanelQueries.SourceResult source : result.sources()) {
                assertThat(source.response().path("timed_out").asBoolean()).isFalse();
                assertThat(source.response().path("_shards").path("failed").asInt()).as(id + " shard failures").isZero();
                assertThat(source.rows()).as("%s: rows at %s", id, source.name()).isNotEmpty();
            }
            // A spec with a second source (a lookup) reads each field from one of them.
            for (String path : PanelData.readPaths(vis.spec())) {
                assertThat(result.sources()).as("%s reads %s from its rows", id, path).anySatisfy(source ->
                        assertThat(source.rows()).anySatisfy(row -> assertThat(at(row, path).isMissingNode() || at(row, path).isNull()).isFalse()));
            }
        });
    }

    @Test
    void timeHistogramsSpanTheTimePickerRangeAndCountEveryPost() throws Exception {
        PanelQueries.SourceResult volume = RESULTS.get("outcry-volume-and-complaints").sources().get(0);
        // 40 minutes / 60 buckets: Kibana rounds to 30s, which the spec sums back per minute.
        assertThat(volume.request().body().at("/aggs/over_time/date_histogram/fixed_interval").asText()).isEqualTo("30s");
        assertThat(volume.rows()).hasSize(81);
        assertThat(volume.rows().get(0).get("key").asLong()).isEqualTo(FROM.toEpochMilli());
        double charted = 0;
        for (JsonNode bucket : volume.rows()) {
            charted += bucket.at("/posts/value").asDouble();
        }
        JsonNode total = new PanelQueries(es).search(new KibanaVegaQuery.Request("outcry-windows-*",
                (ObjectNode) new ObjectMapper().readTree("{\"size\":0,\"aggs\":{\"posts\":{\"sum\":{\"field\":\"posts\"}}}}")));
        assertThat(charted).isPositive().isEqualTo(total.at("/aggregations/posts/value").asDouble());
    }

    @Test
    void autoIntervalHistogramsSpanTheWholeTimePickerRange() {
        PanelQueries.SourceResult opened = RESULTS.get("outcry-alerts-opened-by-level").sources().get(0);
        // 40 minutes / 40 buckets: Kibana rounds to 1m, a calendar interval.
        assertThat(opened.request().body().at("/aggs/opened/aggs/over_time/date_histogram/calendar_interval").asText()).isEqualTo("1m");
        assertThat(opened.rows()).hasSize(41);
        assertThat(opened.rows().get(0).get("key").asLong()).isEqualTo(FROM.toEpochMilli());
    }

    @Test
    void aDashboardFilterReachesThePanelQueriesThroughContext() throws Exception {
        Boards.Visualization vis = boards.visualization("outcry-negative-share-by-brand");
        PanelQueries.Result windtre = new PanelQueries(es).run(vis.spec(), TIME,
                KibanaVegaQuery.context(List.of(KibanaVegaQuery.phraseFilter("brand", "windtre"))));
        assertThat(windtre.sources().get(0).rows()).extracting(b -> b.get("key").asText()).containsExactly("windtre");
        assertThat(RESULTS.get(vis.id()).sources().get(0).rows().size()).isGreaterThan(1);
    }

    @Test
    void theSpikesBoardShowsTheSimulatedOutage() {
        assertThat(RESULTS.get("outcry-alert-timeline").sources().get(0).rows())
                .anySatisfy(hit -> {
                    assertThat(hit.at("/_source/brand").asText()).isEqualTo("windtre");
                    assertThat(hit.at("/_source/peak_severity").asInt()).isBetween(1, 10);
                });
    }

    @Test
    void theZonesBoardShowsEachSimulatedOutageWhereItHappened() {
        List<JsonNode> zones = new ArrayList<>();
        RESULTS.get("outcry-zones-map").sources().get(0).rows().forEach(zones::add);
        // Napoli, Milano and Roma, the GeoNames centres the simulator's residents live around.
        assertThat(zones).anySatisfy(zone -> isNear(zone, "windtre", 40.85216, 14.26811))
                .anySatisfy(zone -> isNear(zone, "vodafone", 45.46427, 9.18951))
                .anySatisfy(zone -> isNear(zone, "tim", 41.89193, 12.51133));
        List<JsonNode> events = new ArrayList<>();
        RESULTS.get("outcry-zones-timeline").sources().get(0).rows().forEach(events::add);
        for (String brand : List.of("windtre", "vodafone", "tim")) {
            assertThat(events).as(brand + " confirmed, then back").anySatisfy(e -> {
                assertThat(e.at("/_source/brand").asText()).isEqualTo(brand);
                assertThat(e.at("/_source/status").asText()).isEqualTo("confirmed");
            }).anySatisfy(e -> {
                assertThat(e.at("/_source/brand").asText()).isEqualTo(brand);
                assertThat(e.at("/_source/status").asText()).isEqualTo("recovering");
            });
        }
        List<String> towns = new ArrayList<>();
        RESULTS.get("outcry-zones-places").sources().get(0).rows().forEach(zone -> zone.at("/_source/towns").forEach(t -> towns.add(t.asText())));
        assertThat(towns).contains("Naples", "Milan", "Rome");
    }

    @Test
    void theZonePanelsFollowTheBrandFilterAndShowOnlyZonesOpenInTheTimeRange() throws Exception {
        PanelQueries queries = new PanelQueries(es);
        Boards.Visualization places = boards.visualization("outcry-zones-places");
        PanelQueries.Result windtre = queries.run(places.spec(), TIME,
                KibanaVegaQuery.context(List.of(KibanaVegaQuery.phraseFilter("brand", "windtre"))));
        List<String> brands = new ArrayList<>();
        windtre.sources().get(0).rows().forEach(zone -> brands.add(zone.at("/_source/brand").asText()));
        assertThat(brands).isNotEmpty().containsOnly("windtre");

        Boards.Visualization map = boards.visualization("outcry-zones-map");
        // The tim outage starts 26 minutes in: before that, no tim zone; long after the last zone, none at all.
        PanelQueries.Result early = queries.run(map.spec(), KibanaVegaQuery.TimeRange.of(FROM, FROM.plusSeconds(22 * 60)),
                KibanaVegaQuery.emptyContext());
        assertThat(early.sources().get(0).rows()).isNotEmpty()
                .noneSatisfy(zone -> assertThat(zone.at("/_source/brand").asText()).isEqualTo("tim"));
        PanelQueries.Result later = queries.run(map.spec(), KibanaVegaQuery.TimeRange.of(TO.plusSeconds(3600), TO.plusSeconds(7200)),
                KibanaVegaQuery.emptyContext());
        assertThat(later.sources().get(0).rows()).isEmpty();
    }

    @Test
    void everyChartRendersInHeadlessChromiumWithoutErrorsOrWarnings() throws Exception {
        BoardRenderer renderer = new BoardRenderer(Chromium.locate(), VegaLibraries.load(DIR));
        Path target = Path.of("target", "boards");
        List<String> problems = new ArrayList<>();
        for (Boards.Dashboard dashboard : boards.dashboards()) {
            BoardRenderer.Board board = board(dashboard);
            List<BoardRenderer.Rendered> rendered = renderer.render(board, target);
            long charts = board.panels().stream().filter(p -> p.spec() != null).count();
            assertThat(rendered).as(dashboard.id()).hasSize((int) charts);
            for (BoardRenderer.Rendered chart : rendered) {
                chart.problems().forEach(p -> problems.add(chart.id() + ": " + p));
                assertThat(chart.png()).as(chart.id()).isNotNull();
                Files.write(target.resolve(chart.id() + ".png"), chart.png());
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
                assertThat(image.getWidth()).as(chart.id()).isGreaterThan(200);
                assertThat(inkShare(image)).as("%s draws something", chart.id()).isGreaterThan(0.01);
                assertThat(chart.svg()).as(chart.id()).contains("<svg").contains("<path");
            }
            Path png = target.resolve(dashboard.id() + ".png");
            renderer.screenshot(board, target, png);
            assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(BoardRenderer.WIDTH);
            if (Boolean.getBoolean("outcry.boards.docs")) {
                Path docs = Path.of("..", "docs", "boards");
                Files.createDirectories(docs);
                Files.copy(png, docs.resolve(dashboard.id() + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(problems).isEmpty();
    }

    static BoardRenderer.Board board(Boards.Dashboard dashboard) {
        List<BoardRenderer.Placed> placed = new ArrayList<>();
        for (Boards.Panel panel : dashboard.panels()) {
            Boards.Visualization vis = boards.visualization(panel.visualization());
            placed.add(new BoardRenderer.Placed(vis, panel, vis.isVega() ? RESULTS.get(vis.id()).spec() : null));
        }
        return new BoardRenderer.Board(dashboard.title(), dashboard.description() + "  Simulated firehose, "
                + FROM + " to " + TO + ".", placed);
    }

    /** A zone of the brand whose centre is within 25 km of the place. */
    static void isNear(JsonNode zone, String brand, double lat, double lon) {
        assertThat(zone.at("/_source/brand").asText()).isEqualTo(brand);
        double dLat = Math.toRadians(zone.at("/_source/centre/lat").asDouble() - lat);
        double dLon = Math.toRadians(zone.at("/_source/centre/lon").asDouble() - lon) * Math.cos(Math.toRadians(lat));
        assertThat(6371 * Math.hypot(dLat, dLon)).as("km from the place").isLessThan(25);
    }

    /** The share of pixels that are not (near) white or transparent. */
    static double inkShare(BufferedImage image) {
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                int a = argb >>> 24, r = (argb >> 16) & 0xff, g = (argb >> 8) & 0xff, b = argb & 0xff;
                if (a > 32 && (r < 230 || g < 230 || b < 230)) {
                    ink++;
                }
            }
        }
        return (double) ink / ((long) image.getWidth() * image.getHeight());
    }

    static JsonNode at(JsonNode row, String dottedPath) {
        JsonNode node = row;
        for (String step : dottedPath.split("\\.")) {
            node = node.path(step);
        }
        return node;
    }
}
