package io.outcry.ingest;

import io.outcry.post.Deletion;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.deadletter.DeadLetterPublisher;
import io.outcry.connectors.kafka.KafkaClientProperties;
import io.outcry.pipeline.RunJob;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.KafkaSink;
import io.outcry.simulate.NdjsonFileSink;
import io.outcry.simulate.SimulatedRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code outcry ingest <format> <file>...}: maps a platform's records (NDJSON / JSON lines,
 * gzip accepted) to canonical posts, keyed {@code platform:id} and timestamped with their event
 * time, on the posts topic or in a file. Records that cannot be mapped go, with their original
 * bytes and the reason, to the dead-letter topic the job uses or to a file; deletions to a topic
 * or file when asked. A post seen again within {@code --dedupe-window} posts is counted as a
 * duplicate and not written. Every few seconds a progress line goes to stderr; at the end one
 * line to stdout, which must reconcile:
 *
 * <pre>
 * ingest twitter-v1: 18 records read = 7 posts + 3 dead letters + 7 control messages + 1 duplicates (18 lines; delete 1, ...)
 * </pre>
 *
 * <pre>
 * outcry ingest twitter-v1 statuses.jsonl.gz --bootstrap-servers localhost:9092
 * outcry ingest twitter-v2 responses.jsonl --out posts.ndjson --dead-letters rejected.ndjson
 * outcry ingest bluesky-jetstream --live wss://jetstream2.us-east.bsky.network/subscribe --bootstrap-servers localhost:9092
 * </pre>
 *
 * With {@code --live <url>} instead of files, a format that is also a {@link LiveSource} reads
 * the platform's live stream: it reconnects after a drop, resuming where the platform allows,
 * and backs off exponentially (from {@link LiveIngest#FIRST_BACKOFF} up to
 * {@link LiveIngest#MAX_BACKOFF}) while connections fail. It runs until Ctrl-C,
 * {@code --max-records} or {@code --max-failures}, and then prints the same closing line.
 *
 * Options: {@code --bootstrap-servers}, {@code --topic}, {@code --dead-letter-topic},
 * {@code --deletions-topic}, {@code --out}, {@code --dead-letters}, {@code --deletions},
 * {@code --dedupe-window}, {@code --live}, {@code --max-records}, {@code --max-failures}; for mastodon
 * {@code --instance}, {@code --token-file}, {@code --token-env}.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Map a platform's records (NDJSON / JSON lines, gzip accepted) to canonical posts on the posts topic "
                + "(key platform:id) or in a file; records that cannot be mapped go to the dead-letter topic or a file. "
                + "Prints a line that reconciles: records read = posts + dead letters + control messages + duplicates.")
public final class IngestCommand implements Callable<Integer> {

    static final int DEFAULT_DEDUPE_WINDOW = 1_000_000;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<format>", description = "twitter-v1, twitter-v2, bluesky-jetstream, mastodon or canonical.")
    String format;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "<file>",
            description = "NDJSON / JSON lines files, read in order; gzip is recognised by its content.")
    List<Path> files = List.of();

    @Option(names = "--live", paramLabel = "<url>",
            description = "Read the platform's live stream at this URL instead of files; reconnects and backs off on errors.")
    String live;

    @Option(names = "--max-records", paramLabel = "<records>",
            description = "With --live: stop after this many records, e.g. to take a sample.")
    long maxRecords = Long.MAX_VALUE;

    @Option(names = "--max-failures", paramLabel = "<connections>",
            description = "With --live: give up after this many failed connections in a row (default: never).")
    int maxFailures = Integer.MAX_VALUE;

    /** How live mode waits between connections; tests record the waits. */
    LiveIngest.Sleeper sleeper = LiveIngest.THREAD_SLEEP;

    @Option(names = "--bootstrap-servers", paramLabel = "<host:port,...>",
            description = "Produce posts and dead letters to this Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--kafka-properties", paramLabel = "<file>", description = "Kafka client settings (security, tuning) "
            + "for the producers; secrets only as ${file:...} or ${env:...} references (docs/operations.md#secured-kafka).")
    Path kafkaPropertiesFile;

    @Option(names = "--topic", description = "Kafka topic for the posts (default: ${DEFAULT-VALUE}).")
    String topic = RunJob.DEFAULT_POSTS_TOPIC;

    @Option(names = "--dead-letter-topic", description = "Kafka topic for records that cannot be mapped (default: ${DEFAULT-VALUE}).")
    String deadLetterTopic = RunJob.DEFAULT_DEAD_LETTER_TOPIC;

    @Option(names = "--deletions-topic", paramLabel = "<topic>",
            description = "Kafka topic for deletions the stream announced (key platform:id); not written when absent.")
    String deletionsTopic;

    @Option(names = "--out", paramLabel = "<posts.ndjson>", description = "Write the posts to this file, one canonical post per line.")
    Path out;

    @Option(names = "--dead-letters", paramLabel = "<rejected.ndjson>",
            description = "Write records that cannot be mapped to this file: {format, source, reason, record}.")
    Path deadLettersFile;

    @Option(names = "--deletions", paramLabel = "<deletions.ndjson>", description = "Write deletions to this file.")
    Path deletionsFile;

    @Option(names = "--dedupe-window", paramLabel = "<posts>",
            description = "How many recent post keys are remembered to drop a post sent twice (default: ${DEFAULT-VALUE}).")
    int dedupeWindow = DEFAULT_DEDUPE_WINDOW;

    @Option(names = "--instance", paramLabel = "<host>",
            description = "mastodon: the instance that served the statuses, e.g. mastodon.social; its ids are its own "
                    + "(default: the host of each local status's uri; with --live, the URL's host).")
    String instance;

    @Option(names = "--token-file", paramLabel = "<file>", description = "mastodon --live: read the access token from this file.")
    Path tokenFile;

    @Option(names = "--token-env", paramLabel = "<NAME>",
            description = "mastodon --live: read the access token from this environment variable.")
    String tokenEnv;

    @Override
    public Integer call() throws Exception {
        PlatformFormat adapter = Formats.named(spec, format, mastodonInstance(), token(), spec.commandLine().getErr());
        URI liveUrl = live == null ? null : liveUrl(adapter);
        if (liveUrl == null && files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the files to read, or --live <url>");
        }
        if (liveUrl == null && (maxRecords != Long.MAX_VALUE || maxFailures != Integer.MAX_VALUE)) {
            throw new ParameterException(spec.commandLine(), "--max-records and --max-failures go with --live");
        }
        if (maxRecords < 1 || maxFailures < 1) {
            throw new ParameterException(spec.commandLine(), "--max-records and --max-failures must be at least 1");
        }
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file);
            }
        }
        if (dedupeWindow < 1) {
            throw new ParameterException(spec.commandLine(), "--dedupe-window must be at least 1");
        }
        if (bootstrapServers == null && deletionsTopic != null) {
            throw new ParameterException(spec.commandLine(), "--deletions-topic needs --bootstrap-servers");
        }
        if (liveUrl == null) {
            return ingest(adapter, null);
        }
        // Ctrl-C interrupts the reading thread and waits until it has closed the sinks and printed the closing line.
        Thread reader = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            reader.interrupt();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "outcry-ingest-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            return ingest(adapter, liveUrl);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for this thread to finish.
            }
        }
    }

    /** {@code --instance}, else for {@code mastodon --live} the URL's host: the instance whose ids the stream carries. */
    private String mastodonInstance() {
        if (instance != null || live == null || !format.equals(MastodonFormat.NAME)) {
            return instance;
        }
        try {
            return new URI(live).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The access token from {@code --token-file} or {@code --token-env}, never from the command line; null without either. */
    private String token() {
        if (tokenFile != null && tokenEnv != null) {
            throw new ParameterException(spec.commandLine(), "give --token-file or --token-env, not both");
        }
        String token;
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read --token-file " + tokenFile);
            }
            if (token.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--token-file " + tokenFile + " is empty");
            }
            return token;
        }
        if (tokenEnv != null) {
            token = System.getenv(tokenEnv);
            if (token == null || token.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--token-env: the environment variable " + tokenEnv + " is not set");
            }
            return token.strip();
        }
        return null;
    }

    /** Reads the files, or the live stream when {@code liveUrl} is given, into the sinks; prints the closing line. */
    private int ingest(PlatformFormat adapter, URI liveUrl) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Run run;
        IOException failed = null;
        Map<String, String> kafka = kafkaPropertiesFile == null ? Map.of() : KafkaClientProperties.load(kafkaPropertiesFile);
        try (NdjsonFileSink postFile = out == null ? null : new NdjsonFileSink(out);
             NdjsonFileSink deadLetterFile = deadLettersFile == null ? null : new NdjsonFileSink(deadLettersFile);
             NdjsonFileSink deletionFile = deletionsFile == null ? null : new NdjsonFileSink(deletionsFile);
             KafkaSink postTopic = bootstrapServers == null ? null
                     : new KafkaSink(bootstrapServers, topic, "outcry-ingest", kafka);
             KafkaSink deletionTopic = deletionsTopic == null ? null
                     : new KafkaSink(bootstrapServers, deletionsTopic, "outcry-ingest", kafka);
             DeadLetterPublisher deadLetterTopicPublisher = bootstrapServers == null ? null
                     : DeadLetterPublisher.create(bootstrapServers, deadLetterTopic, kafka)) {
            // The simulator's sinks write any keyed, timestamped bytes; they do not read the record's kind.
            run = new Run(adapter, new RecentIds(dedupeWindow), err) {
                @Override
                void write(Post post, byte[] key, byte[] json) {
                    SimulatedRecord record = new SimulatedRecord(post.createdAt(), post.createdAt(), key, json,
                            SimulatedRecord.Kind.POST, false, null);
                    if (postFile != null) {
                        postFile.accept(record);
                    }
                    if (postTopic != null) {
                        postTopic.accept(record);
                    }
                }

                @Override
                void writeDeletion(Deletion deletion, byte[] json) {
                    long time = deletion.deletedAt() >= 0 ? deletion.deletedAt() : System.currentTimeMillis();
                    SimulatedRecord record = new SimulatedRecord(time, time, deletion.key().getBytes(StandardCharsets.UTF_8),
                            json, SimulatedRecord.Kind.POST, false, null);
                    if (deletionFile != null) {
                        deletionFile.accept(record);
                    }
                    if (deletionTopic != null) {
                        deletionTopic.accept(record);
                    }
                }

                @Override
                void writeDeadLetter(String source, String reason, byte[] original) {
                    if (deadLetterFile != null) {
                        deadLetterFile.accept(new SimulatedRecord(0, 0, null,
                                deadLetterJson(adapter.name(), source, reason, original), SimulatedRecord.Kind.MALFORMED, false, null));
                    }
                    if (deadLetterTopicPublisher != null) {
                        try {
                            deadLetterTopicPublisher.publish(new DeadLetter(DeadLetter.STAGE_INGEST, adapter.name() + " " + source + ": " + reason,
                                    null, -1, -1, System.currentTimeMillis(), null, original));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            };
            if (liveUrl != null) {
                failed = streamLive((LiveSource) adapter, liveUrl, run, err);
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                try (InputStream in = JsonLines.open(file)) {
                    JsonLines.read(in, (bytes, offset, length, number) -> run.record(name, bytes, offset, length, number));
                }
            }
        }
        run.progress();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(run.reconciliation());
        stdout.flush();
        if (failed != null) {
            err.println("ingest " + adapter.name() + ": " + failed.getMessage());
            err.flush();
            return 1;
        }
        return 0;
    }

    private URI liveUrl(PlatformFormat adapter) {
        if (!files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give either files or --live, not both");
        }
        if (!(adapter instanceof LiveSource source)) {
            throw new ParameterException(spec.commandLine(), adapter.name() + " has no live stream; read files of it instead");
        }
        try {
            URI url = new URI(live);
            source.check(url);
            return url;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--live " + live + ": " + e.getMessage());
        }
    }

    /**
     * Streams until {@code --max-records}, a failure or Ctrl-C.
     *
     * @return the failure that ended the stream, or null when it was stopped
     */
    private IOException streamLive(LiveSource source, URI url, Run run, PrintWriter err) {
        long[] number = {0};
        try {
            new LiveIngest(source, url, LiveIngest.FIRST_BACKOFF, LiveIngest.MAX_BACKOFF, maxFailures, sleeper, err, run.adapter.name())
                    .run((bytes, offset, length) -> {
                        run.record("live", bytes, offset, length, ++number[0]);
                        return run.records < maxRecords;
                    });
            return null;
        } catch (IOException e) {
            return e;
        } finally {
            // A Ctrl-C interrupt has done its work; left set, it would break closing the Kafka producer.
            Thread.interrupted();
        }
    }

    static byte[] deadLetterJson(String format, String source, String reason, byte[] original) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("format", format);
        node.put("source", source);
        node.put("reason", reason);
        try {
            node.put("record", StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(original)).toString());
        } catch (CharacterCodingException e) {
            node.put("record_base64", Base64.getEncoder().encodeToString(original));
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] deletionJson(Deletion deletion) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("platform", deletion.platform());
        node.put("id", deletion.postId());
        if (deletion.authorId() != null) {
            node.put("author_id", deletion.authorId());
        }
        if (deletion.deletedAt() >= 0) {
            node.put("deleted_at", Instant.ofEpochMilli(deletion.deletedAt()).toString());
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One ingestion: counts every outcome, checks each line against what its records gave, writes. */
    abstract static class Run implements Outcomes {

        final PlatformFormat adapter;
        private final RecentIds recent;
        private final PrintWriter err;
        private final long started = System.nanoTime();
        private long lastReport = started;
        long lines;
        long bytesRead;
        long records;
        long posts;
        long deadLetters;
        long controls;
        long duplicates;
        long lastEventTime = -1;
        final Map<String, Long> controlKinds = new TreeMap<>();
        private long outcomesOfLine;
        private String file;
        private long number;
        private byte[] line;
        private int offset;
        private int length;

        Run(PlatformFormat adapter, RecentIds recent, PrintWriter err) {
            this.adapter = adapter;
            this.recent = recent;
            this.err = err;
        }

        abstract void write(Post post, byte[] key, byte[] json);

        abstract void writeDeletion(Deletion deletion, byte[] json);

        abstract void writeDeadLetter(String source, String reason, byte[] original);

        void record(String file, byte[] bytes, int offset, int length, long number) {
            lines++;
            bytesRead += length + 1;
            this.file = file;
            this.number = number;
            this.line = bytes;
            this.offset = offset;
            this.length = length;
            outcomesOfLine = 0;
            int held;
            if (isBlank(bytes, offset, length)) {
                control("keep-alive");
                held = 1;
            } else {
                held = adapter.map(bytes, offset, length, this);
            }
            if (held != outcomesOfLine) {
                throw new IllegalStateException(adapter.name() + " said " + source() + " held " + held
                        + " records but reported " + outcomesOfLine + " outcomes");
            }
            records += held;
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                lastReport = now;
                progress();
            }
        }

        /** Built only when needed: joining a path and a line number for every line took a third of the time. */
        private String source() {
            return file + ":" + number;
        }

        /** Streams send a bare newline to keep the connection open. */
        private static boolean isBlank(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void post(Post post) {
            outcomesOfLine++;
            String key = post.platform() + ":" + post.id();
            if (!recent.firstTime(key)) {
                duplicates++;
                return;
            }
            posts++;
            lastEventTime = Math.max(lastEventTime, post.createdAt());
            write(post, key.getBytes(StandardCharsets.UTF_8), CanonicalPostJson.write(post));
        }

        @Override
        public void control(String kind) {
            outcomesOfLine++;
            controls++;
            controlKinds.merge(kind, 1L, Long::sum);
        }

        @Override
        public void deletion(Deletion deletion) {
            control("delete");
            writeDeletion(deletion, deletionJson(deletion));
        }

        @Override
        public void deadLetter(String reason) {
            outcomesOfLine++;
            deadLetters++;
            writeDeadLetter(source(), reason, Arrays.copyOfRange(line, offset, offset + length));
        }

        void progress() {
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            String last = lastEventTime < 0 ? "none"
                    : Instant.ofEpochMilli(lastEventTime) + " (lag " + lag(System.currentTimeMillis() - lastEventTime) + ")";
            err.printf(Locale.ROOT, "ingest %s: %,d records, %,d posts (%,.0f posts/s, %.1f MB/s), %,d dead letters, "
                            + "%,d control messages, %,d duplicates, last event %s%n",
                    adapter.name(), records, posts, posts / seconds, bytesRead / seconds / 1e6, deadLetters, controls, duplicates, last);
            err.flush();
        }

        private static String lag(long millis) {
            Duration lag = Duration.ofMillis(Math.max(0, millis));
            return lag.toDays() > 0 ? lag.toDays() + "d " + lag.toHoursPart() + "h"
                    : lag.toHours() > 0 ? lag.toHours() + "h " + lag.toMinutesPart() + "m"
                    : lag.toMinutes() + "m " + lag.toSecondsPart() + "s";
        }

        String reconciliation() {
            long accounted = posts + deadLetters + controls + duplicates;
            if (accounted != records) {
                throw new IllegalStateException(records + " records read but " + accounted + " accounted for");
            }
            List<String> kinds = new ArrayList<>();
            controlKinds.forEach((kind, count) -> kinds.add(kind + " " + count));
            return String.format(Locale.ROOT,
                    "ingest %s: %d records read = %d posts + %d dead letters + %d control messages + %d duplicates (%d lines%s)",
                    adapter.name(), records, posts, deadLetters, controls, duplicates, lines,
                    kinds.isEmpty() ? "" : "; " + String.join(", ", kinds));
        }
    }
}
