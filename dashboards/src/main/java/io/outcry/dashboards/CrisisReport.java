package io.outcry.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The crisis report: the boards' charts for one brand and one time range, queried from live
 * Elasticsearch exactly as Kibana would query them with a {@code brand} filter on the
 * dashboard, drawn by Vega in headless Chromium, and written as one self-contained HTML file
 * (inline SVG, no scripts, nothing fetched) a manager can mail, plus a PDF of it. After the
 * charts, how fast the brand spoke up about its worst alerts and its outage zones ({@link SpokeUp}:
 * time to its first public statement, to its first reply to an affected customer, and whether it
 * said "it works again" while a zone was down), then the posts behind each of the brand's worst
 * alerts ({@link AlertPosts}): the most retweeted and the most recent, with author, time, text and permalink. Permalinks are printed as
 * text, not links: the report is read offline and as a PDF, and a mail reader that links URLs
 * still can; the boards' links into Discover are left out of its charts for the same reason.
 *
 * <pre>
 * java -cp dashboards/target/classes:job/target/outcry-job-0.1.0-SNAPSHOT-job.jar io.outcry.dashboards.CrisisReport \
 *     --elasticsearch http://localhost:9200 --brand windtre --from 2026-11-20T17:00:00Z --to 2026-11-20T19:00:00Z \
 *     --out windtre.html --pdf windtre.pdf
 * </pre>
 *
 * <p>Flags: {@code --elasticsearch} (default http://localhost:9200), {@code --brand} (required),
 * {@code --from} / {@code --to} (ISO-8601; default the last 24 hours), {@code --out} (the HTML
 * file, required), {@code --pdf} (also print it to this PDF), {@code --dashboards} (the
 * dashboards directory, default {@code dashboards}), {@code --boards} (dashboard ids, default
 * the reputation and alerts boards).
 */
@Command(name = "crisis-report", mixinStandardHelpOptions = true,
        description = "Renders the boards' charts for one brand and time range into a self-contained HTML file (and PDF).")
public final class CrisisReport implements Callable<Integer> {

    static final List<String> DEFAULT_BOARDS = List.of("outcry-reputation-overview", "outcry-spikes-and-alerts", "outcry-outage-zones");
    /** The worst alerts whose posts the report lists, and how many posts of each kind. */
    static final int ALERTS_WITH_POSTS = 3;
    static final int POSTS_PER_LIST = 5;
    /** Where a zone alert's zone is, as the boards read it. */
    static final String ZONES_INDEX = "outcry-zones";
    /** The alerts as they stand, as the boards read them. */
    static final String ALERTS_INDEX = "outcry-alerts";

    @Option(names = "--elasticsearch", description = "Elasticsearch URL (default: ${DEFAULT-VALUE}).")
    String elasticsearch = "http://localhost:9200";

    @Option(names = "--brand", required = true, description = "Brand id, as in catalog/brands.yaml.")
    String brand;

    @Option(names = "--from", description = "Start of the range, ISO-8601 (default: 24 hours before --to).")
    Instant from;

    @Option(names = "--to", description = "End of the range, ISO-8601 (default: now).")
    Instant to;

    @Option(names = "--out", required = true, paramLabel = "<file.html>", description = "The HTML report to write.")
    Path out;

    @Option(names = "--pdf", paramLabel = "<file.pdf>", description = "Also print the report to this PDF.")
    Path pdf;

    @Option(names = "--dashboards", paramLabel = "<dir>", description = "The dashboards directory (default: ${DEFAULT-VALUE}).")
    Path dashboards = Path.of("dashboards");

    @Option(names = "--boards", split = ",", description = "Dashboard ids to include (default: the reputation, alerts and outage-zones boards).")
    List<String> boardIds = DEFAULT_BOARDS;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CrisisReport()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Instant end = to != null ? to : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = from != null ? from : end.minus(24, ChronoUnit.HOURS);
        write(Boards.load(dashboards), new PanelQueries(elasticsearch), Chromium.locate(), VegaLibraries.load(dashboards),
                brand, KibanaVegaQuery.TimeRange.of(start, end), boardIds, out, pdf);
        System.out.println("wrote " + out + (pdf != null ? " and " + pdf : ""));
        return 0;
    }

    /** Queries, renders and writes the report; the PDF too when {@code pdf} is not null. */
    static void write(Boards boards, PanelQueries queries, Chromium chromium, VegaLibraries libraries, String brand,
            KibanaVegaQuery.TimeRange time, List<String> boardIds, Path out, Path pdf) throws IOException, InterruptedException {
        var context = KibanaVegaQuery.context(List.of(KibanaVegaQuery.phraseFilter("brand", brand)));
        BoardRenderer renderer = new BoardRenderer(chromium, libraries);
        Path work = Files.createTempDirectory("outcry-report-");
        StringBuilder sections = new StringBuilder();
        Map<String, PanelQueries.Result> results = new LinkedHashMap<>();
        for (String id : boardIds) {
            Boards.Dashboard dashboard = boards.dashboard(id).orElseThrow(() -> new IllegalArgumentException("no dashboard " + id));
            List<BoardRenderer.Placed> placed = new ArrayList<>();
            for (Boards.Panel panel : dashboard.panels()) {
                Boards.Visualization vis = boards.visualization(panel.visualization());
                if (vis.isVega()) {
                    PanelQueries.Result result = queries.run(vis.spec(), time, context);
                    results.put(vis.id(), result);
                    placed.add(new BoardRenderer.Placed(vis, panel, withoutLinks(result.spec())));
                }
            }
            List<BoardRenderer.Rendered> charts = renderer.render(new BoardRenderer.Board(dashboard.title(), "", placed), work);
            sections.append("<h2>").append(Html.escape(dashboard.title().replace("Outcry · ", ""))).append("</h2>\n");
            for (int i = 0; i < charts.size(); i++) {
                BoardRenderer.Rendered chart = charts.get(i);
                if (!chart.problems().isEmpty() || chart.svg() == null) {
                    throw new IOException("chart " + chart.id() + " did not render: " + chart.problems());
                }
                Boards.Visualization vis = placed.get(i).visualization();
                sections.append("<figure><figcaption>").append(Html.escape(vis.title())).append("</figcaption>")
                        .append(chart.svg()).append("</figure>\n");
            }
        }
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Crisis report: %1$s, %2$s to %3$s</title>
                <style>
                  body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #1a1c21; margin: 24px auto; max-width: 1400px; }
                  h1 { font-size: 22px; margin-bottom: 2px; } .range { color: #535966; margin-top: 0; }
                  h2 { font-size: 17px; border-bottom: 1px solid #d3dae6; padding-bottom: 4px; margin-top: 28px; }
                  table { border-collapse: collapse; font-size: 13px; } td, th { padding: 3px 10px 3px 0; text-align: left; }
                  figure { margin: 12px 0 20px 0; page-break-inside: avoid; } figcaption { font-weight: 600; font-size: 13px; margin-bottom: 4px; }
                  svg { max-width: 100%%; height: auto; }
                  h3 { font-size: 14px; margin: 18px 0 4px 0; } h4 { font-size: 12px; color: #535966; margin: 10px 0 2px 0; }
                  table.posts td { vertical-align: top; } table.posts td.text { max-width: 700px; }
                  .link { font-family: 'DejaVu Sans Mono', monospace; font-size: 11px; color: #0061a6; word-break: break-all; }
                  footer { color: #69707d; font-size: 11px; margin-top: 30px; }
                </style></head><body>
                <h1>Crisis report: %1$s</h1>
                <p class="range">%2$s to %3$s (UTC)</p>
                %4$s
                %5$s
                %7$s
                <footer>Generated by Outcry from Elasticsearch at %6$s: the charts of the Kibana boards, with the dashboard filtered on brand %1$s.</footer>
                </body></html>
                """.formatted(Html.escape(brand), time(time.min()), time(time.max()), summary(results), sections,
                Html.escape(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()),
                spokeUp(results, new SpokeUp(queries), brand, time) + alertPosts(results, new AlertPosts(queries)));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, html, StandardCharsets.UTF_8);
        if (pdf != null) {
            Files.createDirectories(pdf.toAbsolutePath().getParent());
            chromium.printToPdf(out, pdf);
        }
    }

    /** The figures a reader wants before the charts: volume, complaints, negativity, alerts. */
    private static String summary(Map<String, PanelQueries.Result> results) {
        List<String[]> rows = new ArrayList<>();
        PanelQueries.Result brands = results.get("outcry-negative-share-by-brand");
        if (brands != null && !brands.sources().get(0).rows().isEmpty()) {
            JsonNode b = brands.sources().get(0).rows().get(0);
            rows.add(new String[] {"posts", String.format("%,.0f", b.at("/posts/value").asDouble())});
            rows.add(new String[] {"complaints", String.format("%,.0f", b.at("/complaints/value").asDouble())});
            rows.add(new String[] {"negative share", String.format("%.0f %%", 100 * b.at("/negative/value").asDouble())});
        }
        PanelQueries.Result worst = results.get("outcry-alert-explanations");
        if (worst != null) {
            JsonNode hits = worst.sources().get(0).response().path("hits");
            rows.add(new String[] {"alerts", String.valueOf(hits.at("/total/value").asLong())});
            if (hits.path("hits").size() > 0) {
                JsonNode a = hits.path("hits").get(0).path("_source");
                rows.add(new String[] {"worst alert", orAll(a.path("topic").asText(), "all topics") + " · "
                        + orAll(a.path("region_name").asText(), "all regions")
                        + ": severity " + a.path("peak_severity").asInt() + ", crisis score "
                        + String.format("%.0f", a.path("crisis_score").asDouble()) + " (" + a.path("status").asText() + ")"});
            }
        }
        PanelQueries.Result zones = results.get("outcry-zones-map");
        if (zones != null) {
            JsonNode hits = zones.sources().get(0).response().path("hits");
            rows.add(new String[] {"outage zones", String.valueOf(hits.at("/total/value").asLong())});
            if (hits.path("hits").size() > 0) {
                // The map's query sorts the zones by the people who reported them.
                JsonNode z = hits.path("hits").get(0).path("_source");
                List<String> towns = new ArrayList<>();
                z.path("towns").forEach(t -> towns.add(t.asText()));
                rows.add(new String[] {"largest zone", String.join(", ", towns.subList(0, Math.min(3, towns.size())))
                        + ": " + z.path("unique_authors").asInt() + " people, since " + time(z.path("onset").asText())
                        + (z.hasNonNull("recovery_at") ? ", back at " + time(z.path("recovery_at").asText()) : "")
                        + " (" + z.path("status").asText() + ")"});
            }
        }
        StringBuilder table = new StringBuilder("<table>");
        for (String[] row : rows) {
            table.append("<tr><th>").append(Html.escape(row[0])).append("</th><td>").append(Html.escape(row[1])).append("</td></tr>");
        }
        return table.append("</table>").toString();
    }

    /**
     * How fast the brand spoke up about its worst alerts (those whose posts follow) and its outage
     * zones in the range.
     */
    static String spokeUp(Map<String, PanelQueries.Result> results, SpokeUp spokeUp, String brand, KibanaVegaQuery.TimeRange time)
            throws IOException, InterruptedException {
        List<String> worst = new ArrayList<>();
        PanelQueries.Result explanations = results.get("outcry-alert-explanations");
        if (explanations != null) {
            JsonNode hits = explanations.sources().get(0).response().at("/hits/hits");
            for (int i = 0; i < Math.min(ALERTS_WITH_POSTS, hits.size()); i++) {
                worst.add(hits.get(i).at("/_source/alert_id").asText());
            }
        }
        List<SpokeUp.Row> rows = new ArrayList<>(spokeUp.alerts(ALERTS_INDEX, worst));
        rows.addAll(spokeUp.zones(ZONES_INDEX, brand, time));
        return SpokeUp.html(rows);
    }

    /**
     * The posts of the brand's worst alerts, in the order of the "Worst alerts and why" panel
     * (crisis score first), the alerts of the report's range and brand.
     */
    static String alertPosts(Map<String, PanelQueries.Result> results, AlertPosts posts) throws IOException, InterruptedException {
        PanelQueries.Result worst = results.get("outcry-alert-explanations");
        if (worst == null) {
            return "";
        }
        JsonNode hits = worst.sources().get(0).response().at("/hits/hits");
        if (hits.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>Posts behind the worst alerts</h2>\n");
        for (int i = 0; i < Math.min(ALERTS_WITH_POSTS, hits.size()); i++) {
            JsonNode alert = hits.get(i).path("_source");
            ObjectNode query = posts.query(alert, ZONES_INDEX);
            AlertPosts.Posts found = query == null ? new AlertPosts.Posts(0, List.of(), List.of()) : posts.find(query, POSTS_PER_LIST);
            String until = "resolved".equals(alert.path("status").asText()) ? time(alert.path("last_anomalous_end").asText()) : "now (open)";
            boolean zone = AlertPosts.ZONE_LEVEL.equals(alert.path("level").asText());
            html.append("<h3>").append(Html.escape(alert.path("brand").asText() + " · " + orAll(alert.path("topic").asText(), "all topics")
                    + " · " + orAll(alert.path("region_name").asText(), "all regions") + (zone ? " (outage zone)" : ""))).append("</h3>")
                    .append("<p class=\"range\">").append(Html.escape(String.format("%,d posts %s, %s to %s", found.total(),
                            zone ? "in the zone" : "in its windows", time(alert.path("onset").asText()), until))).append("</p>\n");
            if (found.total() == 0) {
                html.append("<p>No posts in the posts index for this alert (the job runs without <code>--posts-index</code>, "
                        + "or the posts are past its retention).</p>\n");
                continue;
            }
            if (!found.mostRetweeted().isEmpty()) {
                html.append("<h4>Most retweeted</h4>").append(postTable(found.mostRetweeted(), true));
            }
            html.append("<h4>Most recent (retweets are counted above)</h4>").append(postTable(found.mostRecent(), false));
        }
        return html.toString();
    }

    private static String postTable(List<AlertPosts.Post> posts, boolean retweets) {
        StringBuilder table = new StringBuilder("<table class=\"posts\"><tr>");
        if (retweets) {
            table.append("<th>retweets</th>");
        }
        table.append("<th>time</th><th>author</th><th>post</th></tr>\n");
        for (AlertPosts.Post p : posts) {
            table.append("<tr>");
            if (retweets) {
                table.append("<td>").append(p.retweets()).append("</td>");
            }
            String author = p.handle() == null ? "unknown" : "@" + p.handle() + String.format(" (%,d followers)", p.followers());
            table.append("<td>").append(time(p.time().toEpochMilli())).append("</td><td>").append(Html.escape(author))
                    .append("</td><td class=\"text\">").append(Html.escape(p.text()))
                    .append("<br><span class=\"link\">").append(Html.escape(p.link())).append("</span></td></tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    /**
     * The spec without its links (and the layers named {@code posts-link} that only show them):
     * they lead into Kibana, which a mailed report cannot reach.
     */
    static ObjectNode withoutLinks(ObjectNode spec) {
        ObjectNode copy = spec.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.get("encoding") instanceof ObjectNode encoding) {
                encoding.remove("href");
            }
            if (object.get("mark") instanceof ObjectNode mark) {
                mark.remove("cursor");
            }
            if (object.get("layer") instanceof ArrayNode layers) {
                for (int i = layers.size() - 1; i >= 0; i--) {
                    if ("posts-link".equals(layers.get(i).path("name").asText())) {
                        layers.remove(i);
                    }
                }
            }
            object.forEach(CrisisReport::strip);
        } else if (node.isArray()) {
            node.forEach(CrisisReport::strip);
        }
    }

    /** A key's {@code *} in words. */
    private static String orAll(String value, String all) {
        return "*".equals(value) ? all : value;
    }

    private static String time(String iso) {
        return time(Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS).toEpochMilli());
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString().replace("T", " ").replace("Z", "");
    }
}
