package io.outcry.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, with the flags this machine's closed network needs (no
 * background connections, no component updates, a fresh profile each run). When it is missing
 * and we are root it is installed with apt-get, as CI needs; otherwise the error says how.
 */
public final class Chromium {

    /** Environment variable naming another Chromium binary. */
    public static final String BINARY_ENV = "OUTCRY_CHROMIUM";
    private static final Path DEBIAN = Path.of("/usr/bin/chromium");
    /** Long enough for every chart of a board on a loaded two-core machine. */
    private static final int VIRTUAL_TIME_MS = 20_000;

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, installed first if it is missing and this process may install it. */
    public static synchronized Chromium locate() throws IOException, InterruptedException {
        String override = System.getenv(BINARY_ENV);
        if (override != null && !override.isBlank()) {
            return new Chromium(Path.of(override));
        }
        if (!Files.isExecutable(DEBIAN)) {
            if (!"root".equals(System.getProperty("user.name"))) {
                throw new IllegalStateException("Chromium is not installed: run `sudo apt-get install -y chromium` "
                        + "(or set " + BINARY_ENV + " to a Chromium binary)");
            }
            install();
        }
        return new Chromium(DEBIAN);
    }

    private static void install() throws IOException, InterruptedException {
        System.err.println("Chromium is missing: installing Debian's chromium with apt-get (a minute or two)");
        Process p = new ProcessBuilder("bash", "-c",
                "export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq chromium || (apt-get update -qq && apt-get install -y -qq chromium)")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !Files.isExecutable(DEBIAN)) {
            throw new IllegalStateException("could not install Chromium with `apt-get install -y chromium`:\n" + output);
        }
    }

    /** The page's DOM after its scripts ran. */
    public String dumpDom(Path page) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", page.toUri().toString()), null);
    }

    /** A PNG screenshot of the page at this window size. */
    public void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(),
                page.toUri().toString()), png);
    }

    /** The page printed to PDF. */
    public void printToPdf(Path page, Path pdf) throws IOException, InterruptedException {
        run(List.of("--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath(), page.toUri().toString()), pdf);
    }

    private String run(List<String> args, Path expectedOutput) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("outcry-chromium-");
        try {
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--allow-file-access-from-files",
                    "--user-data-dir=" + profile, "--virtual-time-budget=" + VIRTUAL_TIME_MS));
            command.addAll(args);
            Path stderr = profile.resolve("stderr.log");
            Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("Chromium did not finish in 3 minutes: " + command);
            }
            if (p.exitValue() != 0 || (expectedOutput != null && !Files.exists(expectedOutput))) {
                throw new IOException("Chromium failed (exit " + p.exitValue() + "): " + command + "\n" + Files.readString(stderr));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A profile Chromium still holds open is only a temp directory left behind.
        }
    }
}
