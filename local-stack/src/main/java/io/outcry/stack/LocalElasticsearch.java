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
import javax.net.ssl.SSLContext;

/**
 * A real single-node Elasticsearch (the integ-test distribution the build unpacked), security off
 * unless started with {@link #startSecured}, on free loopback ports. It runs from a copy of the distribution in the work directory, because
 * Elasticsearch writes into its own config directory; data and logs stay there too.
 *
 * <p>As root, the node runs as the unprivileged user {@code outcry} via {@code runuser}. When
 * that user cannot reach the work directory (say, under {@code /root}), the node lives in a fresh
 * directory under {@code /tmp} instead, deleted on {@link #close()}.
 */
public final class LocalElasticsearch implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String HOST = "127.0.0.1";

    /** The superuser of a secured node, for tests that set it up; {@link #adminPassword()} is new at every start. */
    public static final String ADMIN_USER = "outcry-admin";

    private final ChildProcess process;
    private final String url;
    private final SecuredNode secured;

    private LocalElasticsearch(ChildProcess process, String url, SecuredNode secured) {
        this.process = process;
        this.url = url;
        this.secured = secured;
    }

    /** A user of a secured node's file realm, with the roles it has. */
    public record User(String name, String password, List<String> roles) {}

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
        return start(workDir, deleteOnClose, null, List.of());
    }

    /**
     * As {@link #start(Path)}, with security on: HTTPS with a certificate made for this start by
     * the distribution's {@code elasticsearch-certutil} (a new CA, and a node certificate for
     * 127.0.0.1 signed by it; the build's tests share one pair per build instead, through the system
     * property {@code outcry.stack.certificates}), the roles of {@code rolesYaml} ({@code roles.yml} syntax) and
     * {@code users} in the file realm, plus {@link #ADMIN_USER}, a superuser. The file realm,
     * because the integ-test distribution cannot create the {@code .security} index that native
     * users, roles and API keys live in (it lacks the analysis module that index needs).
     */
    public static LocalElasticsearch startSecured(Path workDir, String rolesYaml, List<User> users) throws IOException {
        return start(workDir, false, rolesYaml, users);
    }

    /** With {@code rolesYaml} null, security is off. */
    private static LocalElasticsearch start(Path workDir, boolean deleteOnClose, String rolesYaml, List<User> users)
            throws IOException {
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
        SecuredNode secured = rolesYaml == null ? null : SecuredNode.configure(home, base, log, rolesYaml, users);
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
                                "-Expack.security.enabled=" + (secured != null),
                                "-Enetwork.host=" + HOST,
                                "-Ehttp.host=" + HOST,
                                "-Ehttp.port=" + ports[0],
                                "-Etransport.port=" + ports[1],
                                "-Epath.data=" + base.resolve("data"),
                                "-Epath.logs=" + base.resolve("logs"),
                                // A nearly full CI disk must not turn indices read-only or block shard allocation.
                                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        if (secured != null) {
            command.addAll(SecuredNode.SETTINGS);
        }
        ProcessBuilder builder =
                new ProcessBuilder(asRoot ? UnprivilegedUser.wrap(command) : command)
                        .directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.remove("ES_PATH_CONF");
        env.put("ES_JAVA_HOME", System.getProperty("java.home"));
        env.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        env.put("ES_TMPDIR", base.resolve("tmp").toString());
        ChildProcess process = ChildProcess.start("Elasticsearch", builder, log);

        String url = (secured == null ? "http://" : "https://") + HOST + ":" + ports[0];
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        HttpClient http = (secured == null ? client : client.sslContext(secured.sslContext())).build();
        String authorization = secured == null ? null : secured.adminAuthorization();
        process.awaitReady(() -> isYellow(http, url, authorization), START_TIMEOUT);
        if (ownedDir != null) {
            process.deleteOnStop(ownedDir);
        }
        if (deleteOnClose) {
            process.deleteOnStop(workDir);
        }
        System.err.printf(
                "[local-stack] Elasticsearch ready at %s in %.1f s%n",
                url, (System.nanoTime() - started) / 1e9);
        return new LocalElasticsearch(process, url, secured);
    }

    /** {@code http://127.0.0.1:<port>}, or {@code https://} for a secured node. */
    public String url() {
        return url;
    }

    /** The PEM file of the CA that signed a secured node's certificate. */
    public Path caCertificate() {
        return securedNode().caCertificate();
    }

    /** The SHA-256 fingerprint of {@link #caCertificate()}, as 64 hex digits. */
    public String caFingerprint() {
        return securedNode().caFingerprint();
    }

    /** TLS that trusts a secured node's CA only. */
    public SSLContext sslContext() {
        return securedNode().sslContext();
    }

    public String adminPassword() {
        return securedNode().adminPassword();
    }

    private SecuredNode securedNode() {
        if (secured == null) {
            throw new IllegalStateException("this Elasticsearch runs with security off: start it with startSecured");
        }
        return secured;
    }

    /** Stops the node and every process it spawned: SIGTERM, SIGKILL after 10 s. */
    /** The CPU time the node has used so far, for benchmarks that say where the cores went. */
    public Duration cpuTime() {
        return process.cpuTime();
    }

    @Override
    public void close() {
        process.stop();
    }

    // The test distribution has no `GET /` endpoint; cluster health is what clients need anyway.
    private static boolean isYellow(HttpClient http, String url, String authorization) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
                        .timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
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
