package io.outcry.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The report command end to end: live Elasticsearch in, one mailable HTML file and a PDF out. */
class CrisisReportTest {

    @Test
    void writesASelfContainedHtmlReportAndItsPdfForOneBrand() throws Exception {
        String es = SimulatedIndices.elasticsearch();
        Path html = Path.of("target", "report", "windtre.html");
        Path pdf = Path.of("target", "report", "windtre.pdf");
        int exit = new CommandLine(new CrisisReport()).execute("--elasticsearch", es, "--brand", "windtre",
                "--from", SimulatedIndices.FROM.toString(), "--to", SimulatedIndices.TO.toString(),
                "--dashboards", ".", "--out", html.toString(), "--pdf", pdf.toString());
        assertThat(exit).isZero();

        String report = Files.readString(html);
        assertThat(report).contains("Crisis report: windtre").contains("2026-11-20 17:00:00 to 2026-11-20 17:40:00");
        // Self-contained: charts as inline SVG, nothing to run, nothing to fetch.
        assertThat(report).doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http");
        assertThat(report.split("<svg", -1)).hasSize(1 + 12);
        assertThat(report).contains("Posts and complaints").contains("Worst alerts and why").contains("worst alert");
        assertThat(report).contains("Outage zones on the map").contains("largest zone").contains("Naples")
                .containsPattern("people, since 2026-11-20 17:\\d\\d:\\d\\d, back at 2026-11-20 17:\\d\\d:\\d\\d \\(");
        // The posts behind the worst alerts, permalinks as text: the report links nowhere.
        assertThat(report).contains("Posts behind the worst alerts").contains("Most retweeted").contains("Most recent")
                .containsPattern("\\d+ posts (in its windows|in the zone), 2026-11-20 17:\\d\\d:\\d\\d to ")
                .doesNotContain("<a ").doesNotContain("posts \u203a").doesNotContain("discover#");
        JsonNode worst = worstAlert(es, "windtre");
        AlertPosts alertPosts = new AlertPosts(new PanelQueries(es));
        AlertPosts.Posts posts = alertPosts.find(alertPosts.query(worst, CrisisReport.ZONES_INDEX), CrisisReport.POSTS_PER_LIST);
        assertThat(posts.mostRecent()).isNotEmpty();
        for (AlertPosts.Post p : posts.mostRecent()) {
            assertThat(report).contains(Html.escape(p.text())).contains(Html.escape(p.link())).contains("@" + Html.escape(p.handle()));
        }
        assertThat(posts.mostRetweeted()).isNotEmpty();
        assertThat(report).contains(Html.escape(posts.mostRetweeted().get(0).text()));
        // How fast the brand spoke up, for the worst alert and the largest zone, as the indices hold them.
        assertThat(report).contains("How fast the brand spoke up");
        JsonNode measured = document(es, "outcry-alerts", "{\"term\": {\"alert_id\": \"%s\"}}".formatted(worst.path("alert_id").asText()), null);
        assertThat(report).contains(cells(statement(measured), reply(measured)));
        JsonNode zone = document(es, "outcry-zones", "{\"term\": {\"brand\": \"windtre\"}}", "unique_authors");
        String restored = zone.path("restored_claim_while_down").asBoolean()
                ? "yes, at " + time(zone.path("restored_claim_at").asText()) + " (post " + zone.path("restored_claim_post_id").asText() + ")"
                : "no";
        assertThat(report).contains(cells(statement(zone), reply(zone), restored));
        System.out.println("windtre worst alert " + worst.path("alert_id").asText() + ": " + statement(measured) + "; " + reply(measured)
                + "; largest zone " + zone.path("zone_id").asText() + ": " + statement(zone) + "; " + reply(zone) + "; " + restored);
        // Filtered on the brand: other brands never appear in the brand rankings.
        assertThat(report).doesNotContain(">ryanair<").doesNotContain(">vodafone<");
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes());
        assertThat(Files.size(pdf)).isGreaterThan(10_000);
    }

    private static String statement(JsonNode doc) {
        return doc.hasNonNull("seconds_to_first_statement")
                ? "after " + SpokeUp.after(doc.path("seconds_to_first_statement").asLong()) + " (post " + doc.path("first_statement_id").asText() + ")"
                : "no statement yet";
    }

    private static String reply(JsonNode doc) {
        return doc.hasNonNull("seconds_to_first_affected_reply")
                ? "after " + SpokeUp.after(doc.path("seconds_to_first_affected_reply").asLong()) + " (case "
                        + doc.path("first_affected_reply_case_id").asText() + ")"
                : "no reply yet";
    }

    /** Cells next to each other in a row of the report. */
    private static String cells(String... texts) {
        StringBuilder cells = new StringBuilder();
        for (String text : texts) {
            cells.append("<td>").append(Html.escape(text)).append("</td>");
        }
        return cells.toString();
    }

    private static String time(String iso) {
        return java.time.Instant.parse(iso).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace("T", " ").replace("Z", "");
    }

    /** The first document of the index matching the query in the report's range, by {@code sort} descending when given. */
    private static JsonNode document(String es, String index, String query, String sort) throws Exception {
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree("""
                {"size": 1, "query": %s%s}
                """.formatted(query, sort == null ? "" : ", \"sort\": [{\"" + sort + "\": \"desc\"}]"));
        JsonNode doc = new PanelQueries(es).search(new KibanaVegaQuery.Request(index, body)).at("/hits/hits/0/_source");
        assertThat(doc.isMissingNode()).as("a document in " + index).isFalse();
        return doc;
    }

    /** The brand's first alert on the "Worst alerts and why" panel: highest crisis score, then latest. */
    private static JsonNode worstAlert(String es, String brand) throws Exception {
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree("""
                {"size": 1, "query": {"bool": {"filter": [{"term": {"brand": "%s"}},
                  {"range": {"detected_at": {"gte": "%s", "lte": "%s"}}}]}},
                 "sort": [{"crisis_score": "desc"}, {"detected_at": "desc"}]}
                """.formatted(brand, SimulatedIndices.FROM, SimulatedIndices.TO));
        return new PanelQueries(es).search(new KibanaVegaQuery.Request("outcry-alerts", body)).at("/hits/hits/0/_source");
    }
}
