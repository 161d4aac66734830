package io.outcry.stack;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in its own JVM
 * from the Maven classpath the build wrote. Everything it writes stays in the work directory:
 * {@code server.properties}, {@code kafka.log} and the partition data under {@code data/}.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String HOST = "127.0.0.1";
    private static final short API_VERSIONS_KEY = 18;

    /** The SCRAM mechanism of the secured listener, as a client names it in {@code sasl.mechanism}. */
    public static final String SASL_MECHANISM = "SCRAM-SHA-256";
    /** The one user of the secured listener. */
    public static final String SASL_USER = "outcry";

    private final ChildProcess process;
    private final int port;
    private final int saslPort;
    private final String saslPassword;

    private LocalKafka(ChildProcess process, int port, int saslPort, String saslPassword) {
        this.process = process;
        this.port = port;
        this.saslPort = saslPort;
        this.saslPassword = saslPassword;
    }

    /**
     * Formats storage in {@code workDir} and starts a broker on free loopback ports; returns once it
     * answers requests.
     *
     * @throws IOException when the broker exits or is not ready within 60 s; the message carries
     *     the last lines of its log
     */
    public static LocalKafka start(Path workDir) throws IOException {
        return start(workDir, false);
    }

    /** As {@link #start(Path)}; with {@code deleteOnClose}, stopping also deletes {@code workDir}. */
    static LocalKafka start(Path workDir, boolean deleteOnClose) throws IOException {
        long started = System.nanoTime();
        String classpath = Files.readString(StackPaths.current().kafkaClasspathFile()).trim();
        Files.createDirectories(workDir);
        Path properties = workDir.resolve("server.properties");
        Path log4j = workDir.resolve("log4j2.properties");
        Path log = workDir.resolve("kafka.log");
        int[] ports = FreePorts.pick(3);
        int port = ports[0];
        int saslPort = ports[2];
        // A fresh password each start: the secured listener exists to test clients' security settings.
        String saslPassword = UUID.randomUUID().toString();
        Files.writeString(properties, serverProperties(workDir.resolve("data"), port, ports[1], saslPort));
        Files.writeString(log4j, LOG4J_CONFIG);
        System.err.printf("[local-stack] starting Kafka in %s%n", workDir);

        ChildProcess.run(
                "Formatting Kafka storage",
                java(classpath, log4j, "kafka.tools.StorageTool",
                        "format", "-t", clusterId(), "-c", properties.toString(), "--ignore-formatted",
                        "--add-scram", SASL_MECHANISM + "=[name=" + SASL_USER + ",password=" + saslPassword + "]"),
                log);
        ProcessBuilder broker =
                new ProcessBuilder(java(classpath, log4j, "kafka.Kafka", properties.toString()))
                        .directory(workDir.toFile());
        ChildProcess process = ChildProcess.start("Kafka broker", broker, log);
        process.awaitReady(() -> answersApiVersions(port), START_TIMEOUT);
        if (deleteOnClose) {
            process.deleteOnStop(workDir);
        }
        System.err.printf(
                "[local-stack] Kafka ready at %s:%d in %.1f s%n",
                HOST, port, (System.nanoTime() - started) / 1e9);
        return new LocalKafka(process, port, saslPort, saslPassword);
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /**
     * {@code 127.0.0.1:<port>} of a second listener that takes only SASL_PLAINTEXT clients
     * authenticated as {@link #SASL_USER} with {@link #saslPassword()} over {@link #SASL_MECHANISM}.
     */
    public String saslBootstrapServers() {
        return HOST + ":" + saslPort;
    }

    public String saslPassword() {
        return saslPassword;
    }

    /** Stops the broker: SIGTERM, and SIGKILL when it has not exited after 10 s. */
    /** The CPU time the broker has used so far, for benchmarks that say where the cores went. */
    public Duration cpuTime() {
        return process.cpuTime();
    }

    @Override
    public void close() {
        process.stop();
    }

    private static String serverProperties(Path dataDir, int port, int controllerPort, int saslPort) {
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                // Static quorum: a single voter needs no dynamic-quorum bootstrapping at format time.
                "controller.quorum.voters=1@" + HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort
                        + ",SASL_PLAINTEXT://" + HOST + ":" + saslPort,
                "advertised.listeners=PLAINTEXT://" + HOST + ":" + port + ",SASL_PLAINTEXT://" + HOST + ":" + saslPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                // SCRAM credentials live in the cluster metadata (added at format time), not in this file.
                "sasl.enabled.mechanisms=" + SASL_MECHANISM,
                "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir,
                "num.partitions=2",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                // 50 offset partitions (the default) slow the first consumer group down on 2 cores.
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // Simulated and replayed posts carry event times days or years old; with the default
                // 7-day retention by record timestamp, the broker deletes them while a job reads them.
                "log.retention.ms=-1",
                "");
    }

    private static final String LOG4J_CONFIG =
            ChildProcess.consoleLogging(
                    // Per-request and per-partition chatter that buries the lines that explain a failure.
                    "kafka.request.logger",
                    "state.change.logger",
                    "org.apache.kafka.storage.internals.log",
                    // Full config dumps, hundreds of lines each; server.properties says what was set.
                    "org.apache.kafka.common.config.AbstractConfig");

    private static List<String> java(String classpath, Path log4j, String mainClass, String... args) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx512m",
                                "-XX:+UseG1GC",
                                "-Djava.awt.headless=true",
                                "-Dlog4j2.configurationFile=" + log4j.toUri(),
                                "-cp",
                                classpath,
                                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** A random cluster id in Kafka's format: 16 bytes, URL-safe base64 without padding. */
    private static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16);
            bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            // Kafka rejects ids that start with '-': they read as a command-line flag.
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /**
     * Whether the broker answers an ApiVersions request. The listening socket is bound long before
     * the broker processes requests, so an accepted connection alone does not mean it is ready.
     */
    private static boolean answersApiVersions(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), 1000);
            socket.setSoTimeout(2000);
            byte[] clientId = "outcry-local-stack".getBytes(StandardCharsets.UTF_8);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            // ApiVersions v0 with request header v1: api key, api version, correlation id, client id.
            out.writeInt(2 + 2 + 4 + 2 + clientId.length);
            out.writeShort(API_VERSIONS_KEY);
            out.writeShort(0);
            out.writeInt(1);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            int correlationId = in.readInt();
            short errorCode = in.readShort();
            return size > 6 && correlationId == 1 && errorCode == 0;
        } catch (IOException notYet) {
            return false;
        }
    }
}
