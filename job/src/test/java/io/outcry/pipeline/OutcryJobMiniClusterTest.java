package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.kafka.Ingested;
import io.outcry.enrich.CatalogEnricher;
import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Enricher;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.post.Author;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import io.outcry.window.WindowResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a real MiniCluster at parallelism 2, with the real enrichment: every
 * window's counts must equal what this test computes itself from the posts it generated.
 */
class OutcryJobMiniClusterTest {

    private static final int PARALLELISM = 2;
    private static final int RECORDS = 3_000;
    private static final long T0 = Instant.parse("2025-01-15T09:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    private static final String[] TEXTS = {
        "@tim_official non funziona internet da stamattina",
        "#vodafone bolletta con un addebito assurdo",
        "Ryanair flight delayed again and customer service: nobody answers",
        "@iliad_italia @tim_official rete down a casa, nessun segnale",
        "che bella giornata al mare",
        "Fastweb app login broken, password reset does not work",
        "@windtre grazie per l'assistenza veloce",
        "ITA Airways cancelled my flight and still no refund",
        "TIM e Vodafone entrambe senza linea, disservizio totale",
        "",
    };
    private static final GeoPoint[] PLACES = {
        new GeoPoint(45.4642, 9.1900), new GeoPoint(41.9028, 12.4964), new GeoPoint(40.8518, 14.2681),
        new GeoPoint(45.0703, 7.6869), new GeoPoint(38.1157, 13.3615), null,
    };
    private static final String[] LANGS = {"it", "it", "en", null};

    private final CollectingSink<WindowResult> windows = new CollectingSink<>();
    private final CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();

    @AfterEach
    void forgetWhatTheSinksReceived() {
        windows.forget();
        deadLetters.forget();
    }

    record Key(String brand, String regionCode, String topic, long windowStart) {}

    record Counts(long posts, long complaints, long uniqueAuthors, long uniqueComplainingAuthors,
                  long retweets, long replies, long reach) {}

    /** Mutable tally the test keeps per key, independent of the job's own accumulator. */
    static final class Tally {
        long posts;
        long complaints;
        long retweets;
        long replies;
        long reach;
        final Set<String> authors = new HashSet<>();
        final Set<String> complainingAuthors = new HashSet<>();

        Counts counts() {
            return new Counts(posts, complaints, authors.size(), complainingAuthors.size(), retweets, replies, reach);
        }
    }

    @Test
    void countsEveryWindowExactlyWithEachReplayedPostOnceAndDeadLettersExactlyTheMalformedRecords() throws Exception {
        Random random = new Random(20261122L);
        // copies as a firehose replays them after a reconnect: a post sent again a few records later
        Random replays = new Random(17L);
        int copies = 0;
        ArrayList<byte[]> records = new ArrayList<>(RECORDS);
        Set<String> malformed = new HashSet<>();
        List<Post> posts = new ArrayList<>();
        int latePosts = 0;
        for (int i = 0; i < RECORDS; i++) {
            if (random.nextInt(100) < 3) {
                String bad = malformedRecord(i, random);
                malformed.add(bad);
                records.add(bad.getBytes(StandardCharsets.UTF_8));
                continue;
            }
            // Mostly in order over five minutes; one post in twenty arrives 90 s behind its neighbours,
            // late for its window yet well within the allowed lateness of five minutes.
            long createdAt = T0 + i * 100L + random.nextInt(15_000);
            if (random.nextInt(20) == 0) {
                createdAt = Math.max(T0, createdAt - 90_000);
                latePosts++;
            }
            Post post = randomPost(i, createdAt, random);
            records.add(CanonicalPostJson.write(post));
            posts.add(post);
            if (replays.nextInt(25) == 0) {
                records.add(CanonicalPostJson.write(posts.get(posts.size() - 1 - replays.nextInt(Math.min(posts.size(), 10)))));
                copies++;
            }
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        new OutcryJob(JobOptions.defaults(), source(records), windows, deadLetters, List.of()).build(env);
        JobClient job = env.executeAsync("outcry-minicluster-test");
        job.getJobExecutionResult().get();

        Map<Key, Counts> expected = expectedCounts(records);
        Map<Key, List<WindowResult>> byWindow = windows.received().stream().collect(Collectors.groupingBy(
                r -> new Key(r.brand(), r.regionCode(), r.topic(), r.windowStart())));
        Map<Key, Counts> actual = new HashMap<>();
        byWindow.forEach((key, results) -> {
            // Each late update of a window carries the next revision: 0, 1, 2, ... with none missing.
            assertThat(results).extracting(WindowResult::revision)
                    .as("revisions of %s", key)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, results.size()).boxed().toList());
            WindowResult last = results.stream().max((a, b) -> Integer.compare(a.revision(), b.revision())).orElseThrow();
            assertThat(last.windowEnd()).isEqualTo(last.windowStart() + MINUTE);
            actual.put(key, new Counts(last.posts(), last.complaints(), last.uniqueAuthors(),
                    last.uniqueComplainingAuthors(), last.retweets(), last.replies(), last.reach()));
        });

        assertThat(latePosts).isGreaterThan(50);
        assertThat(expected).hasSizeGreaterThan(30);
        assertThat(actual).isEqualTo(expected);

