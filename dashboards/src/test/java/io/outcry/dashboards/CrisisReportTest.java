package io.outcry.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

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
        // Filtered on the brand: other brands never appear in the brand rankings.
        assertThat(report).doesNotContain(">ryanair<").doesNotContain(">vodafone<");
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes());
        assertThat(Files.size(pdf)).isGreaterThan(10_000);
    }
}
