package io.outcry.twcs;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.deadletter.DeadLetterPublisher;
import io.outcry.pipeline.RunJob;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.KafkaSink;
import io.outcry.simulate.NdjsonFileSink;
import io.outcry.simulate.SimulatedRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code outcry twcs}: replays a "Customer Support on Twitter" export ({@link TwcsCsv}) as
 * canonical posts, in order of {@code created_at}, to an NDJSON file and/or a Kafka topic,
 * rejected records to the dead-letter topic, and the brand care accounts it found as a brand
 * catalog. The file is read twice, first for its reply chains, so that every post carries its
 * thread's conversation; the posts are held in memory to be sorted; equal times keep file order.
 *
 * <pre>
 * outcry twcs --csv twcs.csv --out posts.ndjson --catalog-out twcs-brands.yaml
 * outcry twcs --csv twcs.csv --bootstrap-servers localhost:9092 --topic outcry.posts --dead-letter-topic outcry.dead-letters
 * outcry twcs --csv twcs.csv                    # only read and count
 * </pre>
 *
 * Options: {@code --csv}, {@code --out}, {@code --bootstrap-servers}, {@code --topic},
 * {@code --dead-letter-topic}, {@code --catalog-out}.
 */
@Command(name = "twcs", mixinStandardHelpOptions = true,
        description = "Replay a 'Customer Support on Twitter' export (twcs.csv) as canonical posts in order of created_at "
                + "to an NDJSON file and/or Kafka (keyed by post id, timestamped by created_at), every record it cannot map to the "
                + "dead-letter topic with the reason, and write the brand care accounts as a brand catalog for --brands.")
public final class TwcsCommand implements Callable<Integer> {

    /** How many rejection reasons are printed one by one before only counting them. */
    static final int REASONS_PRINTED = 20;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Spec
    private CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "<twcs.csv>", description = "The export to read.")
    Path csv;

    @Option(names = "--out", paramLabel = "<posts.ndjson>", description = "Write the posts to this NDJSON file, one canonical post per line.")
    Path out;

    @Option(names = "--bootstrap-servers", paramLabel = "<host:port,...>",
            description = "Produce the posts and dead letters to this Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--topic", description = "Kafka topic for the posts (default: ${DEFAULT-VALUE}).")
    String topic = RunJob.DEFAULT_POSTS_TOPIC;

    @Option(names = "--dead-letter-topic", description = "Kafka topic for the records that are not posts (default: ${DEFAULT-VALUE}).")
    String deadLetterTopic = RunJob.DEFAULT_DEAD_LETTER_TOPIC;

    @Option(names = "--catalog-out", paramLabel = "<twcs-brands.yaml>",
            description = "Write the brand care accounts found as a brand catalog, for the job's --brands.")
    Path catalogOut;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(csv)) {
            throw new ParameterException(spec.commandLine(), "cannot read --csv " + csv + ": give a twcs export such as twcs.csv");
        }
        if (bootstrapServers != null && (topic.isBlank() || deadLetterTopic.isBlank())) {
            throw new ParameterException(spec.commandLine(), "--topic and --dead-letter-topic must not be empty");
        }
        PrintWriter err = spec.commandLine().getErr();
        Tally tally = new Tally(err);
        Set<String> brandAccounts = new LinkedHashSet<>();
        List<Consumer<SimulatedRecord>> postSinks = new ArrayList<>();
        long records;
        try (NdjsonFileSink file = out == null ? null : new NdjsonFileSink(out);
             KafkaSink kafka = bootstrapServers == null ? null : new KafkaSink(bootstrapServers, topic, "outcry-twcs");
             DeadLetterPublisher deadLetters = bootstrapServers == null ? null
                     : DeadLetterPublisher.create(bootstrapServers, deadLetterTopic, Map.of())) {
            if (file != null) {
                postSinks.add(file);
            }
            if (kafka != null) {
                postSinks.add(kafka);
            }
            List<Post> posts = new ArrayList<>();
            records = TwcsCsv.stream(csv, post -> {
                if (post.author().verified()) {
                    brandAccounts.add(post.author().id());
                }
                posts.add(post);
                tally.post();
            }, rejected -> {
                if (deadLetters != null) {
                    publish(deadLetters, rejected);
                }
                tally.rejected(rejected);
            });
            // The export lists each thread newest first and threads span years: in file order
            // nearly every post would be behind the job's watermark and dead-lettered as late.
            posts.sort(Comparator.comparingLong(Post::createdAt));
            for (Post post : posts) {
                SimulatedRecord record = record(post);
                postSinks.forEach(sink -> sink.accept(record));
            }
        }
        if (catalogOut != null) {
            Files.writeString(catalogOut, TwcsCsv.catalogYaml(brandAccounts), StandardCharsets.UTF_8);
        }
        long accounted = tally.posts + tally.rejected;
        if (accounted != records) {
            throw new IllegalStateException(records + " records read but " + accounted + " accounted for");
        }
        tally.progress();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(String.format(Locale.ROOT, "twcs: %d records = %d posts + %d rejected %s, %d brand accounts",
                records, tally.posts, tally.rejected, tally.byField, brandAccounts.size()));
        stdout.flush();
        List<String> wrote = new ArrayList<>();
        if (out != null) {
            wrote.add(out.toString());
        }
        if (bootstrapServers != null) {
            wrote.add("topics " + topic + " and " + deadLetterTopic);
        }
        if (catalogOut != null) {
            wrote.add(catalogOut.toString());
        }
        if (!wrote.isEmpty()) {
            err.println("twcs: wrote " + String.join(", ", wrote));
            err.flush();
        }
        return 0;
    }

    /** Keyed by post id and timestamped by its event time, as the simulator writes posts. */
    private static SimulatedRecord record(Post post) {
        return new SimulatedRecord(post.createdAt(), post.createdAt(), post.id().getBytes(StandardCharsets.UTF_8),
                CanonicalPostJson.write(post),
                post.author().verified() ? SimulatedRecord.Kind.REPLY : SimulatedRecord.Kind.POST, false, null);
    }

    private static void publish(DeadLetterPublisher deadLetters, TwcsCsv.Rejected rejected) {
        try {
            deadLetters.publish(new DeadLetter(DeadLetter.STAGE_INGEST, rejected.reason(), null, -1, -1,
                    System.currentTimeMillis(), null, rejected.original()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts as the records go by and prints a progress line every few seconds. */
    private static final class Tally {

        private final PrintWriter err;
        private final long started = System.nanoTime();
        private long lastReport = started;
        long posts;
        long rejected;
        final Map<String, Long> byField = new TreeMap<>();

        Tally(PrintWriter err) {
            this.err = err;
        }

        void post() {
            posts++;
            maybeReport();
        }

        void rejected(TwcsCsv.Rejected record) {
            rejected++;
            byField.merge(record.field(), 1L, Long::sum);
            if (rejected <= REASONS_PRINTED) {
                err.println("twcs: rejected " + record.reason());
            } else if (rejected == REASONS_PRINTED + 1) {
                err.println("twcs: more rejected records, only counted from here on (the dead-letter topic has them all)");
            }
            maybeReport();
        }

        private void maybeReport() {
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                lastReport = now;
                progress();
            }
        }

        void progress() {
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            err.printf(Locale.ROOT, "twcs: %,d records read, %,d posts, %,d rejected, %,.0f records/s%n",
                    posts + rejected, posts, rejected, (posts + rejected) / seconds);
            err.flush();
        }
    }
}