        assertThat(deadLetters.received()).allSatisfy(letter -> {
            assertThat(letter.stage()).isEqualTo(DeadLetter.STAGE_INGEST);
            assertThat(letter.reason()).isNotBlank();
        });
        assertThat(deadLetters.received())
                .extracting(letter -> new String(letter.payload(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(malformed);

        JobID id = job.getJobID();
        long withoutBrand = posts.size() - brandedPosts(records);
        assertThat(counter(id, "postsEnriched")).isEqualTo(posts.size());
        assertThat(counter(id, "postsWithoutBrand")).isEqualTo(withoutBrand).isPositive();
        assertThat(counter(id, "postsTooLate")).isZero();
        assertThat(copies).isGreaterThan(50);
        assertThat(counter(id, "postsDuplicated")).isEqualTo(copies);
    }

    private static DataGeneratorSource<Ingested<Post>> source(ArrayList<byte[]> records) {
        CanonicalPostJson parser = new CanonicalPostJson();
        // -1: a generated record has no Kafka timestamp, so no post is judged to come from the future
        GeneratorFunction<Long, Ingested<Post>> read = index -> Ingested.parse(
                parser, "posts", 0, index, -1L, null, records.get(index.intValue()));
        return new DataGeneratorSource<>(read, records.size(), Ingested.typeInfo(TypeInformation.of(Post.class)));
    }

    /** What the job must output, computed from the records with the same parser and enricher. */
    private static Map<Key, Counts> expectedCounts(List<byte[]> records) throws Exception {
        Enricher enricher = CatalogEnricher.load(EnrichmentConfig.defaults());
        CanonicalPostJson parser = new CanonicalPostJson();
        Map<Key, Tally> tallies = new HashMap<>();
        Set<String> counted = new HashSet<>();
        for (byte[] record : records) {
            Ingested<Post> ingested = Ingested.parse(parser, "posts", 0, 0, -1, null, record);
            if (!ingested.isOk() || !counted.add(ingested.value.id())) {
                continue;
            }
            Post post = ingested.value;
            EnrichedPost enriched = enricher.enrich(post);
            long windowStart = post.createdAt() - Math.floorMod(post.createdAt(), MINUTE);
            for (String brand : new LinkedHashSet<>(enriched.brands())) {
                for (String topic : new LinkedHashSet<>(enriched.topics())) {
                    Tally tally = tallies.computeIfAbsent(
                            new Key(brand, enriched.region().code(), topic, windowStart), k -> new Tally());
                    tally.posts++;
                    tally.reach += post.author().followers();
                    tally.authors.add(post.author().id());
                    if (enriched.complaint()) {
                        tally.complaints++;
                        tally.complainingAuthors.add(post.author().id());
                    }
                    if (post.isRetweet()) {
                        tally.retweets++;
                    }
                    if (post.isReply()) {
                        tally.replies++;
                    }
                }
            }
        }
        Map<Key, Counts> counts = new HashMap<>();
        tallies.forEach((key, tally) -> counts.put(key, tally.counts()));
        return counts;
    }

    private static long brandedPosts(List<byte[]> records) throws Exception {
        Enricher enricher = CatalogEnricher.load(EnrichmentConfig.defaults());
        CanonicalPostJson parser = new CanonicalPostJson();
        long branded = 0;
        Set<String> counted = new HashSet<>();
        for (byte[] record : records) {
            Ingested<Post> ingested = Ingested.parse(parser, "posts", 0, 0, -1, null, record);
            if (ingested.isOk() && counted.add(ingested.value.id()) && !enricher.enrich(ingested.value).brands().isEmpty()) {
                branded++;
            }
        }
        return branded;
    }

    private static Post randomPost(int i, long createdAt, Random random) {
        // 150 authors for ~2,900 posts: most authors post many times, so unique authors < posts.
        int author = random.nextInt(150);
        GeoPoint where = PLACES[random.nextInt(PLACES.length)];
        int kind = random.nextInt(10);
        String retweeted = kind < 2 ? Integer.toString(random.nextInt(i + 1)) : null;
        String replyTo = kind == 2 ? Integer.toString(random.nextInt(i + 1)) : null;
        return new Post(
                Integer.toString(100_000 + i),
                "twitter",
                createdAt,
                new Author("u" + author, "user" + author, author * 37L % 5_000, author % 13 == 0, null),
                TEXTS[random.nextInt(TEXTS.length)],
                LANGS[random.nextInt(LANGS.length)],
                where,
                null,
                replyTo,
                null,
                retweeted,
                List.of(),
                List.of());
    }

    private static String malformedRecord(int i, Random random) {
        String valid = "\"platform\": \"twitter\", \"created_at\": \"2025-01-15T09:01:00Z\", \"text\": \"@tim_official down\"";
        return switch (random.nextInt(5)) {
            case 0 -> "{not json " + i;
            case 1 -> "{\"id\": \"bad" + i + "\", " + valid + ", \"author\": {\"id\": \"u1\", \"handle\": \"u\", \"followers\": -" + i + "}}";
            case 2 -> "{\"id\": \"bad" + i + "\", " + valid + ", \"author\": {\"id\": \"u1\", \"handle\": \"u\"}, \"coordinates\": {\"lat\": 123, \"lon\": 9}}";
            case 3 -> "{" + valid + ", \"author\": {\"id\": \"u" + i + "\", \"handle\": \"u\"}}";
            default -> "{\"id\": \"bad" + i + "\", \"platform\": \"twitter\", \"created_at\": " + (1_736_931_660L + i)
                    + ", \"author\": {\"id\": \"u1\", \"handle\": \"u\"}, \"text\": \"seconds, not millis\"}";
        };
    }

    private static long counter(JobID job, String name) {
        return METRICS.findOperatorMetricGroups(job, ".*").stream()
                .map(group -> METRICS.getMetricsByGroup(group).get(name))
                .filter(metric -> metric != null)
                .mapToLong(metric -> ((Counter) metric).getCount())
                .sum();
    }
}
