package io.outcry.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real single-node Elasticsearch (the integ-test distribution the build unpacked), security off,
 * on free loopback ports. It runs from a copy of the distribution in the work directory, because
 * Elasticsearch writes into its own config directory; data and logs stay there too.
 *
 * <p>As root, the node runs as the unprivileged user {@code outcry} via {@code runuser}. When
 * that user cannot reach the work directory (say, under {@code /root}), the node lives in a fresh
 * directory under {@code /tmp} instead, deleted on {@link #close()}.
 */
public final class LocalElasticsearch implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String HOST = "127.0.0.1";

    private final ChildProcess process;
    private final String url;

    private LocalElasticsearch(ChildProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Copies the distribution into {@code workDir} and starts a node; returns once the cluster is
     * at least yellow.
     *
     * @throws IOException when the node exits or is not ready within 120 s; the message carries the
     *     last lines of its console log
     */
    public static LocalElasticsearch start(Path workDir) throws IOException {
        return start(workDir, false);
    }

    /** As {@link #start(Path)}; with {@code deleteOnClose}, stopping also deletes {@code workDir}. */
    static LocalElasticsearch start(Path workDir, boolean deleteOnClose) throws IOException {
        long started = System.nanoTime();
        Path distribution = StackPaths.current().elasticsearchHome();
        boolean asRoot = UnprivilegedUser.needed();
        Files.createDirectories(workDir);
        Path base = workDir;
        Path ownedDir = null;
        if (asRoot && !UnprivilegedUser.canReach(workDir)) {
            ownedDir = Files.createTempDirectory(Path.of("/tmp"), "outcry-elasticsearch-");
            Files.setPosixFilePermissions(ownedDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            base = ownedDir;
        }
        Path home = base.resolve(distribution.getFileName());
        Path log = base.resolve("elasticsearch-console.log");
        System.err.printf(
                "[local-stack] starting Elasticsearch in %s%s%n",
                base, ownedDir == null ? "" : " (user " + UnprivilegedUser.NAME + " cannot reach " + workDir + ")");
        if (!Files.exists(home)) {
            copyTree(distribution, home);
        }
        for (String dir : List.of("data", "logs", "tmp")) {
            Files.createDirectories(base.resolve(dir));
        }
        if (asRoot) {
            UnprivilegedUser.prepare(base, log);
        }

        int[] ports = FreePorts.pick(2);
        List<String> command =
                new ArrayList<>(
                        List.of(
                                home.resolve("bin").resolve("elasticsearch").toString(),
                                "-Ecluster.name=outcry-local",
                                "-Ediscovery.type=single-node",
                                "-Expack.security.enabled=false",
                                "-Enetwork.host=" + HOST,
                                "-Ehttp.host=" + HOST,
                                "-Ehttp.port=" + ports[0],
                                "-Etransport.port=" + ports[1],
                                "-Epath.data=" + base.resolve("data"),
                                "-Epath.logs=" + base.resolve("logs"),
                                // A nearly full CI disk must not turn indices read-only or block shard allocation.
                                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        ProcessBuilder builder =
                new ProcessBuilder(asRoot ? UnprivilegedUser.wrap(command) : command)
                        .directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.remove("ES_PATH_CONF");
        env.put("ES_JAVA_HOME", System.getProperty("java.home"));
        env.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        env.put("ES_TMPDIR", base.resolve("tmp").toString());
        ChildProcess process = ChildProcess.start("Elasticsearch", builder, log);

        String url = "http://" + HOST + ":" + ports[0];
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        process.awaitReady(() -> isYellow(http, url), START_TIMEOUT);
        if (ownedDir != null) {
            process.deleteOnStop(ownedDir);
        }
        if (deleteOnClose) {
            process.deleteOnStop(workDir);
        }
        System.err.printf(
                "[local-stack] Elasticsearch ready at %s in %.1f s%n",
                url, (System.nanoTime() - started) / 1e9);
        return new LocalElasticsearch(process, url);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return url;
    }

    /** Stops the node and every process it spawned: SIGTERM, SIGKILL after 10 s. */
    @Override
    public void close() {
        process.stop();
    }

    // The test distribution has no `GET /` endpoint; cluster health is what clients need anyway.
    private static boolean isYellow(HttpClient http, String url) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
                        .timeout(Duration.ofSeconds(5))
                        .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                // COPY_ATTRIBUTES keeps the executable bit of the bin/ scripts.
                Files.copy(source, to.resolve(from.relativize(source).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
