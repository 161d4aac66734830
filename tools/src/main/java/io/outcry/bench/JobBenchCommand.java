package io.outcry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.enrich.CatalogEnricher;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.enrich.Enricher;
import io.outcry.pipeline.RunJob;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.KafkaSink;
import io.outcry.simulate.Replay;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import io.outcry.stack.LocalElasticsearch;
import io.outcry.stack.LocalKafka;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code outcry bench}: the whole job's throughput against what Kafka can feed it, the Nexmark
 * way. Preloads about {@code --posts} simulated records (the simulator's realistic mix: brands,
 * incidents, care threads, late and malformed records) into a fresh topic, then measures in the
 * same run, each stage reading the whole topic from the start:
 * <ol>
 *   <li>the consume ceiling: one Kafka consumer reading the records' bytes;</li>
 *   <li>consume and parse: the same, each record parsed as the job's source parses it;</li>
 *   <li>consume, parse and enrich: the job's enrichment on one thread;</li>
 *   <li>the whole job as shipped, bounded, on a local MiniCluster at {@code --parallelism}, into
 *       Elasticsearch: records/s from submission to its end (start-up included), CPU of this JVM
 *       per record (the broker and the node run in their own processes), and Elasticsearch index
 *       operations per record (overwrites included), and per index its operations and documents.</li>
 * </ol>
 * Then the whole job again on a firehose where one brand has {@code --hot-brand} of the branded
 * posts, and the window operator's heap per active key ({@link WindowHeap}, {@code --keys}).
 * The p99 from a window's firing to its document answering a search comes from a paced,
 * unbounded run ({@link WindowFreshness}). Prints a table to stderr and one JSON line to stdout.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the whole job's throughput against the Kafka consume ceiling, on a preloaded topic.")
