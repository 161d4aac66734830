package io.outcry.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real standalone Flink session cluster: one JobManager and {@value #TASK_MANAGERS} TaskManagers,
 * each in its own JVM, run from the classpath the build resolved from Maven Central (what a Flink
 * distribution has in {@code lib/}). Everything stays in the work directory: {@code conf/config.yaml}
 * written here, one log per process, checkpoints, savepoints and temporary files.
 *
 * <p>{@link #flink} runs Flink's command line ({@code CliFrontend}, what the {@code flink} script
 * of a distribution starts) against this cluster, so a test submits a job jar as a user would.
 */
public final class LocalFlinkCluster implements AutoCloseable {

    static final int TASK_MANAGERS = 2;
    static final int SLOTS_PER_TASK_MANAGER = 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final String HOST = "127.0.0.1";
    private static final Pattern TASK_MANAGERS_FIELD = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)");

    // The options a Flink distribution's config.yaml sets in env.java.opts.all: Flink reflects
    // into these JDK internals on Java 17, and the bin/ scripts are not here to pass them.
    private static final List<String> JDK_OPENS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final ChildProcess jobManager;
    private final List<ChildProcess> taskManagers;
    private final Path workDir;
    private final String classpath;
    private final String restUrl;
    private int clientRuns;

    private LocalFlinkCluster(
            ChildProcess jobManager, List<ChildProcess> taskManagers, Path workDir, String classpath, String restUrl) {
        this.jobManager = jobManager;
        this.taskManagers = taskManagers;
        this.workDir = workDir;
        this.classpath = classpath;
        this.restUrl = restUrl;
    }

    /**
     * Writes {@code conf/config.yaml} in {@code workDir}, starts the JobManager and the
     * TaskManagers on free loopback ports, and returns once every TaskManager has registered.
     *
     * @throws IOException when a process exits, or the JobManager or a TaskManager is not ready
     *     within 180 s; the message carries the last lines of the log concerned
     */
    public static LocalFlinkCluster start(Path workDir) throws IOException {
        long started = System.nanoTime();
        String classpath = Files.readString(StackPaths.flinkClasspathFile()).trim();
        Path conf = Files.createDirectories(workDir.resolve("conf"));
        for (String dir : List.of("tmp", "checkpoints", "savepoints")) {
            Files.createDirectories(workDir.resolve(dir));
        }
        int[] ports = FreePorts.pick(3);
        Files.writeString(conf.resolve("config.yaml"), config(workDir, ports[0], ports[1], ports[2]));
        Files.writeString(conf.resolve("log4j2.properties"), LOG4J_CONFIG);
        Files.writeString(conf.resolve("log4j2-cli.properties"), CLIENT_LOG4J_CONFIG);
        String restUrl = "http://" + HOST + ":" + ports[1];
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        System.err.printf("[local-stack] starting a Flink cluster (1 JobManager, %d TaskManagers) in %s%n",
                TASK_MANAGERS, workDir);

        // One JVM at a time: on a starved machine, JVMs starting together can keep Pekko's remoting
        // from starting within its fixed 10 s (no Flink option reaches it), and the process exits.
        ChildProcess jobManager = startProcess("Flink JobManager", workDir, classpath, "jobmanager.log",
                List.of("-Xmx512m"), "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
        jobManager.awaitReady(() -> registeredTaskManagers(http, restUrl) >= 0, START_TIMEOUT);
        List<ChildProcess> all = new ArrayList<>(List.of(jobManager));
        for (int i = 1; i <= TASK_MANAGERS; i++) {
            all.add(startProcess("Flink TaskManager " + i, workDir, classpath, "taskmanager-" + i + ".log",
                    TASK_MANAGER_JVM, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner"));
            int registered = i;
            ChildProcess.awaitReady(all, () -> registeredTaskManagers(http, restUrl) >= registered, START_TIMEOUT);
        }
        List<ChildProcess> taskManagers = all.subList(1, all.size());
        System.err.printf("[local-stack] Flink cluster ready at %s with %d task slots in %.1f s%n",
                restUrl, TASK_MANAGERS * SLOTS_PER_TASK_MANAGER, (System.nanoTime() - started) / 1e9);
        return new LocalFlinkCluster(jobManager, taskManagers, workDir, classpath, restUrl);
    }

    /** The JobManager's REST endpoint and web UI, {@code http://127.0.0.1:<port>}. */
    public String restUrl() {
        return restUrl;
    }

    /** The directory of {@code config.yaml}: {@code FLINK_CONF_DIR} for a client of this cluster. */
    public Path configDir() {
        return workDir.resolve("conf");
    }

    /** Where the cluster writes checkpoints ({@code execution.checkpointing.dir}). */
    public Path checkpointDir() {
        return workDir.resolve("checkpoints");
    }

    /**
     * Runs {@code flink <args>} against this cluster: Flink's {@code CliFrontend} in its own JVM
     * with this cluster's configuration, as the {@code flink} script of a distribution runs it.
     * Its log goes to {@code flink-client-<n>.log} in the work directory.
     *
     * @return its exit code and what it printed on the console
     * @throws IOException when it cannot start or does not exit within {@code timeout}
     */
    public synchronized CommandOutput flink(Duration timeout, String... args) throws IOException {
        String name = "flink-client-" + ++clientRuns;
        Path log = workDir.resolve(name + ".out");
        // As the flink script does: the client's own logging goes to a file, the console shows
        // only what the command prints for its user.
        List<String> command = java(configDir(), "log4j2-cli.properties",
                List.of("-Xmx256m", "-Dlog.file=" + workDir.resolve(name + ".log")),
                "org.apache.flink.client.cli.CliFrontend");
        command.addAll(List.of(args));
        ProcessBuilder builder = environment(new ProcessBuilder(command), classpath, configDir())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("flink " + String.join(" ", args) + " did not exit within " + timeout.toSeconds()
                        + " s; see " + log + ChildProcess.tail(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running flink " + String.join(" ", args), e);
        }
        return new CommandOutput(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Stops the TaskManagers, then the JobManager: SIGTERM, and SIGKILL after 10 s. */
    @Override
    public void close() {
        taskManagers.forEach(ChildProcess::stop);
        jobManager.stop();
    }

    /** What a {@code flink} command printed, and its exit code. */
    public record CommandOutput(int exitCode, String text) {}

    // Each TaskManager: framework and task heap (128m + 256m) are the heap; framework off-heap and
    // network (128m + 64m) the direct memory. A distribution's scripts derive these from one total.
    private static final List<String> TASK_MANAGER_JVM =
            List.of("-Xms384m", "-Xmx384m", "-XX:MaxDirectMemorySize=192m", "-XX:MaxMetaspaceSize=256m");

    private static String config(Path workDir, int rpcPort, int restPort, int blobPort) {
        return String.join(
                "\n",
                "jobmanager.rpc.address: " + HOST,
                "jobmanager.rpc.port: " + rpcPort,
                "jobmanager.bind-host: " + HOST,
                "rest.address: " + HOST,
                "rest.bind-address: " + HOST,
                "rest.port: " + restPort,
                "blob.server.port: " + blobPort,
                "taskmanager.host: " + HOST,
                "taskmanager.bind-host: " + HOST,
                "taskmanager.numberOfTaskSlots: " + SLOTS_PER_TASK_MANAGER,
                "parallelism.default: " + SLOTS_PER_TASK_MANAGER,
                // A TaskManager started without the distribution's scripts must be told its memory
                // exactly; the sizes match TASK_MANAGER_JVM.
                "taskmanager.cpu.cores: " + SLOTS_PER_TASK_MANAGER,
                "taskmanager.memory.framework.heap.size: 128m",
                "taskmanager.memory.task.heap.size: 256m",
                "taskmanager.memory.framework.off-heap.size: 128m",
                "taskmanager.memory.task.off-heap.size: 0m",
                "taskmanager.memory.network.min: 64m",
                "taskmanager.memory.network.max: 64m",
                "taskmanager.memory.managed.size: 128m",
                "taskmanager.memory.jvm-metaspace.size: 256m",
                "taskmanager.memory.jvm-overhead.min: 192m",
                "taskmanager.memory.jvm-overhead.max: 192m",
                // Without a directory, checkpoints go to the JobManager's memory, which refuses
                // state over 5 MB: the case tracker passes that within minutes.
                "execution.checkpointing.dir: " + workDir.resolve("checkpoints").toUri(),
                "execution.checkpointing.savepoint-dir: " + workDir.resolve("savepoints").toUri(),
                // A machine shared with other builds starves these JVMs for seconds at a time; the
                // defaults (10 s for an RPC answer, 50 s without a heartbeat) fail a cluster that is
                // only slow.
                "pekko.ask.timeout: 1 min",
                "heartbeat.timeout: 3 min",
                "io.tmp.dirs: " + workDir.resolve("tmp"),
                "web.tmpdir: " + workDir.resolve("tmp"),
                "");
    }

    // RPC and connection chatter that buries the lines explaining a failure.
    private static final String LOG4J_CONFIG = ChildProcess.consoleLogging("org.apache.pekko", "org.apache.kafka");

    private static final String CLIENT_LOG4J_CONFIG =
            String.join(
                    "\n",
                    "appender.file.type=File",
                    "appender.file.name=file",
                    "appender.file.fileName=${sys:log.file}",
                    "appender.file.layout.type=PatternLayout",
                    "appender.file.layout.pattern=%d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                    "rootLogger.level=INFO",
                    "rootLogger.appenderRef.file.ref=file",
                    "");

    private static ChildProcess startProcess(
            String name, Path workDir, String classpath, String logName, List<String> jvm, String mainClass)
            throws IOException {
        Path conf = workDir.resolve("conf");
        List<String> command = java(conf, "log4j2.properties", jvm, mainClass);
        command.addAll(List.of("--configDir", conf.toString()));
        ProcessBuilder builder = environment(new ProcessBuilder(command), classpath, conf).directory(workDir.toFile());
        return ChildProcess.start(name, builder, workDir.resolve(logName));
    }

    /**
     * The classpath goes in {@code CLASSPATH} rather than {@code -cp}: forty jars would push the
     * main class out of what {@code ps} shows of a command line.
     */
    private static ProcessBuilder environment(ProcessBuilder builder, String classpath, Path conf) {
        builder.environment().put("CLASSPATH", classpath);
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        return builder;
    }

    private static List<String> java(Path conf, String log4j, List<String> jvm, String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(List.of("-XX:+UseG1GC", "-Djava.awt.headless=true"));
        command.addAll(JDK_OPENS);
        command.add("-Dlog4j2.configurationFile=" + conf.resolve(log4j).toUri());
        command.add(mainClass);
        return command;
    }

    /** How many TaskManagers the JobManager knows, or -1 while its REST endpoint does not answer. */
    private static int registeredTaskManagers(HttpClient http, String restUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl + "/overview"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher count = TASK_MANAGERS_FIELD.matcher(response.body());
            return response.statusCode() == 200 && count.find() ? Integer.parseInt(count.group(1)) : -1;
        } catch (IOException notYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
