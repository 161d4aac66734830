package io.outcry.pipeline;

import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.Malformation;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import io.outcry.stack.LocalStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/**
 * The savepoint kept in the test resources ({@link #RESOURCE}) with its input, and the program
 * that makes them: the production job at parallelism 2 reads the first {@link #SAVED} records of
 * a tiny simulated firehose from the real broker, writes to the real Elasticsearch node, and is
 * stopped with {@code outcry stop --savepoint}. {@link SavepointCompatibilityTest} restores the
 * current job from it. Run it when a deliberate change of state layout replaces the fixture
 * (docs/operations.md, "The savepoint kept in the tests"):
 *
 * <pre>
 * mvn -B -ntp -pl tools -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp "tools/target/test-classes:tools/target/classes:$(cat tools/target/test.classpath)" \
 *     io.outcry.pipeline.SavepointFixture tools/src/test/resources/savepoints/&lt;version&gt;
 * </pre>
 */
public final class SavepointFixture {

    /** The classpath directory of the kept savepoint: the version of the state layout it holds. */
    static final String RESOURCE = "/savepoints/0.1.0";
    /** The run's name, which the savepoint carries in its topic, transaction and index names. */
    static final String RUN = "fixture";
    static final int PARALLELISM = 2;
    /** Records read before the savepoint; the rest are for the restored job. */
    static final int SAVED = 700;
    private static final String INPUT = "input.tsv.gz";
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private SavepointFixture() {}

    /** The kept savepoint's directory on the test classpath, with the whole input it was made from. */
    static Path directory() throws Exception {
        URL metadata = SavepointFixture.class.getResource(RESOURCE + "/_metadata");
        if (metadata == null) {
            throw new IllegalStateException("no savepoint " + RESOURCE + " in the test resources");
        }
        return Path.of(metadata.toURI()).getParent();
    }

    /**
     * The whole input as the fixture was made from it, kept beside the savepoint so that a change
     * of the simulator does not change what the restored job reads on.
     */
    static List<SimulatedRecord> records(Path directory) throws IOException {
        List<SimulatedRecord> records = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(directory.resolve(INPUT))), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] f = line.split("\t", -1);
                records.add(new SimulatedRecord(Long.parseLong(f[0]), Long.parseLong(f[1]), BASE64.decode(f[2]),
                        BASE64.decode(f[3]), SimulatedRecord.Kind.valueOf(f[4]), Boolean.parseBoolean(f[5]),
                        f[6].isEmpty() ? null : Malformation.valueOf(f[6])));
            }
        }
        return records;
    }

    private static void writeRecords(Path directory, List<SimulatedRecord> records) throws IOException {
        try (Writer out = new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(directory.resolve(INPUT))), StandardCharsets.UTF_8)) {
            for (SimulatedRecord r : records) {
                out.write(r.eventTime() + "\t" + r.emitTime() + "\t" + Base64.getEncoder().encodeToString(r.key()) + "\t"
                        + Base64.getEncoder().encodeToString(r.value()) + "\t" + r.kind() + "\t" + r.late() + "\t"
                        + (r.malformation() == null ? "" : r.malformation().name()) + "\n");
            }
        }
    }

    private static List<SimulatedRecord> simulate() throws InterruptedException {
        SimulationConfig config = SimulationConfig.defaults()
                .withSeed(5)
                .withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(8))
                .withRates(150, 0.02, 0.03);
        List<SimulatedRecord> records = new ArrayList<>();
        new FirehoseSimulator(config).run(records::add);
        return records;
    }

    /** The topics of {@link #RUN}, two partitions each, as the savepoint's source splits name them. */
    static void createTopics(String kafka) throws Exception {
        KafkaTopics.ensure(kafka, 2, RUN + ".posts", RUN + ".dead-letters", RUN + ".alerts", RUN + ".zones");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SavepointFixture <directory to write the savepoint to, e.g. tools/src/test/resources"
                    + RESOURCE + ">");
            System.exit(2);
        }
        Path target = Path.of(args[0]).toAbsolutePath();
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        createTopics(kafka);
        List<SimulatedRecord> records = simulate();
        StoppedRuns.produce(kafka, RUN + ".posts", records.subList(0, SAVED));

        InMemoryReporter metrics = InMemoryReporter.createWithRetainedMetrics();
        Configuration conf = metrics.addToConfiguration(new Configuration());
        conf.set(RestOptions.PORT, 0);
        Path savepoints = Files.createTempDirectory("outcry-fixture-");
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(PARALLELISM).build())) {
            cluster.start();
            TestStreamEnvironment.setAsContext(cluster, PARALLELISM);
            Configuration small = new Configuration();
            // keyed state compressed: the fixture stays small in the repository
            small.set(ExecutionOptions.SNAPSHOT_COMPRESSION, true);
            JobClient running = StoppedRuns.start(kafka, es, RUN, PARALLELISM, small, null);
            StoppedRuns.awaitRead(metrics, running, SAVED);
            // The savepoint then holds no Kafka transaction to commit: a restore against the test's
            // fresh broker could not commit one (its producer id is unknown there) and would fail.
            awaitCheckpointsAfterReading(metrics, running.getJobID());
            String savepoint = StoppedRuns.stop(cluster.getRestAddress().get().toString(), running, savepoints, false);
            replace(target, Path.of(URI.create(savepoint)));
            writeRecords(target, records);
        }
        System.out.println("wrote the savepoint to " + target);
        System.exit(0);
    }

    /** Waits for two more completed checkpoints: the second began after everything read was processed. */
    private static void awaitCheckpointsAfterReading(InMemoryReporter metrics, JobID job) throws InterruptedException {
        long before = completedCheckpoints(metrics, job);
        while (completedCheckpoints(metrics, job) < before + 2) {
            Thread.sleep(200);
        }
    }

    private static long completedCheckpoints(InMemoryReporter metrics, JobID job) {
        return metrics.findMetrics(job, "numberOfCompletedCheckpoints").values().stream()
                .mapToLong(gauge -> ((Number) ((Gauge<?>) gauge).getValue()).longValue()).max().orElse(0);
    }

    private static void replace(Path target, Path savepoint) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.delete(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(savepoint)) {
            for (Path file : files.toList()) {
                Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
