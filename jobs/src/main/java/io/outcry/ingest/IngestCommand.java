package io.outcry.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.deadletter.DeadLetterPublisher;
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
 * </pre>
 *
 * Options: {@code --bootstrap-servers}, {@code --topic}, {@code --dead-letter-topic},
 * {@code --deletions-topic}, {@code --out}, {@code --dead-letters}, {@code --deletions},
 * {@code --dedupe-window}, {@code --instance} (mastodon).
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

    @Parameters(index = "0", paramLabel = "<format>", description = "twitter-v1, twitter-v2, mastodon or canonical.")
    String format;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<file>",
            description = "NDJSON / JSON lines files, read in order; gzip is recognised by its content.")
    List<Path> files;

    @Option(names = "--bootstrap-servers", paramLabel = "<host:port,...>",
            description = "Produce posts and dead letters to this Kafka cluster.")
    String bootstrapServers;

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
                    + "(default: the host of each local status's uri).")
    String instance;

    @Override
    public Integer call() throws Exception {
        PlatformFormat adapter = Formats.named(spec, format, instance);
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
        PrintWriter err = spec.commandLine().getErr();
        Run run;
        try (NdjsonFileSink postFile = out == null ? null : new NdjsonFileSink(out);
             NdjsonFileSink deadLetterFile = deadLettersFile == null ? null : new NdjsonFileSink(deadLettersFile);
             NdjsonFileSink deletionFile = deletionsFile == null ? null : new NdjsonFileSink(deletionsFile);
             KafkaSink postTopic = bootstrapServers == null ? null : new KafkaSink(bootstrapServers, topic, "outcry-ingest");
             KafkaSink deletionTopic = deletionsTopic == null ? null : new KafkaSink(bootstrapServers, deletionsTopic, "outcry-ingest");
             DeadLetterPublisher deadLetterTopicPublisher = bootstrapServers == null ? null
                     : DeadLetterPublisher.create(bootstrapServers, deadLetterTopic, Map.of())) {
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
            for (Path file : files) {
                try (InputStream in = JsonLines.open(file)) {
                    JsonLines.read(in, (bytes, offset, length, number) -> run.record(file, bytes, offset, length, number));
                }
            }
        }
        run.progress();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(run.reconciliation());
        stdout.flush();
        return 0;
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

        private final PlatformFormat adapter;
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
        private Path file;
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

        void record(Path file, byte[] bytes, int offset, int length, long number) {
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

        /** Built only when needed: turning a path into a string for every line took a third of the time. */
        private String source() {
            return file.getFileName() + ":" + number;
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
