package io.outcry.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Vega and Vega-Lite builds Kibana 8.x bundles, from npm ({@code dashboards/package.json},
 * pinned in its lock file), installed with {@code npm ci} on first use.
 */
public record VegaLibraries(String vega, String vegaLite) {

    public static synchronized VegaLibraries load(Path dashboardsDir) throws IOException, InterruptedException {
        Path vega = dashboardsDir.resolve("node_modules/vega/build/vega.min.js");
        Path vegaLite = dashboardsDir.resolve("node_modules/vega-lite/build/vega-lite.min.js");
        if (!Files.exists(vega) || !Files.exists(vegaLite)) {
            System.err.println("installing vega and vega-lite with npm ci in " + dashboardsDir.toAbsolutePath());
            Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(dashboardsDir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || !Files.exists(vega) || !Files.exists(vegaLite)) {
                throw new IllegalStateException("`npm ci` in " + dashboardsDir.toAbsolutePath()
                        + " did not install vega and vega-lite (needs Node.js and npm on the PATH):\n" + output);
            }
        }
        return new VegaLibraries(Files.readString(vega, StandardCharsets.UTF_8), Files.readString(vegaLite, StandardCharsets.UTF_8));
    }
}
