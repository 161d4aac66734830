package io.outcry.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Lays a board out on Kibana's grid (48 columns, 20 px rows) in a page that renders each chart
 * with Vega / Vega-Lite in headless Chromium, and reads back per chart: the problems Vega and
 * Vega-Lite logged (errors and warnings), the SVG and a PNG.
 */
public final class BoardRenderer {

    /** The board's width in the page, in CSS pixels: a laptop screen. */
    public static final int WIDTH = 1400;
    static final int ROW = 20;
    static final int GAP = 8;
    static final int TITLE = 26;

    /** A panel to draw: a chart whose spec has its data inline, or markdown. */
    public record Placed(Boards.Visualization visualization, Boards.Panel panel, ObjectNode spec) {}

    public record Board(String title, String subtitle, List<Placed> panels) {

        int height() {
            return panels.stream().mapToInt(p -> (p.panel().y() + p.panel().h()) * ROW).max().orElse(0) + 90;
        }
    }

    /** What one chart became. */
    public record Rendered(String id, List<String> problems, String svg, byte[] png) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Chromium chromium;
    private final VegaLibraries libraries;

    public BoardRenderer(Chromium chromium, VegaLibraries libraries) {
        this.chromium = chromium;
        this.libraries = libraries;
    }

    /** Renders every chart of the board, in the order of its panels. */
    public List<Rendered> render(Board board, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path page = workDir.resolve(slug(board.title()) + ".html");
        Files.writeString(page, html(board), StandardCharsets.UTF_8);
        String dom = chromium.dumpDom(page);
        String open = "<script type=\"application/json\" id=\"results\">";
        int start = dom.indexOf(open);
        if (start < 0) {
            throw new IOException("the page " + page + " wrote no results; its DOM:\n" + dom.substring(0, Math.min(dom.length(), 4000)));
        }
        int end = dom.indexOf("</script>", start);
        JsonNode results = JSON.readTree(dom.substring(start + open.length(), end));
        List<Rendered> rendered = new ArrayList<>();
        for (JsonNode r : results) {
            List<String> problems = new ArrayList<>();
            r.path("problems").forEach(p -> problems.add(p.asText()));
            byte[] png = null;
            if (r.hasNonNull("png")) {
                String url = r.get("png").asText();
                png = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
            }
            rendered.add(new Rendered(r.get("id").asText(), problems, r.path("svg").asText(null), png));
        }
        return rendered;
    }

    /** A screenshot of the whole board as Chromium shows it. */
    public void screenshot(Board board, Path workDir, Path png) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Path page = workDir.resolve(slug(board.title()) + ".html");
        Files.writeString(page, html(board), StandardCharsets.UTF_8);
        chromium.screenshot(page, png, WIDTH + 2 * GAP, board.height());
    }

    String html(Board board) {
        StringBuilder panels = new StringBuilder();
        ArrayNode charts = JSON.createArrayNode();
        double column = WIDTH / 48.0;
        for (Placed placed : board.panels()) {
            Boards.Panel p = placed.panel();
            int left = (int) Math.round(p.x() * column);
            int top = p.y() * ROW;
            int width = (int) Math.round(p.w() * column) - GAP;
            int height = p.h() * ROW - GAP;
            String id = placed.visualization().id();
            panels.append("<section class=\"panel\" style=\"left:").append(left).append("px;top:").append(top)
                    .append("px;width:").append(width).append("px;height:").append(height).append("px\">")
                    .append("<h2>").append(Html.escape(placed.visualization().title())).append("</h2>");
            if (placed.spec() == null) {
                panels.append("<div class=\"markdown\">").append(Html.markdown(placed.visualization().markdown())).append("</div>");
            } else {
                panels.append("<div class=\"chart\" id=\"chart-").append(id).append("\"></div>");
                ObjectNode spec = placed.spec().deepCopy();
                // What Kibana does to every spec: fit the panel, padding included.
                spec.put("width", width - 2 * GAP);
                spec.put("height", height - TITLE - 2 * GAP);
                spec.putObject("autosize").put("type", "fit").put("contains", "padding");
                ObjectNode chart = charts.addObject();
                chart.put("id", id);
                chart.put("lite", spec.path("$schema").asText().contains("vega-lite"));
                chart.set("spec", spec);
            }
            panels.append("</section>\n");
        }
        return """
                <!doctype html>
                <html><head><meta charset="utf-8"><title>%s</title>
                <style>
                  body { margin: 0; padding: %dpx; background: #f7f8fc; font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; color: #1a1c21; }
                  header h1 { font-size: 20px; margin: 0 0 4px 0; } header p { margin: 0 0 14px 0; color: #535966; font-size: 13px; }
                  .board { position: relative; width: %dpx; height: %dpx; }
                  .panel { position: absolute; box-sizing: border-box; background: #fff; border: 1px solid #d3dae6; border-radius: 6px; padding: %dpx; overflow: hidden; }
                  .panel h2 { font-size: 13px; font-weight: 600; margin: 0; height: %dpx; }
                  .markdown { font-size: 13px; color: #343741; } .markdown h3 { font-size: 15px; margin: 4px 0 8px 0; }
                  .markdown em { color: #69707d; }
                </style>
                <script>%s</script>
                <script>%s</script>
                </head><body>
                <header><h1>%s</h1><p>%s</p></header>
                <div class="board">
                %s</div>
                <script type="application/json" id="charts">%s</script>
                <script>
                (async () => {
                  const charts = JSON.parse(document.getElementById('charts').textContent);
                  const results = [];
                  for (const c of charts) {
                    const problems = [];
                    const logger = {
                      level(l) { return l === undefined ? 2 : logger; },
                      error(...a) { problems.push('error: ' + a.join(' ')); return logger; },
                      warn(...a) { problems.push('warning: ' + a.join(' ')); return logger; },
                      info() { return logger; }, debug() { return logger; }
                    };
                    try {
                      const spec = c.lite ? vegaLite.compile(c.spec, {logger}).spec : c.spec;
                      const view = new vega.View(vega.parse(spec), {renderer: 'svg', container: '#chart-' + c.id, hover: false, logger});
                      await view.runAsync();
                      const svg = await view.toSVG();
                      const canvas = await view.toCanvas(2);
                      results.push({id: c.id, problems, svg, png: canvas.toDataURL('image/png')});
                    } catch (e) {
                      problems.push('error: ' + ((e && e.stack) || e));
                      results.push({id: c.id, problems});
                    }
                  }
                  const out = document.createElement('script');
                  out.type = 'application/json';
                  out.id = 'results';
                  out.textContent = JSON.stringify(results);
                  document.body.appendChild(out);
                })();
                </script>
                </body></html>
                """.formatted(Html.escape(board.title()), GAP, WIDTH, board.height() - 90, GAP, TITLE,
                libraries.vega(), libraries.vegaLite(), Html.escape(board.title()), Html.escape(board.subtitle()), panels,
                scriptSafe(charts.toString()));
    }

    /** JSON inside a script element: only "</" could end it early. */
    static String scriptSafe(String json) {
        return json.replace("</", "<\\/");
    }

    static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
