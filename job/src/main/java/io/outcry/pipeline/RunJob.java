package io.outcry.pipeline;

import io.outcry.care.BusinessHours;
import io.outcry.care.CareSettings;
import io.outcry.time.DurationConverter;
import io.outcry.enrich.CatalogBrandRecognizer;
import io.outcry.index.CareDocuments;
import io.outcry.connectors.deadletter.DeadLetterSink;
import io.outcry.connectors.elasticsearch.ElasticsearchClientSettings;
import io.outcry.connectors.elasticsearch.ElasticsearchPreflight;
import io.outcry.connectors.elasticsearch.BulkLimits;
import io.outcry.connectors.elasticsearch.ElasticsearchDocument;
import io.outcry.connectors.elasticsearch.ElasticsearchSink;
import io.outcry.connectors.elasticsearch.DeadLetterTopicHandler;
import io.outcry.connectors.elasticsearch.Retention;
import io.outcry.connectors.kafka.KafkaClientProperties;
import io.outcry.connectors.kafka.KafkaIngest;
import io.outcry.connectors.kafka.StartingOffsets;
import io.outcry.deletion.DeletionJson;
import io.outcry.post.Deletion;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.connectors.elasticsearch.DocumentMapper;
import io.outcry.detect.AlertEvent;
import io.outcry.connectors.kafka.KafkaJsonSinks;
import io.outcry.connectors.kafka.KafkaPreflight;
import io.outcry.enrich.CatalogEnricher;
import io.outcry.connectors.webhook.WebhookSink;
import io.outcry.index.AlertDocuments;
import io.outcry.index.IndexSettings;
import io.outcry.index.IndexTemplate;
import io.outcry.notify.AlertRouter;
import io.outcry.notify.Routing;
import io.outcry.notify.SlackMessage;
import io.outcry.index.PostDocuments;
import io.outcry.index.PostSample;
import io.outcry.index.WindowDocuments;
import io.outcry.index.ZoneDocuments;
import io.outcry.zone.ZoneEvent;
import io.outcry.zone.ZoneSettings;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.window.WindowResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the Outcry job with Kafka in and Elasticsearch out. Submitted with
 * {@code flink run outcry-job-<version>-job.jar [flags]} (this class is the jar's Main-Class) it runs on that Flink cluster;
 * started with {@code ./outcry run [flags]} it runs on a local MiniCluster.
 *
 * <p>Flags (defaults in brackets; window defaults come from {@link JobOptions#defaults()}):
 * <ul>
 *   <li>{@code --bootstrap-servers} Kafka brokers [localhost:9092]
 *   <li>{@code --kafka-properties} a properties file of Kafka client settings (security, tuning) for every client [none]
 *   <li>{@code --posts-topic} topic of canonical post JSON [outcry.posts]
 *   <li>{@code --dead-letter-topic} where refused records go [outcry.dead-letters]
 *   <li>{@code --deletions-topic} deletions as {@code outcry ingest} writes them: deleted posts leave window
 *       and alert examples and care cases [none: off]; {@code --deletions-horizon} how long after a post its deletion still does [1d]
 *   <li>{@code --group-id} Kafka consumer group [outcry]
 *   <li>{@code --starting-offsets} earliest, latest or committed-or-earliest [committed-or-earliest]
 *   <li>{@code --bounded} stop at the end offsets seen at start (backfills, tests)
 *   <li>{@code --elasticsearch} comma-separated node URLs [http://localhost:9200]
 *   <li>{@code --elasticsearch-properties} a properties file of credentials and trust for a secured Elasticsearch [none]
 *   <li>{@code --index-prefix} window indices are {@code <prefix>-yyyy.MM.dd} [outcry-windows]
 *   <li>{@code --index-shards}, {@code --index-replicas} of each new index [1, 0]; {@code --index-refresh-interval}
 *       [each template's own: 1s, 500ms for windows, 5s for care cases]
 *   <li>{@code --manage-templates} install the index templates when missing or older than this version's [true]
 *   <li>{@code --retention} delete daily indices this long after they were created, where Elasticsearch has ILM;
 *       elsewhere {@code outcry retention} does [none: kept for ever]
 *   <li>{@code --alerts-index} alerts as they stand; their events go to {@code <name>-history-yyyy.MM.dd} [outcry-alerts]
 *   <li>{@code --alerts-topic} every alert event, exactly once [outcry.alerts]
 *   <li>{@code --zones-index} outage zones as they stand; their events go to {@code <name>-history-yyyy.MM.dd} [outcry-zones]
 *   <li>{@code --zones-topic} every outage zone event, exactly once [outcry.zones]
 *   <li>{@code --zone-precision} geohash precision of the outage grid [4, about 39 × 20 km]
 *   <li>{@code --no-zones} leave the outage zones out
 *   <li>{@code --posts-index} the posts behind the numbers go to {@code <prefix>-yyyy.MM.dd} [none: off];
 *       {@code --posts-sample} the share kept [1]; {@code --posts-retention} [7d]
 *   <li>{@code --no-brand-response} leave out how fast each brand spoke up about its alerts and zones
 *       (first statement, first reply to an affected customer, restored claims; on by default)
 *   <li>{@code --care-index} care windows go to {@code <name>-yyyy.MM.dd} [outcry-care]
 *   <li>{@code --care-queue-index} each brand's care queue as it stands, one document per brand [outcry-care-queue]
 *   <li>{@code --care-cases-index} every care case as it stands, one document per case, e.g. outcry-care-cases [none: off]
 *   <li>{@code --no-care} leave customer care out
 *   <li>{@code --care-sla} how soon a brand should answer [1h]; {@code --care-brand-sla brand=30m,...} per brand
 *   <li>{@code --care-hours} the hours an SLA counts, e.g. {@code 08:00-20:00@Europe/Rome} [around the clock];
 *       {@code --care-brand-hours brand=08:00-20:00@Europe/Rome,...} per brand
 *   <li>{@code --care-ttl} how long a case is remembered [7d]; {@code --care-window} care window length [1h]
 *   <li>{@code --care-any-post} every customer post addressed to a brand opens a case, not only questions and complaints
 *   <li>{@code --care-alerts} alert when this many cases pass their SLA unanswered in a brand's care window [0: off]
 *   <li>{@code --webhook-url} Slack-compatible JSON when an alert opens, reopens or resolves [none]
 *   <li>{@code --routes} a routing file: alerts by brand, level, severity and kind to Slack, Teams, PagerDuty,
 *       webhooks and email, with rate limits and quiet hours (docs/routing.md) [none]
 *   <li>{@code --window}, {@code --allowed-lateness}, {@code --out-of-orderness}, {@code --idleness} [1m, 5m, 30s, 1m]
 *   <li>{@code --brands}, {@code --topics}, {@code --complaint-cues} YAML catalogs [bundled]
 *   <li>{@code --sentiment-model} a model file from {@code outcry train} [the lexicon-and-rules scorer]
 *   <li>{@code --min-location-confidence} how sure a post's location must be to count in its region [0.4: profiles count]
 *   <li>{@code --parallelism} [the cluster's default], {@code --checkpoint-interval} [10s]
 *   <li>{@code --elasticsearch-flush-interval} longest time a document waits before it is sent; changes
 *       within it are written once [1s]
 *   <li>{@code --checkpoint-dir} [the cluster's; a temporary directory on a local MiniCluster]; the last 3
 *       checkpoints are kept when the job is cancelled; {@code --savepoint-dir} [the cluster's]
 *   <li>{@code --from-savepoint} a savepoint or retained checkpoint to start from [none]
 *   <li>{@code --state-backend} hashmap or rocksdb [the cluster's]; {@code --max-parallelism} [128]
 *   <li>{@code --job-name} [outcry]
 * </ul>
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = "Runs the Outcry job: Kafka posts in, window results to Elasticsearch, refused records to the dead-letter topic.")
public final class RunJob implements Callable<Integer> {

    public static final String DEFAULT_POSTS_TOPIC = "outcry.posts";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "outcry.dead-letters";
    public static final String DEFAULT_ALERTS_TOPIC = "outcry.alerts";
    public static final String DEFAULT_ZONES_TOPIC = "outcry.zones";
    /** The deletions topic the demo and the docs name; the job reads none unless given one. */
    public static final String DEFAULT_DELETIONS_TOPIC = "outcry.deletions";
    public static final Duration DEFAULT_DELETIONS_HORIZON = Duration.ofDays(1);
    public static final Duration DEFAULT_POSTS_RETENTION = Duration.ofDays(7);
    /** Key groups of every keyed operator: the ceiling for rescaling from a savepoint. */
    public static final int DEFAULT_MAX_PARALLELISM = 128;
    private static final Duration RESTART_DELAY = Duration.ofSeconds(10);
    private static final JobOptions DEFAULTS = JobOptions.defaults();
    private static final CareSettings CARE_DEFAULTS = CareSettings.defaults();
    private static final IndexSettings INDEX_DEFAULTS = IndexSettings.defaults();

    @Option(names = "--bootstrap-servers", description = "Kafka brokers, host:port[,host:port...].")
    String bootstrapServers = "localhost:9092";

    @Option(names = "--kafka-properties", paramLabel = "<file>", description = "Kafka client settings (security.protocol, "
            + "sasl.*, ssl.*, tuning) for every consumer, producer and admin client; secrets only as ${file:...} or ${env:...} "
            + "references (docs/operations.md#secured-kafka).")
    Path kafkaPropertiesFile;
    private Map<String, String> kafkaProperties;

    @Option(names = "--posts-topic", description = "Topic the posts are read from (canonical post JSON, see docs/post-schema.md).")
    String postsTopic = DEFAULT_POSTS_TOPIC;

    @Option(names = "--dead-letter-topic", description = "Topic refused records are written to, with the reason in headers.")
    String deadLetterTopic = DEFAULT_DEAD_LETTER_TOPIC;

    @Option(names = "--deletions-topic", paramLabel = "<topic>", description = "Topic of deleted posts, as `outcry ingest "
            + "--deletions-topic` writes them: they leave window and alert examples and care cases (default: none, deletions are not read).")
    String deletionsTopic;

    @Option(names = "--deletions-horizon", converter = DurationConverter.class, description = "How long after a window or a "
            + "care post a deletion still takes the post out; the state held for this grows with it (docs/ingest.md).")
    Duration deletionsHorizon = DEFAULT_DELETIONS_HORIZON;

    @Option(names = "--alerts-topic", description = "Topic every alert event is written to, exactly once (JSON, key: the alert id).")
    String alertsTopic = DEFAULT_ALERTS_TOPIC;

    @Option(names = "--zones-topic", description = "Topic every outage zone event is written to, exactly once (JSON, key: the zone id).")
    String zonesTopic = DEFAULT_ZONES_TOPIC;

    @Option(names = "--zones-index", description = "Outage zones as they stand go to this index, their events to <name>-history-yyyy.MM.dd.")
    String zonesIndex = ZoneDocuments.DEFAULT_PREFIX;

    @Option(names = "--zone-precision", description = "Geohash precision of the outage-zone grid (4: about 39 x 20 km, 5: about 5 x 5 km).")
    int zonePrecision = ZoneSettings.defaults().precision();

    @Option(names = "--no-zones", description = "Leave the outage zones out.")
    boolean noZones;

    @Option(names = "--posts-index", paramLabel = "<prefix>", description = "Keep the posts behind the numbers in "
            + "<prefix>-yyyy.MM.dd, e.g. outcry-posts: each post in time for its window, with what the job understood of it "
            + "and the window key it was counted under (default: none).")
    String postsIndex;

    @Option(names = "--posts-sample", paramLabel = "<share>", description = "The share of posts the posts index keeps, "
            + "chosen by a hash of each post's id, so a replay keeps the same ones; 1 keeps them all.")
    double postsSample = 1;

    @Option(names = "--posts-retention", converter = DurationConverter.class, description = "Delete the posts index's "
            + "daily indices this long after they were created (as --retention does for the others).")
    Duration postsRetention = DEFAULT_POSTS_RETENTION;

    @Option(names = "--no-brand-response", description = "Leave out how fast each brand spoke up about its alerts and zones "
            + "(first public statement, first reply to an affected customer, an 'it works again' while a zone is down; "
            + "docs/care.md). With it on, each alert and zone event still goes out at once; the indices' documents are "
            + "corrected when the brand speaks later.")
    boolean noBrandResponse;

    @Option(names = "--care-index", description = "Care windows go to <name>-yyyy.MM.dd.")
    String careIndex = CareDocuments.DEFAULT_PREFIX;

    @Option(names = "--care-queue-index", description = "Each brand's care queue as it stands (cases waiting for a first "
            + "answer, within and past their SLA, the next due and the latest breached) goes to this index, one document per brand.")
    String careQueueIndex = CareDocuments.DEFAULT_QUEUE_INDEX;

    @Option(names = "--care-cases-index", paramLabel = "<name>", description = "Keep every care case as it stands in this index, "
            + "e.g. outcry-care-cases: one document per case, rewritten at each change, the job's largest share of writes "
            + "(default: none; the care windows and the queue hold what the care board shows).")
    String careCasesIndex;

    @Option(names = "--no-care", description = "Leave customer care (cases, response times, care windows) out.")
    boolean noCare;

    @Option(names = "--care-sla", converter = DurationConverter.class, description = "How soon a brand should answer a case.")
    Duration careSla = CARE_DEFAULTS.sla();

    @Option(names = "--care-brand-sla", split = ",", paramLabel = "<brand=duration>", description = "Per-brand SLAs, e.g. tim=30m.")
    Map<String, String> careBrandSla = new LinkedHashMap<>();

    @Option(names = "--care-hours", paramLabel = "<HH:mm-HH:mm@Zone>",
            description = "The hours an SLA counts, every day, e.g. 08:00-20:00@Europe/Rome (default: around the clock).")
    String careHours;

    @Option(names = "--care-brand-hours", split = ",", paramLabel = "<brand=HH:mm-HH:mm@Zone>",
            description = "Per-brand hours, e.g. tim=08:00-20:00@Europe/Rome.")
    Map<String, String> careBrandHours = new LinkedHashMap<>();

    @Option(names = "--care-ttl", converter = DurationConverter.class, description = "How long after it opened a case is remembered.")
    Duration careTtl = CARE_DEFAULTS.ttl();

    @Option(names = "--care-window", converter = DurationConverter.class, description = "Care window length.")
    Duration careWindow = CARE_DEFAULTS.window();

    @Option(names = "--care-any-post", description = "Every customer post addressed to a brand opens a case, "
            + "not only questions and complaints (real support exports, where every inbound post wants an answer).")
    boolean careAnyPost;

    @Option(names = "--care-alerts", paramLabel = "<cases>", description = "Alert when this many cases pass their SLA "
            + "unanswered in one care window of a brand; 0 turns the alerts off.")
    int careAlerts;

    @Option(names = "--webhook-url", paramLabel = "<url>", description = "POST Slack-compatible JSON here when an alert "
            + "opens, reopens or resolves, e.g. a Slack incoming webhook (default: none). A URL that holds a secret is "
            + "better given as '${env:VARIABLE}' or '${file:/path}', read on each TaskManager, so that it is in neither "
            + "the command line nor the job.")
    String webhookUrl;

    @Option(names = "--routes", paramLabel = "<file>", description = "Route alerts by brand, level, severity and kind to "
            + "Slack, Teams, PagerDuty, webhooks and email, each with its rate limit and quiet hours, as this YAML file "
            + "says (see docs/routing.md; default: none). Independent of --webhook-url.")
    Path routesFile;
    private Routing routing;

    @Option(names = "--group-id", description = "Kafka consumer group.")
    String groupId = "outcry";

    @Option(names = "--starting-offsets", description = "earliest, latest or committed-or-earliest.")
    String startingOffsets = "committed-or-earliest";

    @Option(names = "--bounded", description = "Stop after the offsets that are the end of the topic when the job starts.")
    boolean bounded;

    @Option(names = "--elasticsearch", split = ",", description = "Elasticsearch node URLs.")
    List<String> elasticsearch = List.of("http://localhost:9200");

    @Option(names = "--elasticsearch-properties", paramLabel = "<file>", description = "How to connect to a secured "
            + "Elasticsearch: username and password or api_key, ssl.certificate_authorities or ssl.ca_trusted_fingerprint; "
            + "secrets only as ${file:...} or ${env:...} references (docs/operations.md#secured-elasticsearch).")
    Path elasticsearchPropertiesFile;
    private Map<String, String> elasticsearchProperties;
    private ElasticsearchSink<ElasticsearchDocument> elasticsearchSink;

    @Option(names = "--index-prefix", description = "Window results go to <prefix>-yyyy.MM.dd.")
    String indexPrefix = DEFAULTS.indexPrefix();

    @Option(names = "--index-shards", description = "Primary shards of each new index.")
    int indexShards = INDEX_DEFAULTS.shards();

    @Option(names = "--index-replicas", description = "Replicas of each shard of a new index (0 suits a single node).")
    int indexReplicas = INDEX_DEFAULTS.replicas();

    @Option(names = "--index-refresh-interval", converter = DurationConverter.class, description = "How soon a written document "
            + "is searchable, for every index (default: each template's own, 1s, 500ms for windows, 5s for care cases).")
    Duration indexRefreshInterval = INDEX_DEFAULTS.refreshInterval();

    @Option(names = "--manage-templates", arity = "0..1", fallbackValue = "true", description = "Install the index templates "
            + "when missing or older than this version's; false leaves them alone, and the job needs no template privilege.")
    boolean manageTemplates = true;

    @Option(names = "--retention", converter = DurationConverter.class, description = "Delete daily indices this long after "
            + "they were created, by a lifecycle policy where Elasticsearch has ILM; elsewhere run `outcry retention` daily "
            + "(default: kept for ever).")
    Duration retention;

    @Option(names = "--alerts-index", description = "Alerts as they stand go to this index, their events to <name>-history-yyyy.MM.dd.")
    String alertsIndex = AlertDocuments.DEFAULT_PREFIX;

    @Option(names = "--window", converter = DurationConverter.class, description = "Tumbling window length.")
    Duration window = DEFAULTS.windowSize();

    @Option(names = "--allowed-lateness", converter = DurationConverter.class,
            description = "How long after its window closes a late post still updates it; later ones are dead-lettered.")
    Duration allowedLateness = DEFAULTS.allowedLateness();

    @Option(names = "--out-of-orderness", converter = DurationConverter.class,
            description = "How far behind the newest post a post may arrive and still be on time.")
    Duration outOfOrderness = DEFAULTS.maxOutOfOrderness();

    @Option(names = "--idleness", converter = DurationConverter.class,
            description = "A partition without posts for this long stops holding back event time.")
    Duration idleness = DEFAULTS.sourceIdleness();

    @Option(names = "--brands", description = "Brand catalog YAML (default: the bundled catalog/brands.yaml).")
    String brands;

    @Option(names = "--topics", description = "Topic taxonomy YAML (default: the bundled catalog/topics.yaml).")
    String topics;

    @Option(names = "--complaint-cues", description = "Complaint cues YAML (default: the bundled lexicon/complaint-cues.yaml).")
    String complaintCues;

    @Option(names = "--sentiment-model", description = "Polarity model written by `outcry train` (default: the lexicon-and-rules scorer).")
    String sentimentModel;

    @Option(names = "--min-location-confidence", description = "How sure a post's location must be to count in its "
            + "region's windows: 1 coordinates, 0.8 platform place, 0.6 a place in the text, 0.4 the author's profile "
            + "(default: ${DEFAULT-VALUE}); a post located less surely counts in the region `unknown`.")
    double minLocationConfidence = EnrichmentConfig.DEFAULT_MIN_LOCATION_CONFIDENCE;

    @Option(names = "--parallelism", description = "Job parallelism; 0 keeps the cluster's default.")
    int parallelism;

    @Option(names = "--checkpoint-interval", converter = DurationConverter.class,
            description = "Checkpoints flush Elasticsearch and commit Kafka offsets.")
    Duration checkpointInterval = Duration.ofSeconds(10);

    @Option(names = "--elasticsearch-flush-interval", converter = DurationConverter.class,
            description = "Longest time a document waits before it is sent to Elasticsearch; a document that changes"
                    + " within it (a case, a zone, an alert) is written once; checkpoints flush too. Longer writes a"
                    + " little less, shorter makes documents searchable sooner (default: ${DEFAULT-VALUE}).")
    Duration elasticsearchFlushInterval = BulkLimits.DEFAULT.flushInterval();

    @Option(names = "--checkpoint-dir", description = "Where checkpoints go, a path or URI; on a local MiniCluster "
            + "without it, a temporary directory (the default, the job manager's memory, refuses state over 5 MB).")
    String checkpointDir;

    @Option(names = "--savepoint-dir", description = "Where savepoints go by default, a path or URI (`outcry stop --savepoint`).")
    String savepointDir;

    @Option(names = "--from-savepoint", paramLabel = "<path>", description = "Start from this savepoint or retained "
            + "checkpoint, at any parallelism up to --max-parallelism (`flink run -s <path>` does the same).")
    String fromSavepoint;

    @Option(names = "--state-backend", description = "Where keyed state lives: hashmap (on the heap, fastest) or rocksdb "
            + "(on local disk, for state larger than the heap, checkpointed incrementally); default: the cluster's, hashmap on a"
            + " local MiniCluster.")
    StateBackend stateBackend;

    @Option(names = "--max-parallelism", description = "The most parallel the job can ever run from its savepoints: fixed "
            + "at its first start, it can only change by starting afresh (default: ${DEFAULT-VALUE}).")
    int maxParallelism = DEFAULT_MAX_PARALLELISM;

    @Option(names = "--max-restarts", description = "Restarts allowed within --restart-interval after a task fails; one "
            + "more failure in that time fails the job (default: ${DEFAULT-VALUE}).")
    int maxRestarts = 10;

    @Option(names = "--restart-interval", converter = DurationConverter.class,
            description = "The interval --max-restarts counts over (default: 10m).")
    Duration restartInterval = Duration.ofMinutes(10);

    @Option(names = "--no-preflight", description = "Submit without first checking that Kafka and Elasticsearch answer, "
            + "the topics may be read and written and the indices written (the catalogs are checked all the same).")
    boolean noPreflight;

    @Option(names = "--preflight-timeout", converter = DurationConverter.class,
            description = "How long the pre-flight waits for Kafka to answer (default: 15s).")
    Duration preflightTimeout = Duration.ofSeconds(15);

    @Option(names = "--job-name", description = "Name of the Flink job.")
    String jobName = "outcry";

    /**
     * The job jar's entry point, for {@code flink run} and application mode. It returns once the
     * job is submitted (or, attached, once it ends) and never calls {@code System.exit}: in
     * application mode {@code main} runs inside the JobManager, which an exit would stop. A flag
     * mistake throws picocli's one-line message, which Flink reports as the program's failure.
     */
    public static void main(String[] args) throws Exception {
        RunJob run = new RunJob();
        CommandLine commandLine = new CommandLine(run);
        if (CommandLine.executeHelpRequest(commandLine.parseArgs(args)) == null) {
            run.call();
        }
    }

    @Override
    public Integer call() throws Exception {
        preflight();
        StreamExecutionEnvironment env = environment(new Configuration());
        job().build(env);
        env.execute(jobName);
        return 0;
    }

    /**
     * What the tasks would otherwise find out by failing and restarting, checked before the job
     * is built: the catalogs and model it names, the Elasticsearch settings file and the routing file, then (unless
     * {@code --no-preflight}) that Kafka answers and its topics may be read and written. A mistake
     * throws its one line.
     */
    void preflight() throws InterruptedException {
        CatalogEnricher.validate(jobOptions().enrichment());
        elasticsearchProperties();
        postSample();
        routing();
        if (noPreflight) {
            return;
        }
        List<String> read = new ArrayList<>(List.of(postsTopic));
        if (deletionsTopic != null) {
            read.add(deletionsTopic);
        }
        KafkaPreflight.check(bootstrapServers, kafkaProperties(), read, List.of(deadLetterTopic, alertsTopic, zonesTopic),
                preflightTimeout);
        List<String> indices = new ArrayList<>(List.of(indexPrefix + "-*", alertsIndex + "*"));
        if (!noZones) {
            indices.add(zonesIndex + "*");
        }
        if (!noCare) {
            indices.addAll(List.of(careIndex + "-*", careQueueIndex));
            if (careCasesIndex != null) {
                indices.add(careCasesIndex);
            }
        }
        if (postsIndex != null) {
            indices.add(postsIndex + "-*");
        }
        ElasticsearchPreflight.check(elasticsearch, elasticsearchProperties(), indices, manageTemplates);
    }

    /** The flags parsed into a runnable job, as {@code outcry run} and {@code flink run} take them. */
    public static RunJob fromArgs(String... args) {
        return CommandLine.populateCommand(new RunJob(), args);
    }

    /**
     * A job with every flag at its default, to be set with the typed setters below: what the
     * demo, the bench and the tests build, instead of writing flags to parse back. Each setter
     * sets what its flag of the same name does.
     */
    public static RunJob defaults() {
        return new RunJob();
    }

    public RunJob bootstrapServers(String servers) {
        bootstrapServers = servers;
        return this;
    }

    public RunJob kafkaProperties(Path file) {
        kafkaPropertiesFile = file;
        kafkaProperties = null;
        return this;
    }

    public RunJob postsTopic(String topic) {
        postsTopic = topic;
        return this;
    }

    public RunJob deadLetterTopic(String topic) {
        deadLetterTopic = topic;
        return this;
    }

    public RunJob deletionsTopic(String topic) {
        deletionsTopic = topic;
        return this;
    }

    public RunJob alertsTopic(String topic) {
        alertsTopic = topic;
        return this;
    }

    public RunJob zonesTopic(String topic) {
        zonesTopic = topic;
        return this;
    }

    public RunJob groupId(String group) {
        groupId = group;
        return this;
    }

    /** earliest, latest or committed-or-earliest. */
    public RunJob startingOffsets(String offsets) {
        startingOffsets = offsets;
        return this;
    }

    public RunJob bounded(boolean stopAtTheEnd) {
        bounded = stopAtTheEnd;
        return this;
    }

    public RunJob elasticsearch(String... nodes) {
        elasticsearch = List.of(nodes);
        return this;
    }

    public RunJob elasticsearchProperties(Path file) {
        elasticsearchPropertiesFile = file;
        elasticsearchProperties = null;
        return this;
    }

    public RunJob indexPrefix(String prefix) {
        indexPrefix = prefix;
        return this;
    }

    public RunJob indexShards(int shards) {
        indexShards = shards;
        return this;
    }

    public RunJob indexReplicas(int replicas) {
        indexReplicas = replicas;
        return this;
    }

    public RunJob indexRefreshInterval(Duration interval) {
        indexRefreshInterval = interval;
        return this;
    }

    public RunJob manageTemplates(boolean manage) {
        manageTemplates = manage;
        return this;
    }

    public RunJob alertsIndex(String index) {
        alertsIndex = index;
        return this;
    }

    public RunJob zonesIndex(String index) {
        zonesIndex = index;
        return this;
    }

    public RunJob careIndex(String prefix) {
        careIndex = prefix;
        return this;
    }

    public RunJob brandResponse(boolean on) {
        noBrandResponse = !on;
        return this;
    }

    public RunJob postsIndex(String prefix) {
        postsIndex = prefix;
        return this;
    }

    public RunJob postsSample(double share) {
        postsSample = share;
        return this;
    }

    public RunJob careQueueIndex(String index) {
        careQueueIndex = index;
        return this;
    }

    /** Every case as it stands to {@code index}, or, with null, to no index. */
    public RunJob careCasesIndex(String index) {
        careCasesIndex = index;
        return this;
    }

    public RunJob careSla(Duration sla) {
        careSla = sla;
        return this;
    }

    public RunJob careWindow(Duration window) {
        careWindow = window;
        return this;
    }

    public RunJob careAlerts(int cases) {
        careAlerts = cases;
        return this;
    }

    public RunJob webhookUrl(String url) {
        webhookUrl = url;
        return this;
    }

    public RunJob routes(Path file) {
        routesFile = file;
        routing = null;
        return this;
    }

    public RunJob allowedLateness(Duration lateness) {
        allowedLateness = lateness;
        return this;
    }

    public RunJob retention(Duration keep) {
        retention = keep;
        return this;
    }

    public RunJob parallelism(int tasks) {
        parallelism = tasks;
        return this;
    }

    public RunJob checkpointInterval(Duration interval) {
        checkpointInterval = interval;
        return this;
    }

    public RunJob checkpointDir(String pathOrUri) {
        checkpointDir = pathOrUri;
        return this;
    }

    public RunJob savepointDir(String pathOrUri) {
        savepointDir = pathOrUri;
        return this;
    }

    /** A savepoint or retained checkpoint to start from; null for none. */
    public RunJob fromSavepoint(String path) {
        fromSavepoint = path;
        return this;
    }

    public RunJob jobName(String name) {
        jobName = name;
        return this;
    }

    public JobOptions jobOptions() {
        EnrichmentConfig enrichment = EnrichmentConfig.defaults()
                .withBrandCatalog(brands)
                .withTopicTaxonomy(topics)
                .withComplaintCues(complaintCues)
                .withSentimentModel(sentimentModel)
                .withMinLocationConfidence(minLocationConfidence);
        return DEFAULTS.withWindowSize(window)
                .withAllowedLateness(allowedLateness)
                .withMaxOutOfOrderness(outOfOrderness)
                .withSourceIdleness(idleness)
                .withEnrichment(enrichment)
                .withIndexPrefix(indexPrefix);
    }

    /** The execution environment: the cluster's when submitted, a MiniCluster otherwise. */
    public StreamExecutionEnvironment environment(Configuration extra) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        // A cancelled job keeps its last checkpoints, so it can be restarted from one like a savepoint.
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        conf.set(PipelineOptions.MAX_PARALLELISM, maxParallelism);
        // A failure that comes back at once (a poisoned dependency, lost credentials) ends the job
        // after a bounded number of restarts, each logged with its reason, instead of looping.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "failure-rate");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL, maxRestarts);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_FAILURE_RATE_INTERVAL, restartInterval);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_DELAY, RESTART_DELAY);
        if (stateBackend != null) {
            conf.set(StateBackendOptions.STATE_BACKEND, stateBackend.name());
            // RocksDB is for state larger than the heap: its checkpoints write the files that changed, not all of it
            if (stateBackend == StateBackend.rocksdb) {
                conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            }
        }
        if (savepointDir != null) {
            conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, uri(savepointDir));
        }
        if (fromSavepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, uri(fromSavepoint));
        }
        conf.addAll(extra);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        String checkpoints = checkpointDir != null ? checkpointDir
                : env instanceof LocalStreamEnvironment ? temporaryCheckpointDir() : null;
        if (checkpoints != null) {
            Configuration storage = new Configuration();
            storage.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, uri(checkpoints));
            env.configure(storage);
        }
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        return env;
    }

    /** Where keyed state lives; the names are Flink's {@code state.backend.type}. */
    public enum StateBackend { hashmap, rocksdb }

    /** A URI as it is ({@code s3://b/p}, {@code file:/tmp/p}, as Flink prints them); a path made absolute. */
    private static String uri(String pathOrUri) {
        return pathOrUri.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*") ? pathOrUri
                : Path.of(pathOrUri).toAbsolutePath().toUri().toString();
    }

    private static String temporaryCheckpointDir() {
        try {
            return Files.createTempDirectory("outcry-checkpoints-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a checkpoint directory under " + System.getProperty("java.io.tmpdir")
                    + ": give one with --checkpoint-dir", e);
        }
    }

    public String jobName() {
        return jobName;
    }

    public OutcryJob job() {
        JobOptions options = jobOptions();
        KafkaIngest<Post> ingest = KafkaIngest.of(new CanonicalPostJson(), TypeInformation.of(Post.class))
                .bootstrapServers(bootstrapServers)
                .properties(kafkaProperties())
                .topics(postsTopic)
                .groupId(groupId)
                .startingOffsets(StartingOffsets.fromOption(startingOffsets));
        if (bounded) {
            ingest = ingest.bounded();
        }
        String prefix = options.indexPrefix();
        ElasticsearchSink<WindowResult> windows = sink().withMapper(WindowDocuments.mapper(prefix,
                CatalogBrandRecognizer.load(options.enrichment().brandCatalog()).competitorSets()));
        OutcryJob job = new OutcryJob(
                options,
                ingest.build(),
                windows,
                // In transactions, so that a restart from a checkpoint does not write its dead letters twice.
                DeadLetterSink.builder().bootstrapServers(bootstrapServers).properties(kafkaProperties()).topic(deadLetterTopic)
                        .exactlyOnce(jobName + "-dead-letters").build(),
                alertDestinations(),
                noZones ? List.of() : zoneDestinations(),
                ZoneSettings.defaults().withWindow(options.windowSize()).withPrecision(zonePrecision));
        if (deletionsTopic != null) {
            KafkaIngest<Deletion> deleted = KafkaIngest.of(new DeletionJson(), TypeInformation.of(Deletion.class))
                    .bootstrapServers(bootstrapServers)
                    .properties(kafkaProperties())
                    .topics(deletionsTopic)
                    .counted("deletions")
                    .groupId(groupId)
                    .startingOffsets(StartingOffsets.fromOption(startingOffsets));
            job = job.withDeletions((bounded ? deleted.bounded() : deleted).build(), deletionsHorizon);
        }
        if (noBrandResponse) {
            job = job.withoutBrandResponse();
        }
        if (postsIndex != null) {
            job = job.withPosts(postSample(), sink().withMapper(PostDocuments.mapper(postsIndex, options.windowSize().toMillis())));
        }
        if (noCare) {
            return job;
        }
        return job.withCare(careSettings(),
                List.of(OutcryJob.Destination.of("care-index", sink().withMapper(CareDocuments.windows(careIndex)))),
                List.of(OutcryJob.Destination.of("care-queue-index", sink().withMapper(CareDocuments.queue(careQueueIndex)))),
                careCasesIndex == null ? List.of()
                        : List.of(OutcryJob.Destination.of("care-cases-index", sink().withMapper(CareDocuments.cases(careCasesIndex)))));
    }

    /** {@code --posts-sample}, checked. */
    private PostSample postSample() {
        try {
            return new PostSample(postsSample);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--posts-sample: " + e.getMessage());
        }
    }

    /** The settings of {@code --kafka-properties}, checked; none without it. */
    public Map<String, String> kafkaProperties() {
        if (kafkaProperties == null) {
            kafkaProperties = kafkaPropertiesFile == null ? Map.of() : KafkaClientProperties.load(kafkaPropertiesFile);
        }
        return kafkaProperties;
    }

    /** The settings of {@code --elasticsearch-properties}, checked, references unresolved; none without it. */
    private Map<String, String> elasticsearchProperties() {
        if (elasticsearchProperties == null) {
            elasticsearchProperties = elasticsearchPropertiesFile == null ? Map.of()
                    : ElasticsearchClientSettings.load(elasticsearchPropertiesFile);
        }
        return elasticsearchProperties;
    }

    /** The care flags as settings; a malformed value fails here with the flag's name. */
    public CareSettings careSettings() {
        Map<String, Duration> brandSla = new LinkedHashMap<>();
        careBrandSla.forEach((brand, value) -> brandSla.put(brand, DurationConverter.parse(value)));
        Map<String, BusinessHours> brandHours = new LinkedHashMap<>();
        careBrandHours.forEach((brand, value) -> brandHours.put(brand, BusinessHours.parse(value)));
        return CARE_DEFAULTS.withSla(careSla)
                .withBrandSla(brandSla)
                .withHours(careHours == null ? null : BusinessHours.parse(careHours))
                .withBrandHours(brandHours)
                .withTtl(careTtl)
                .withWindow(careWindow)
                .withOpenOnAnyPost(careAnyPost)
                .withAlertThreshold(careAlerts);
    }

    /** The zones index and its history, and the zones topic. */
    private List<OutcryJob.Destination<ZoneEvent>> zoneDestinations() {
        return List.of(
                OutcryJob.Destination.index("zones-index", sink().withMapper(ZoneDocuments.current(zonesIndex))),
                OutcryJob.Destination.index("zones-history", sink().withMapper(ZoneDocuments.history(zonesIndex))),
                OutcryJob.Destination.of("zones-topic", KafkaJsonSinks.<ZoneEvent>exactlyOnce(
                        bootstrapServers, zonesTopic, jobName + "-zones", ZoneEvent::zoneId, ZoneDocuments::json, kafkaProperties())));
    }

    /** The alerts index and its history, the alerts topic, and the webhook when one is given. */
    private List<OutcryJob.Destination<AlertEvent>> alertDestinations() {
        List<OutcryJob.Destination<AlertEvent>> destinations = new ArrayList<>(List.of(
                OutcryJob.Destination.index("index", sink().withMapper(AlertDocuments.current(alertsIndex))),
                OutcryJob.Destination.index("history", sink().withMapper(AlertDocuments.history(alertsIndex))),
                // The prefix names this job's transactions: two jobs writing alerts need two job names.
                OutcryJob.Destination.of("topic", KafkaJsonSinks.<AlertEvent>exactlyOnce(
                        bootstrapServers, alertsTopic, jobName + "-alerts", AlertEvent::alertId, AlertDocuments::json,
                        kafkaProperties()))));
        if (webhookUrl != null) {
            destinations.add(new OutcryJob.Destination<>("webhook", WebhookSink.<AlertEvent>builder()
                    .url(webhookUrl)
                    .bodyMapper(SlackMessage::json)
                    .deliveryId(SlackMessage::deliveryId)
                    .build(), SlackMessage::worthNotifying));
        }
        if (routing() != null) {
            destinations.add(new OutcryJob.Destination<>("routes", new AlertRouter(routing()), AlertRouter::wanted));
        }
        return destinations;
    }

    /** The routing file of {@code --routes}, checked (its mistakes throw their one line); null without it. */
    public Routing routing() {
        if (routing == null && routesFile != null) {
            routing = Routing.load(routesFile);
        }
        return routing;
    }

    /** The index flags as settings; a value out of range fails here with its reason. */
    public IndexSettings indexSettings() {
        return new IndexSettings(indexShards, indexReplicas, indexRefreshInterval);
    }

    /**
     * The one sink into this job's Elasticsearch that every index shares (through
     * {@link ElasticsearchSink#withMapper}), installing the templates of the indices the job
     * writes first unless told to leave them alone; documents Elasticsearch refuses go to the
     * dead-letter topic. Its buffer is sent at every checkpoint and flush interval.
     */
    private ElasticsearchSink<ElasticsearchDocument> sink() {
        if (elasticsearchSink == null) {
            elasticsearchSink = elasticsearchSink(indexTemplates());
        }
        return elasticsearchSink;
    }

    private List<IndexTemplate> indexTemplates() {
        IndexSettings settings = indexSettings();
        List<IndexTemplate> templates = new ArrayList<>(List.of(WindowDocuments.indexTemplate(indexPrefix, settings)));
        templates.addAll(AlertDocuments.indexTemplates(alertsIndex, settings));
        if (!noZones) {
            templates.addAll(ZoneDocuments.indexTemplates(zonesIndex, settings));
        }
        if (!noCare) {
            templates.add(CareDocuments.windowsTemplate(careIndex, settings));
            templates.add(CareDocuments.queueTemplate(careQueueIndex, settings));
            if (careCasesIndex != null) {
                templates.add(CareDocuments.casesTemplate(careCasesIndex, settings));
            }
        }
        if (postsIndex != null) {
            templates.add(PostDocuments.indexTemplate(postsIndex, settings));
        }
        return templates;
    }

    private ElasticsearchSink<ElasticsearchDocument> elasticsearchSink(List<IndexTemplate> templates) {
        ElasticsearchSink.Builder<ElasticsearchDocument> sink = ElasticsearchSink.<ElasticsearchDocument>builder()
                .hosts(elasticsearch)
                .clientSettings(elasticsearchProperties())
                .documentMapper(DocumentMapper.IDENTITY)
                .bulkLimits(BulkLimits.DEFAULT.withFlushInterval(elasticsearchFlushInterval))
                .rejectedDocumentHandler(DeadLetterTopicHandler.factory(bootstrapServers, deadLetterTopic, kafkaProperties()));
        if (!manageTemplates) {
            return sink.build();
        }
        templates.forEach(template -> sink.indexTemplate(template.name(), template.body()));
        // The posts index keeps its own, shorter horizon: it holds what people wrote, the others only counts.
        List<String> daily = templates.stream().filter(IndexTemplate::daily).map(IndexTemplate::name)
                .filter(name -> !name.equals(postsIndex)).toList();
        if (retention != null && !daily.isEmpty()) {
            sink.retention(new Retention(retention, daily));
        }
        if (postsIndex != null) {
            sink.retention(new Retention(postsRetention, List.of(postsIndex)));
        }
        return sink.build();
    }
}
