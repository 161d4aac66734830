package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.kafka.Ingested;
import io.outcry.csv.CsvReader;
import io.outcry.csv.CsvRecord;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.evaldata.SharedData;
import io.outcry.pipeline.CollectingSink;
import io.outcry.pipeline.JobOptions;
import io.outcry.pipeline.OutcryJob;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.twcs.TwcsCsv;
import io.outcry.window.WindowResult;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real "Customer Support on Twitter" export through the whole job on a MiniCluster
 * (parallelism 2): for every brand, the number of cases it answered and the median first
 * response time must equal a reference this test computes straight from the CSV rows.
 *
 * <p>What opens a case here: in a support export every inbound tweet wants an answer, so the
 * job runs with {@code --care-any-post}: any customer tweet addressed to a brand (it names the
 * brand's account, as a mention, a hashtag or a word) that does not reply into the thread of one of that brand's cases opens
 * one; a tweet by the brand whose {@code in_response_to_tweet_id} is a tweet of a case's thread
 * (the opening tweet, a customer follow-up, or an earlier reply of the brand) answers it, and
 * joins the thread, as customer follow-ups do. The TTL is set beyond the export's time span,
 * so no case is forgotten before its answer.
 *
 * <p>The reference reads the rows with the CSV tokenizer only ({@link CsvReader} splits the
 * fields, quirks included); the meaning of each field is its own reading. The median of an
 * even count is the lower middle value (the value at rank ⌈n/2⌉ of the sorted times), for both.
 */
class CareTwcsReferenceTest {

    private static final String DATASET = "twcs_first5000.csv";
    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);
    /** A word, @mention or #hashtag: a tweet names a brand's account by any of them. */
    private static final Pattern WORD = Pattern.compile("[@#]?(\\w+)");

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    /** What the reference finds: per brand id, the first response times of the answered cases and the cases opened. */
    record Reference(Map<String, List<Long>> times, Map<String, Integer> opened) {}

    /** One row as the reference reads it. */
    record Row(String id, String author, boolean inbound, long createdAt, String text, String replyTo) {}

    @Test
    void everyBrandsAnsweredCasesAndMedianFirstResponseMatchTheReference() throws Exception {
        TwcsCsv.Result export = TwcsCsv.read(SharedData.file(DATASET));
        assertThat(export.records()).as("every record a post or rejected").isEqualTo(5000);

        Path catalog = Files.writeString(dir.resolve("twcs-brands.yaml"), TwcsCsv.catalogYaml(export.brandAccounts()));
        List<byte[]> records = export.posts().stream().sorted(Comparator.comparingLong(Post::createdAt))
                .map(CanonicalPostJson::write).collect(Collectors.toCollection(ArrayList::new));
        CollectingSink<CareCase> cases = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobOptions options = JobOptions.defaults().withEnrichment(EnrichmentConfig.defaults().withBrandCatalog(catalog.toString()));
        new OutcryJob(options, source(records), new CollectingSink<WindowResult>(), deadLetters, List.of())
                .withCare(CareSettings.defaults().withOpenOnAnyPost(true).withTtl(Duration.ofDays(3650)), List.of(), List.of(),
                        List.of(OutcryJob.Destination.of("cases", cases)))
                .build(env);
        env.execute("care-twcs-reference");

        assertThat(deadLetters.received()).as("the job refuses none of the adapter's posts").isEmpty();
        Map<String, List<Long>> job = new TreeMap<>();
        Map<String, Integer> jobOpened = new TreeMap<>();
        for (CareCase c : cases.received()) {
            if (CareCase.ANSWERED.equals(c.event())) {
                job.computeIfAbsent(c.brand(), b -> new ArrayList<>()).add(c.responseSeconds());
            } else if (CareCase.OPENED.equals(c.event())) {
                jobOpened.merge(c.brand(), 1, Integer::sum);
            }
        }
        Reference expected = reference();
        Map<String, List<Long>> reference = expected.times();
        assertThat(jobOpened).as("cases opened per brand").isEqualTo(expected.opened());

        assertThat(reference).hasSizeGreaterThan(50);
        assertThat(job.keySet()).isEqualTo(reference.keySet());
        reference.forEach((brand, times) -> {
            List<Long> answered = job.get(brand);
            assertThat(answered).as("answered cases of %s", brand).hasSameSizeAs(times);
            long[] sorted = answered.stream().mapToLong(Long::longValue).sorted().toArray();
            assertThat(CareMetrics.nearestRank(sorted, 0.5)).as("median first response of %s, s", brand).isEqualTo(median(times));
        });
        long answeredCases = reference.values().stream().mapToLong(List::size).sum();
        List<Long> all = reference.values().stream().flatMap(List::stream).toList();
        System.out.printf(Locale.ROOT, "twcs care reference: %d brands with answered cases (of %d with cases), %d cases opened, "
                        + "%d answered, median first response %d s, %d case events%n",
                reference.size(), expected.opened().size(), expected.opened().values().stream().mapToInt(Integer::intValue).sum(),
                answeredCases, median(all), cases.received().size());
        cases.forget();
        deadLetters.forget();
    }

    /** Answered cases' first response times per brand id, from the CSV rows alone. */
    private static Reference reference() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(SharedData.file(DATASET)); CsvReader csv = new CsvReader(in)) {
            csv.next();
            for (CsvRecord record = csv.next(); record != null; record = csv.next()) {
                List<String> f = record.fields();
                rows.add(new Row(wholeNumber(f.get(1)), f.get(2), f.get(3).equals("True"),
                        ZonedDateTime.parse(f.get(4), CREATED_AT).toInstant().toEpochMilli(), f.get(5),
                        f.get(7).isEmpty() ? null : wholeNumber(f.get(7))));
            }
        }
        // brand id per account handle, as the catalog written from the export names them
        Map<String, String> brandOf = new HashMap<>();
        for (Row row : rows) {
            if (!row.inbound()) {
                String handle = row.author().toLowerCase(Locale.ROOT);
                brandOf.put(handle, handle.replaceAll("[^a-z0-9_]", "_"));
            }
        }
        // time order; at one time customers' tweets before brands', then by id
        rows.sort(Comparator.comparingLong(Row::createdAt).thenComparing(r -> !r.inbound()).thenComparing(Row::id));
        Map<String, Map<String, String>> caseOfTweet = new HashMap<>();
        Map<String, Map<String, Long>> openedAt = new HashMap<>();
        Map<String, Set<String>> answered = new HashMap<>();
        Map<String, List<Long>> times = new TreeMap<>();
        for (Row row : rows) {
            if (row.inbound()) {
                Set<String> brands = new LinkedHashSet<>();
                Matcher m = WORD.matcher(row.text());
                while (m.find()) {
                    String brand = brandOf.get(m.group(1).toLowerCase(Locale.ROOT));
                    if (brand != null) {
                        brands.add(brand);
                    }
                }
                for (String brand : brands) {
                    Map<String, String> threads = caseOfTweet.computeIfAbsent(brand, b -> new HashMap<>());
                    String joined = row.replyTo() == null ? null : threads.get(row.replyTo());
                    if (joined != null) {
                        threads.put(row.id(), joined);
                    } else {
                        threads.put(row.id(), row.id());
                        openedAt.computeIfAbsent(brand, b -> new HashMap<>()).put(row.id(), row.createdAt());
                    }
                }
            } else {
                String brand = brandOf.get(row.author().toLowerCase(Locale.ROOT));
                Map<String, String> threads = caseOfTweet.computeIfAbsent(brand, b -> new HashMap<>());
                String caseId = row.replyTo() == null ? null : threads.get(row.replyTo());
                if (caseId == null) {
                    continue;
                }
                threads.put(row.id(), caseId);
                if (answered.computeIfAbsent(brand, b -> new java.util.HashSet<>()).add(caseId)) {
                    times.computeIfAbsent(brand, b -> new ArrayList<>()).add((row.createdAt() - openedAt.get(brand).get(caseId)) / 1000);
                }
            }
        }
        Map<String, Integer> opened = new TreeMap<>();
        openedAt.forEach((brand, ids) -> opened.put(brand, ids.size()));
        return new Reference(times, opened);
    }

    /** The lower middle of the sorted values. */
    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** {@code 3.0} as {@code 3}. */
    private static String wholeNumber(String value) {
        return new BigDecimal(value).toBigIntegerExact().toString();
    }

    private static DataGeneratorSource<Ingested<Post>> source(List<byte[]> records) {
        CanonicalPostJson parser = new CanonicalPostJson();
        GeneratorFunction<Long, Ingested<Post>> read = index -> Ingested.parse(
                parser, "posts", 0, index, -1L, null, records.get(index.intValue()));
        return new DataGeneratorSource<>(read, records.size(), Ingested.typeInfo(TypeInformation.of(Post.class)));
    }
}