public final class JobBenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The bench's density, issue 20's: posts a simulated minute at the simulator's daily peak, 20 brands. */
    static final double PEAK_RATE = 5_000;

    @Option(names = "--posts", description = "About how many records to preload (default: ${DEFAULT-VALUE}).")
    long posts = 2_000_000;

    @Option(names = "--parallelism", description = "The job's parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism = 2;

    @Option(names = "--seed", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed = SimulationConfig.DEFAULT_SEED;

    @Option(names = "--bootstrap-servers", description = "A broker to use instead of starting one.")
    String bootstrapServers;

    @Option(names = "--elasticsearch", description = "A node to use instead of starting one.")
    String elasticsearch;

    @Option(names = "--job-args", split = " ", description = "More flags for the job, e.g. \"--no-care --no-zones\".")
    List<String> jobArgs = new ArrayList<>();

    @Option(names = "--hot-brand", description = "Also run the whole job on a firehose where one brand (tim) has this"
            + " share of the branded posts, and compare; 0 to skip (default: ${DEFAULT-VALUE}).")
    double hotBrand = 0.9;

    @Option(names = "--freshness-minutes", description = "Simulated minutes of the paced firehose that window firing to"
            + " searchable is measured on, the first 3 of them not measured (default: ${DEFAULT-VALUE}).")
    int freshnessMinutes = (int) WindowFreshness.SPAN.toMinutes();

    @Option(names = "--keys", description = "Active window keys for the heap-per-key measurement; 0 to skip (default: ${DEFAULT-VALUE}).")
    int keys = 100_000;

    @Option(names = "--profile", paramLabel = "<file.jfr>", description = "Record the whole-job stage with Java Flight "
            + "Recorder into this file and print where its CPU goes, per operator chain.")
    Path profileFile;

    @Option(names = "--work-dir", description = "Where started servers keep their data (removed at the end).")
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "outcry-bench");

    /** Where this run's servers and checkpoints keep their data. */
    private Path runDir;
    /** CPU used so far by the servers this bench started; a negative time for servers it did not start. */
    private Supplier<Duration> nodeCpu = () -> Duration.ofMillis(-1);
    private Supplier<Duration> brokerCpu = () -> Duration.ofMillis(-1);

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(workDir);
        runDir = Files.createTempDirectory(workDir, "run-");
        List<AutoCloseable> servers = new ArrayList<>();
        try {
            // started side by side: each takes from 30 s to 2 min
            CompletableFuture<LocalKafka> localKafka = bootstrapServers != null ? null
                    : CompletableFuture.supplyAsync(() -> start("a Kafka broker", () -> LocalKafka.start(runDir.resolve("kafka"))));
            CompletableFuture<LocalElasticsearch> localEs = elasticsearch != null ? null
                    : CompletableFuture.supplyAsync(() -> start("an Elasticsearch node",
                            () -> LocalElasticsearch.start(runDir.resolve("elasticsearch"))));
            String kafka = bootstrapServers;
            if (localKafka != null) {
                servers.add(localKafka.join());
                kafka = localKafka.join().bootstrapServers();
                brokerCpu = localKafka.join()::cpuTime;
            }
            String es = elasticsearch;
            if (localEs != null) {
                servers.add(localEs.join());
                es = localEs.join().url();
                nodeCpu = localEs.join()::cpuTime;
            }
            String run = "bench-" + Long.toHexString(System.currentTimeMillis());
            String topic = run + ".posts";
            ensureTopics(kafka, run);
            long records = preload(kafka, topic, 0);

            Stage ceiling = consume(kafka, topic, records, "consume", bytes -> { });
            CanonicalPostJson parser = new CanonicalPostJson();
            Stage parse = consume(kafka, topic, records, "consume + parse", bytes -> parseOrNull(parser, bytes));
            Enricher enricher = CatalogEnricher.load(EnrichmentConfig.defaults());
            Stage enrich = consume(kafka, topic, records, "consume + parse + enrich", bytes -> {
                Post post = parseOrNull(parser, bytes);
                if (post != null) {
                    enricher.enrich(post);
                }
            });
            JobProfile profile = profileFile == null ? null : JobProfile.start(profileFile);
            Job job = wholeJob(kafka, es, run, topic, records);
            JobProfile.Summary summary = profile == null ? null : profile.stop();
            Job hot = hotBrand > 0 ? hotBrandJob(kafka, es, run + "-hot") : null;
            WindowFreshness.Result fresh = windowToSearchable(kafka, es, run + "-fresh");
            double heapPerKey = keys > 0 ? windowHeapPerKey() : Double.NaN;

            ObjectNode line = JSON.createObjectNode();
            line.put("records", records);
            line.put("parallelism", parallelism);
            line.put("job_args", String.join(" ", jobArgs));
            line.put("posts_per_second", Math.round(job.perSecond()));
            line.put("consume_ceiling_per_second", Math.round(ceiling.perSecond()));
            line.put("ratio_to_ceiling", round(job.perSecond() / ceiling.perSecond(), 4));
            line.put("parse_per_second", Math.round(parse.perSecond()));
            line.put("enrich_per_second", Math.round(enrich.perSecond()));
            line.put("job_seconds", round(job.seconds(), 1));
            line.put("job_cpu_ms_per_1000_records", round(job.cpuMillis() * 1000.0 / records, 1));
            if (job.nodeCpuMillis() >= 0) {
                line.put("es_node_cpu_ms_per_1000_records", round(job.nodeCpuMillis() * 1000.0 / records, 1));
            }
            if (job.brokerCpuMillis() >= 0) {
                line.put("broker_cpu_ms_per_1000_records", round(job.brokerCpuMillis() * 1000.0 / records, 1));
            }
            if (job.threads() != null) {
                line.put("job_cpu_share_jit", round(job.threads().jit(), 3));
                line.put("job_cpu_share_gc", round(job.threads().gc(), 3));
                ObjectNode byPart = line.putObject("job_cpu_share_by_part");
                job.threads().parts().forEach((part, share) -> byPart.put(part, round(share, 3)));
            }
            if (job.checkpoint() != null) {
                line.put("checkpoint_bytes", job.checkpoint().bytes());
                line.put("checkpoint_written_bytes", job.checkpoint().writtenBytes());
                ObjectNode byOperator = line.putObject("state_bytes_by_operator");
                job.checkpoint().bytesByOperator().forEach(byOperator::put);
            }
            line.put("es_writes_per_post", round((double) job.esWrites() / records, 4));
            line.put("es_writes", job.esWrites());
            ObjectNode byIndex = line.putObject("es_writes_by_index");
            job.byIndex().forEach((index, writes) -> byIndex.putObject(index)
                    .put("writes", writes.writes()).put("documents", writes.documents()));
            if (hot != null) {
                line.put("hot_brand_share", hotBrand);
                line.put("hot_brand_posts_per_second", Math.round(hot.perSecond()));
                line.put("hot_brand_ratio_to_even", round(hot.perSecond() / job.perSecond(), 3));
            }
            if (fresh != null) {
                line.put("p99_window_to_searchable_ms", Math.round(fresh.p99Millis()));
                line.put("p50_window_to_searchable_ms", Math.round(fresh.p50Millis()));
                line.put("window_to_searchable_documents", fresh.documents());
            }
            if (keys > 0) {
                line.put("window_keys", keys);
                line.put("heap_bytes_per_window_key", Math.round(heapPerKey));
            }
            line.put("cores", Runtime.getRuntime().availableProcessors());
            line.put("load_average_at_end", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 1));
            System.err.printf(Locale.ROOT, "%n%-28s %12s%n", "stage", "records/s");
            for (Stage stage : List.of(ceiling, parse, enrich)) {
                System.err.printf(Locale.ROOT, "%-28s %,12.0f%n", stage.name(), stage.perSecond());
            }
            System.err.printf(Locale.ROOT, "%-28s %,12.0f  (%.1f s from submission, start-up included; %.2f of the ceiling)%n",
                    "whole job", job.perSecond(), job.seconds(), job.perSecond() / ceiling.perSecond());
            System.err.printf(Locale.ROOT, "Elasticsearch writes per record %.4f (%,d); job CPU %.1f ms per 1,000 records%n",
                    (double) job.esWrites() / records, job.esWrites(), job.cpuMillis() * 1000.0 / records);
            if (job.threads() != null) {
                System.err.print(cpuTable(job.threads()));
            }
            if (job.checkpoint() != null) {
                System.err.print(stateTable(job.checkpoint()));
            }
            if (job.nodeCpuMillis() >= 0 && job.brokerCpuMillis() >= 0) {
                System.err.printf(Locale.ROOT, "meanwhile the Elasticsearch node used %.1f ms and the broker %.1f ms of CPU per 1,000 records%n",
                        job.nodeCpuMillis() * 1000.0 / records, job.brokerCpuMillis() * 1000.0 / records);
            }
            System.err.printf(Locale.ROOT, "%n%-28s %12s %12s %14s%n", "index", "writes", "documents", "writes/record");
            job.byIndex().forEach((index, writes) -> System.err.printf(Locale.ROOT, "%-28s %,12d %,12d %14.4f%n",
                    index, writes.writes(), writes.documents(), (double) writes.writes() / records));
            if (hot != null) {
                System.err.printf(Locale.ROOT, "one brand at %.0f %% of the branded posts: %,.0f records/s, %.2fx the even mix%n",
                        hotBrand * 100, hot.perSecond(), hot.perSecond() / job.perSecond());
            }
            if (fresh != null) {
                System.err.printf(Locale.ROOT, "window firing to searchable: p50 %,.0f ms, p99 %,.0f ms (%,d documents of %,d windows)%n",
                        fresh.p50Millis(), fresh.p99Millis(), fresh.documents(), fresh.windows());
            }
            if (keys > 0) {
                System.err.printf(Locale.ROOT, "window state: %,.0f bytes of heap per active key (%,d keys, one post each)%n",
                        heapPerKey, keys);
            }
            if (summary != null) {
                System.err.print(summary.table());
                line.put("gc_pause_seconds", round(summary.gcPauses().toMillis() / 1000.0, 1));
            }
            System.out.println(JSON.writeValueAsString(line));
            return 0;
        } finally {
            for (int i = servers.size() - 1; i >= 0; i--) {
                servers.get(i).close();
            }
        }
    }

    private interface Server<T> {
        T start() throws Exception;
    }

    private static <T> T start(String what, Server<T> server) {
        say("starting %s", what);
        try {
            return server.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the simulator's firehose at issue 20's density, its peak held at {@link #PEAK_RATE}
     * posts a simulated minute, for as long as it takes to hold about {@link #posts} records.
     */
    private long preload(String kafka, String topic, double hotBrandShare) {
        SimulationConfig config = SimulationConfig.defaults().withSeed(seed).withSpeed(0).withHotBrand(hotBrandShare);
        // sized on the default's count scaled to the rate, then once more on its own count: the day's
        // rhythm makes the records grow less than the time
        say("sizing the firehose");
        double scale = posts / (count(config) * PEAK_RATE / SimulationConfig.DEFAULT_PEAK_RATE);
        config = config.withRates(PEAK_RATE, SimulationConfig.DEFAULT_MALFORMED_SHARE, SimulationConfig.DEFAULT_LATE_SHARE);
        config = config.withTime(config.start(), Duration.ofMillis(Math.round(config.duration().toMillis() * scale)));
        config = config.withTime(config.start(), Duration.ofMillis(Math.round(config.duration().toMillis() * (double) posts / count(config))));
        Duration duration = config.duration();
        say("preloading about %,d records (the simulator's default over %s, its peak at %,.0f posts a minute) into %s", posts,
                duration, PEAK_RATE, topic);
        long started = System.nanoTime();
        long[] written = {0};
        try (KafkaSink sink = new KafkaSink(kafka, topic)) {
            simulate(config, record -> {
                sink.accept(record);
                if (++written[0] % 200_000 == 0) {
                    say("  %,d written (%,.0f/s)", written[0], written[0] / ((System.nanoTime() - started) / 1e9));
                }
            });
        }
        say("preloaded %,d records in %.1f s", written[0], (System.nanoTime() - started) / 1e9);
        return written[0];
    }

    private static long count(SimulationConfig config) {
        long[] count = {0};
        simulate(config, record -> count[0]++);
        return count[0];
    }

    private static void simulate(SimulationConfig config, Consumer<SimulatedRecord> sink) {
        Replay replay = new Replay(sink, config.start(), 0, new PrintWriter(PrintWriter.nullWriter()), Replay.WallClock.SYSTEM);
        new FirehoseSimulator(config).run(replay);
        replay.finish();
    }

    private record Stage(String name, long records, double seconds) {
        double perSecond() {
            return records / seconds;
        }
    }

    /** One consumer reads the whole topic, handing each record's bytes to {@code work}. */
    private static Stage consume(String kafka, String topic, long expected, String name, Consumer<byte[]> work) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 << 20));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long started = System.nanoTime();
            while (read < expected) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    work.accept(record.value());
                    read++;
                }
            }
            Stage stage = new Stage(name, read, (System.nanoTime() - started) / 1e9);
            say("%-28s %,12.0f records/s", name, stage.perSecond());
            return stage;
        }
    }

    private static Post parseOrNull(CanonicalPostJson parser, byte[] bytes) {
        try {
            return parser.parse(bytes);
        } catch (Exception e) {
            return null;
        }
    }

    /** The whole job's run; the servers' CPU is -1 when they are not this bench's own. */
    private record Job(double seconds, long cpuMillis, long nodeCpuMillis, long brokerCpuMillis, long esWrites, long records,
            Map<String, IndexWrites> byIndex, JvmThreadCpu.Shares threads, CheckpointState.Reading checkpoint) {
        double perSecond() {
            return records / seconds;
        }
    }

    /**
     * The job as shipped with {@code --job-args}, reading {@code topic} from its start,
     * everything it writes named after {@code run}.
     */
    private RunJob job(String kafka, String es, String run, String topic, boolean bounded) {
        RunJob job = RunJob.fromArgs(jobArgs.toArray(String[]::new))
                .bootstrapServers(kafka).postsTopic(topic).startingOffsets("earliest").bounded(bounded)
                .groupId(run).parallelism(parallelism).elasticsearch(es)
                .deadLetterTopic(run + ".dead-letters").alertsTopic(run + ".alerts").zonesTopic(run + ".zones")
                .indexPrefix(run + "-windows").alertsIndex(run + "-alerts").zonesIndex(run + "-zones")
                .careIndex(run + "-care").careQueueIndex(run + "-care-queue")
                .jobName(run);
        // The posts and care cases indices, when --job-args turns them on, are named after the run too, so their writes count.
        if (jobArgs.contains("--care-cases-index")) {
            job.careCasesIndex(run + "-care-cases");
        }
        return jobArgs.contains("--posts-index") ? job.postsIndex(run + "-posts") : job;
    }

    private Job wholeJob(String kafka, String es, String run, String topic, long records) throws Exception {
        RunJob job = job(kafka, es, run, topic, true);
        // in a directory of the bench's, whose checkpoints say each operator's state, unless --job-args names one
        Path checkpoints = jobArgs.contains("--checkpoint-dir") ? null : runDir.resolve("checkpoints-" + run);
        if (checkpoints != null) {
            job.checkpointDir(checkpoints.toString());
        }
        StreamExecutionEnvironment env = job.environment(new Configuration());
        job.job().build(env);
        CheckpointState state = checkpoints == null ? null : CheckpointState.watch(checkpoints, env.getStreamGraph(false));
        say("running the whole job (parallelism %d%s) over %,d records", parallelism,
                jobArgs.isEmpty() ? "" : ", " + String.join(" ", jobArgs), records);
        long cpu = processCpuNanos();
        Duration node = nodeCpu.get();
        Duration broker = brokerCpu.get();
        long started = System.nanoTime();
        JvmThreadCpu threadCpu = JvmThreadCpu.start();
        JvmThreadCpu.Shares threads;
        CheckpointState.Reading checkpoint;
        try {
            env.execute(run);
        } finally {
            threads = threadCpu == null ? null : threadCpu.stop();
            checkpoint = state == null ? null : state.stop();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpuMillis = (processCpuNanos() - cpu) / 1_000_000;
        long nodeMillis = node.isNegative() ? -1 : nodeCpu.get().minus(node).toMillis();
        long brokerMillis = broker.isNegative() ? -1 : brokerCpu.get().minus(broker).toMillis();
        Map<String, IndexWrites> byIndex = writesByIndex(es, run);
        return new Job(seconds, cpuMillis, nodeMillis, brokerMillis, byIndex.values().stream().mapToLong(IndexWrites::writes).sum(),
                records, byIndex, threads, checkpoint);
    }

    /**
     * The whole job again, on a topic of the same size where {@link SimulationConfig#HOT_BRAND} has
     * {@link #hotBrand} of the branded posts: whether one brand's outage runs on one slot.
     */
    private Job hotBrandJob(String kafka, String es, String run) throws Exception {
        String topic = run + ".posts";
        ensureTopics(kafka, run);
        return wholeJob(kafka, es, run, topic, preload(kafka, topic, hotBrand));
    }

    /** The topics a run reads and writes: {@code <run>.posts} and the job's output topics. */
    private void ensureTopics(String kafka, String run) throws Exception {
        KafkaTopics.ensure(kafka, parallelism, run + ".posts", run + ".dead-letters", run + ".alerts", run + ".zones");
    }

    /** Null, with the reason said, when no window document became searchable: the other figures still count. */
    private WindowFreshness.Result windowToSearchable(String kafka, String es, String run) throws Exception {
        String topic = run + ".posts";
        ensureTopics(kafka, run);
        Duration span = Duration.ofMinutes(freshnessMinutes);
        say("measuring window firing to searchable: the firehose at %.0fx real time for %s, the job unbounded",
                WindowFreshness.SPEED, span);
        try {
            return WindowFreshness.measure(job(kafka, es, run, topic, false), kafka, es, run, topic, parallelism, seed, span);
        } catch (IllegalStateException nothingSearchable) {
            say("window firing to searchable not measured: %s", nothingSearchable.getMessage());
            return null;
        }
    }

    private double windowHeapPerKey() throws Exception {
        say("measuring the window operator's heap with %,d active keys", keys);
        return WindowHeap.bytesPerKey(keys, seed);
    }

    /** The job's CPU by part, compilers and collector, each part of at least 1 %. */
    private static String cpuTable(JvmThreadCpu.Shares shares) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "where the job's CPU went (%.1f s, each thread read once a second, no profiler):%n", shares.processSeconds()));
        Map<String, Double> rows = new LinkedHashMap<>(shares.parts());
        rows.put("JIT compilers", shares.jit());
        rows.put("garbage collection", shares.gc());
        rows.entrySet().stream().filter(row -> row.getValue() >= 0.01)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(row -> table.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", row.getValue() * 100, row.getKey())));
        return table.toString();
    }

    /** The operators holding at least 1 % of the largest checkpoint's bytes. */
    private static String stateTable(CheckpointState.Reading checkpoint) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "the job's state at its largest checkpoint (%d): %,.1f MB, of which the checkpoint wrote %,.1f MB%n",
                checkpoint.checkpointId(), checkpoint.bytes() / 1e6, checkpoint.writtenBytes() / 1e6));
        checkpoint.bytesByOperator().entrySet().stream().filter(row -> row.getValue() >= checkpoint.bytes() / 100)
                .forEach(row -> table.append(String.format(Locale.ROOT, "  %8.1f MB %5.1f %%  %s%n", row.getValue() / 1e6,
                        100.0 * row.getValue() / checkpoint.bytes(), row.getKey())));
        return table.toString();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Index operations and documents of one index, or of a family of daily indices. */
    private record IndexWrites(long writes, long documents) {
        IndexWrites plus(IndexWrites other) {
            return new IndexWrites(writes + other.writes, documents + other.documents);
        }
    }

    /** Per index of the run, its name without the run's prefix and with {@code *} for a day: writes and documents. */
    private static Map<String, IndexWrites> writesByIndex(String es, String run) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(es + "/" + run + "-*/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        JsonNode indices = JSON.readTree(http.send(
                HttpRequest.newBuilder(URI.create(es + "/" + run + "-*/_stats/indexing,docs?level=indices")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("indices");
        Map<String, IndexWrites> byIndex = new TreeMap<>();
        indices.fields().forEachRemaining(index -> byIndex.merge(
                index.getKey().substring(run.length() + 1).replaceAll("\\d{4}\\.\\d{2}\\.\\d{2}$", "*"),
                new IndexWrites(index.getValue().at("/total/indexing/index_total").asLong(),
                        index.getValue().at("/primaries/docs/count").asLong()),
                IndexWrites::plus));
        return byIndex;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static void say(String format, Object... args) {
        System.err.printf(Locale.ROOT, "bench: " + format + "%n", args);
    }
}
