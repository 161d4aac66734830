package io.outcry.demo;

import io.outcry.time.DurationConverter;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.index.AlertDocuments;
import io.outcry.index.CareDocuments;
import io.outcry.index.PostDocuments;
import io.outcry.index.ZoneDocuments;
import io.outcry.ingest.IngestCommand;
import io.outcry.pipeline.Reconciliation;
import io.outcry.pipeline.RunJob;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.GroundTruth;
import io.outcry.simulate.KafkaSink;
import io.outcry.simulate.Replay;
import io.outcry.simulate.SimulationConfig;
import io.outcry.stack.LocalElasticsearch;
import io.outcry.stack.LocalKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo: a real Kafka broker and Elasticsearch node (started here unless given), the
 * Outcry job on a local MiniCluster, and the firehose simulator feeding it faster than real
 * time, with live progress from the job's own counters.
 *
 * <p>Progress goes to stderr. With {@code --duration} the demo stops by itself and prints one
 * JSON summary line on stdout: posts, windows, dead_letters, es_documents, es_url (and the
 * figures behind them). Without it, everything stays up until Ctrl-C.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = "Runs Kafka, Elasticsearch, the Outcry job and the firehose simulator on this machine.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Simulate and drain for this long once the servers and the job are up (e.g. 120s, or a bare number "
                    + "of seconds), then stop and print a JSON summary; default: run until Ctrl-C.")
    Duration duration;

    @Option(names = "--kafka", description = "Use this Kafka (host:port) instead of starting one.")
    String kafka;

    @Option(names = "--elasticsearch", description = "Use this Elasticsearch (http://host:port) instead of starting one.")
    String elasticsearch;

    @Option(names = "--secure", description = "Start Elasticsearch with security on: HTTPS with a CA made for the run, "
            + "the job writing as a least-privilege user and the queries reading as another (docs/operations.md#secured-elasticsearch).")
    boolean secure;

    @Option(names = "--seed", description = "Simulator seed: the same seed gives the same firehose.")
    long seed = SimulationConfig.DEFAULT_SEED;

    @Option(names = "--event-time", converter = DurationConverter.class, description = "How much simulated time the firehose covers.")
    Duration eventTime = SimulationConfig.DEFAULT_DURATION;

    @Option(names = "--rate", description = "Peak posts per simulated minute.")
    double rate = 2_000;

    @Option(names = "--speed", description = "Simulated seconds per wall second; default: fit the firehose into --duration, else 60.")
    Double speed;

    @Option(names = "--source", paramLabel = "<format>:<file>",
            description = "Run on your own data instead of the simulator: a file of a format `outcry ingest` reads "
                    + "(twitter-v1, twitter-v2, bluesky-jetstream, mastodon, canonical), e.g. mastodon:statuses.jsonl; "
                    + "repeat it for several. The simulator's options do not apply then.")
    List<String> sources = List.of();

    @Option(names = "--routes", paramLabel = "<file>", description = "Route the demo's alerts as this routing file says "
            + "(docs/routing.md), besides the demo's own webhook receiver.")
    Path routes;

    @Option(names = "--work-dir", description = "Where each run keeps its servers' data and logs (removed at the end) and the firehose's ground truth.")
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "outcry-demo");

    /** Room left at the end of a timed demo for the job to drain, and then for the summary. */
    private static final Duration DRAIN_ALLOWANCE = Duration.ofSeconds(20);
    private static final Duration SUMMARY_ALLOWANCE = Duration.ofSeconds(3);
    private static final Duration STOP_ALLOWANCE = Duration.ofSeconds(60);

    @Override
    public Integer call() throws Exception {
        if (secure && elasticsearch != null) {
            throw new IllegalArgumentException("--secure starts an Elasticsearch of its own: leave out --elasticsearch");
        }
        long started = System.nanoTime();
        Files.createDirectories(workDir);
        Path runDir = Files.createTempDirectory(workDir, "run-");
        Progress progress = new Progress(System.err);
        List<AutoCloseable> toClose = new ArrayList<>();
        toClose.add(() -> deleteRecursively(runDir));
        CountDownLatch interrupted = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(interrupted::countDown));
        try {
            progress.say("starting %s and %s", kafka == null ? "a Kafka broker" : "Kafka at " + kafka,
                    elasticsearch == null ? "an Elasticsearch node" : "Elasticsearch at " + elasticsearch);
            CompletableFuture<String> kafkaReady = CompletableFuture.supplyAsync(() -> kafka != null ? kafka
                    : remember(toClose, startKafka(runDir)).bootstrapServers());
            SecuredElasticsearch secured = secure ? new SecuredElasticsearch(runDir) : null;
            CompletableFuture<LocalElasticsearch> esStarted = CompletableFuture.supplyAsync(() -> elasticsearch != null ? null
                    : remember(toClose, startElasticsearch(runDir, secured)));
            String bootstrap = kafkaReady.join();
            LocalElasticsearch node = esStarted.join();
            String esUrl = node == null ? elasticsearch : node.url();
            Queries queries = remember(toClose, secured == null ? new Queries(esUrl, Map.of(), "")
                    : new Queries(esUrl, secured.writeSettings(node).readerSettings(), secured.curlOptions(node)));

            // A demo against servers you already run gets topics of its own, so its counts reconcile.
            String suffix = kafka == null ? "" : ".demo-" + Long.toHexString(System.currentTimeMillis());
            String postsTopic = RunJob.DEFAULT_POSTS_TOPIC + suffix;
            String deadLetterTopic = RunJob.DEFAULT_DEAD_LETTER_TOPIC + suffix;
            String alertsTopic = RunJob.DEFAULT_ALERTS_TOPIC + suffix;
            String zonesTopic = RunJob.DEFAULT_ZONES_TOPIC + suffix;
            String deletionsTopic = RunJob.DEFAULT_DELETIONS_TOPIC + suffix;
            KafkaTopics.ensure(bootstrap, 2, postsTopic, deadLetterTopic, alertsTopic, zonesTopic, deletionsTopic);
            WebhookReceiver webhook = remember(toClose, new WebhookReceiver());

            RunJob run = RunJob.defaults()
                    .bootstrapServers(bootstrap)
                    .postsTopic(postsTopic)
                    .deadLetterTopic(deadLetterTopic)
                    .alertsTopic(alertsTopic)
                    .zonesTopic(zonesTopic)
                    .webhookUrl(webhook.url())
                    .postsIndex(PostDocuments.DEFAULT_PREFIX)
                    // the per-case index is off by default; the demo keeps it, so that Discover shows the cases
                    .careCasesIndex(CareDocuments.DEFAULT_CASES_INDEX)
                    .groupId("outcry-demo" + suffix)
                    .startingOffsets("earliest")
                    .elasticsearch(esUrl)
                    .parallelism(2)
                    .checkpointInterval(Duration.ofSeconds(5))
                    .checkpointDir(runDir.resolve("checkpoints").toString());
            if (!sources.isEmpty()) {
                run.deletionsTopic(deletionsTopic);
            }
            if (routes != null) {
                run.routes(routes);
            }
            if (secured != null) {
                run.elasticsearchProperties(secured.writerSettings());
                progress.say("Elasticsearch has security on: the job writes as %s, the queries read as %s; their passwords"
                        + " are in %s", SecuredElasticsearch.WRITER, SecuredElasticsearch.READER, secured.secretsFile());
            }
            Configuration conf = new Configuration();
            LiveCounters.reset();
            LiveCounters.REPORTER_CONFIG.forEach(conf::setString);
            StreamExecutionEnvironment env = run.environment(conf);
            run.job().build(env);
            JobClient job = env.executeAsync(run.jobName());
            AtomicBoolean stopped = new AtomicBoolean();
            toClose.add(() -> {
                if (!stopped.get()) {
                    job.cancel().get();
                }
            });
            progress.say("job %s running on a local MiniCluster; Elasticsearch at %s", job.getJobID(), esUrl);
            queries.print(System.err, run.jobOptions().indexPrefix(), AlertDocuments.DEFAULT_PREFIX);

            // Counted from here, not from the start: servers take 30 s on one machine and 2 min on a
            // busy one, and the firehose should get the same time on both.
            Long deadline = duration == null ? null : System.nanoTime() + duration.toNanos();
            Long sourceRecords = null;
            GroundTruth truth = null;
            Counts counts;
            if (!sources.isEmpty()) {
                sourceRecords = ingest(bootstrap, postsTopic, deadLetterTopic, deletionsTopic, progress);
                counts = progress.drain(sourceRecords, deadline == null ? DRAIN_ALLOWANCE
                        : Duration.ofNanos(Math.max(0, deadline - System.nanoTime() - SUMMARY_ALLOWANCE.toNanos())));
            } else {
                double pace = speed != null ? speed : fittingSpeed(deadline);
                SimulationConfig simulation = SimulationConfig.defaults()
                        .withSeed(seed)
                        .withTime(SimulationConfig.DEFAULT_START, eventTime)
                        .withRates(rate, SimulationConfig.DEFAULT_MALFORMED_SHARE, SimulationConfig.DEFAULT_LATE_SHARE)
                        .withSpeed(pace);
                progress.say("simulating %s of firehose from %s at %.0fx real time, up to %.0f posts/min",
                        eventTime, simulation.start(), pace, rate);
                ExecutorService simulator = Executors.newSingleThreadExecutor(r -> new Thread(r, "simulator"));
                toClose.add(simulator::shutdownNow);
                Future<GroundTruth> simulated = simulator.submit(() -> simulate(simulation, bootstrap, postsTopic));

                counts = progress.watch(simulated, deadline == null ? null : deadline - DRAIN_ALLOWANCE.toNanos());
                if (simulated.isDone()) {
                    truth = simulated.get();
                    Files.write(workDir.resolve("ground-truth.json"), truth.toJson());
                    Duration drainFor = deadline == null ? DRAIN_ALLOWANCE
                            : Duration.ofNanos(Math.max(0, deadline - System.nanoTime() - SUMMARY_ALLOWANCE.toNanos()));
                    counts = progress.drain(truth.totals().records(), drainFor);
                } else {
                    simulator.shutdownNow();
                    progress.say("time is up before the firehose ended; the summary covers what was read so far");
                }
            }
            if (duration == null) {
                progress.say("the firehose is done; Elasticsearch stays up at %s until you press Ctrl-C", esUrl);
                interrupted.await();
                return 0;
            }
            stopped.set(stop(job, runDir, progress));
            long documents = queries.countDocuments(run.jobOptions().indexPrefix() + "-*");
            Summary.Alerts alerts = new Summary.Alerts(
                    queries.countDocuments(AlertDocuments.DEFAULT_PREFIX),
                    KafkaTopics.readAll(bootstrap, alertsTopic, Duration.ofSeconds(10)).size(),
                    webhook.received(),
                    queries.worstAlerts(AlertDocuments.DEFAULT_PREFIX, 5));
            if (webhook.latestText() != null) {
                progress.say("latest webhook message: %s", webhook.latestText());
            }
            Summary.Zones zones = new Summary.Zones(
                    // a wildcard, so that a run without zones counts 0 rather than failing on a missing index
                    queries.countDocuments(ZoneDocuments.DEFAULT_PREFIX + "*,-" + ZoneDocuments.DEFAULT_PREFIX + "-history-*"),
                    KafkaTopics.readAll(bootstrap, zonesTopic, Duration.ofSeconds(10)).size());
            Summary.Care care = new Summary.Care(
                    // wildcards, so that a run without care counts 0 rather than failing on a missing index
                    queries.countDocuments(CareDocuments.DEFAULT_PREFIX + "-2*"),
                    queries.countDocuments(CareDocuments.DEFAULT_QUEUE_INDEX + "*"),
                    queries.countDocuments(CareDocuments.DEFAULT_CASES_INDEX + "*"));
            Reconciliation records = settledReconciliation();
            progress.say("%s", records.line());
            // a wildcard, so that a run that indexed no post counts 0 rather than failing on a missing index
            long postsIndexed = queries.countDocuments(PostDocuments.DEFAULT_PREFIX + "-*");
            System.out.println(Summary.json(counts, documents, postsIndexed, alerts, zones, care, esUrl, truth, sourceRecords, records, progress,
                    (System.nanoTime() - started) / 1e9));
            return 0;
        } finally {
            for (int i = toClose.size() - 1; i >= 0; i--) {
                try {
                    toClose.get(i).close();
                } catch (Exception e) {
                    System.err.println("demo: could not stop cleanly: " + e);
                }
            }
        }
    }

    /**
     * Stops the job with a savepoint and a drain, as {@code outcry stop --drain} does: what it
     * has read goes through every operator to Elasticsearch and the topics, so the summary counts
     * it all, and the reconciliation of a demo stopped mid-stream holds, as one whose input ended.
     * Returns whether it stopped: a stopped job is not there to cancel.
     */
    private static boolean stop(JobClient job, Path runDir, Progress progress) {
        progress.say("stopping the job with a savepoint, draining what it has read");
        try {
            job.stopWithSavepoint(true, runDir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(STOP_ALLOWANCE.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            progress.say("could not stop the job with a savepoint (%s); the counts are read as they stand", e);
            return false;
        }
    }

    /**
     * The job's reconciliation once the records it read have passed deduplication and
     * enrichment, which trail the source by moments; after {@link #SUMMARY_ALLOWANCE} it is
     * given as it stands, and its line tells how many records are unaccounted for.
     */
    private static Reconciliation settledReconciliation() throws InterruptedException {
        long deadline = System.nanoTime() + SUMMARY_ALLOWANCE.toNanos();
        Reconciliation records = Reconciliation.of(LiveCounters::sum);
        while (!records.holds() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            records = Reconciliation.of(LiveCounters::sum);
        }
        return records;
    }

    /** Fast enough for the firehose to end, with a little room, before the drain allowance. */
    private double fittingSpeed(Long deadline) {
        if (deadline == null) {
            return 60;
        }
        double left = (deadline - System.nanoTime()) / 1e9 - DRAIN_ALLOWANCE.toSeconds() - 5;
        if (left < 10) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--duration %ds leaves no time to simulate after start-up; give at least %ds",
                    duration.toSeconds(), duration.toSeconds() + 10 - (long) left));
        }
        return eventTime.toSeconds() / left;
    }

    /**
     * Puts each {@code --source} file on the posts topic through {@code outcry ingest}, with its
     * dead letters and deletions, and returns how many records the job is to read.
     */
    private long ingest(String bootstrap, String postsTopic, String deadLetterTopic, String deletionsTopic, Progress progress) {
        for (String source : sources) {
            int colon = source.indexOf(':');
            if (colon <= 0 || colon == source.length() - 1) {
                throw new IllegalArgumentException("--source " + source + ": give <format>:<file>, e.g. mastodon:statuses.jsonl");
            }
            String format = source.substring(0, colon);
            String file = source.substring(colon + 1);
            progress.say("ingesting %s as %s", file, format);
            CommandLine ingest = new CommandLine(new IngestCommand());
            // its reconciliation line goes with the progress, so that stdout holds only the summary
            ingest.setOut(new PrintWriter(System.err, true));
            int exit = ingest.execute(format, file, "--bootstrap-servers", bootstrap, "--topic", postsTopic,
                    "--dead-letter-topic", deadLetterTopic, "--deletions-topic", deletionsTopic);
            if (exit != 0) {
                throw new IllegalArgumentException("--source " + source + ": outcry ingest failed (exit " + exit + "), see above");
            }
        }
        return KafkaTopics.recordCount(bootstrap, postsTopic, Duration.ofSeconds(30));
    }

    private GroundTruth simulate(SimulationConfig config, String bootstrap, String topic) {
        try (KafkaSink sink = new KafkaSink(bootstrap, topic)) {
            Replay replay = new Replay(sink, config.start(), config.speed(),
                    new PrintWriter(System.err, true), Replay.WallClock.SYSTEM);
            GroundTruth truth = new FirehoseSimulator(config).run(replay);
            replay.finish();
            return truth;
        }
    }

    private LocalKafka startKafka(Path runDir) {
        try {
            return LocalKafka.start(runDir.resolve("kafka"));
        } catch (Exception e) {
            throw new IllegalStateException("could not start Kafka: " + e.getMessage(), e);
        }
    }

    private LocalElasticsearch startElasticsearch(Path runDir, SecuredElasticsearch secured) {
        try {
            return secured == null ? LocalElasticsearch.start(runDir.resolve("elasticsearch")) : secured.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start Elasticsearch: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static synchronized <T extends AutoCloseable> T remember(List<AutoCloseable> toClose, T resource) {
        toClose.add(resource);
        return resource;
    }
}
