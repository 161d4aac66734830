package io.outcry.backtest;

import io.outcry.detect.AlertEvent;
import io.outcry.enrich.CatalogBrandRecognizer;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.pipeline.CollectingSink;
import io.outcry.pipeline.JobOptions;
import io.outcry.pipeline.OutcryJob;
import io.outcry.post.Author;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import io.outcry.post.PostText;
import io.outcry.window.PostWindows;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code outcry detector-cost}: what the spike detector adds to the job's CPU cost per post, at
 * a given number of active detector keys. The same generated posts (one telco brand catalog of
 * {@code --brands}, each brand's complaints spread over four regions and four topics) run
 * through the whole job on one core, without alert destinations (the detector left out) and
 * with one (the detector in), in turns, the first of a round swapping every round. The CPU time
 * of each run's task threads is divided by the posts; the headline share is what the detector
 * adds to the window thread it is chained to over the task threads' cost without it, the median
 * of the rounds. The whole process's CPU time, JIT compiler
 * and garbage collector included, is reported too, but it scatters from run to run by more
 * than the detector costs.
 *
 * <pre>
 * outcry detector-cost --brands 400 --minutes 30 --rounds 3
 * </pre>
 */
@Command(name = "detector-cost", mixinStandardHelpOptions = true,
        description = "Measure the CPU the spike detector adds per post, at a given number of active keys.")
public final class DetectorCostCommand implements Callable<Integer> {

    private static final String[][] CITIES = {
        {"Milano", "45.4642", "9.19"}, {"Roma", "41.9028", "12.4964"}, {"Napoli", "40.8518", "14.2681"},
        {"Torino", "45.0703", "7.6869"}, {"Palermo", "38.1157", "13.3615"}, {"Bologna", "44.4949", "11.3426"},
        {"Firenze", "43.7696", "11.2558"}, {"Bari", "41.1171", "16.8719"}, {"Venezia", "45.4408", "12.3155"},
        {"Genova", "44.4056", "8.9463"}, {"Cagliari", "39.2238", "9.1217"}, {"Trento", "46.0748", "11.1217"},
        {"Perugia", "43.1107", "12.3908"}, {"Ancona", "43.6158", "13.5189"}, {"Catanzaro", "38.9098", "16.5877"},
        {"Potenza", "40.6401", "15.8056"}, {"Campobasso", "41.5603", "14.6627"}, {"L'Aquila", "42.3498", "13.3995"},
        {"Trieste", "45.6495", "13.7768"}, {"Aosta", "45.7375", "7.3154"}};
    private static final String[] COMPLAINTS = {
        "%s senza rete a %s da stamattina, vergogna",
        "%s bolletta sbagliata di nuovo, inaccettabile",
        "l'app di %s non funziona, che schifo",
        "assistenza %s non risponde da ore, pessimo servizio"};
    private static final String[] SYLLABLES = {"zor", "kel", "brix", "vun", "quo", "dex", "tor", "fyn", "gax", "pli"};

    @Option(names = "--brands", description = "Generated telco brands (default: ${DEFAULT-VALUE}).")
    int brands = 400;

    @Option(names = "--minutes", description = "Minutes of event time (default: ${DEFAULT-VALUE}).")
    int minutes = 30;

    @Option(names = "--posts-per-cell", description = "Posts per brand, region and topic each minute (default: ${DEFAULT-VALUE}).")
    int postsPerCell = 2;

    @Option(names = "--rounds", description = "Measured rounds of both runs, after one warm-up round (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("outcry-detector-cost-");
        try {
            Path catalog = dir.resolve("brands.yaml");
            Files.writeString(catalog, catalogYaml());
            Path posts = dir.resolve("posts.ndjson");
            Input input = writePosts(posts);
            System.err.printf(Locale.ROOT, "detector-cost: %,d posts over %d minutes, %,d active detector keys a minute "
                    + "(%,d brands x 4 regions x 4 topics, with their rollups)%n", input.posts, minutes, input.keysPerMinute, brands);
            JobOptions options = JobOptions.defaults().withEnrichment(EnrichmentConfig.defaults().withBrandCatalog(catalog.toString()));
            List<Cost> without = new ArrayList<>();
            List<Cost> with = new ArrayList<>();
            List<Double> shares = new ArrayList<>();
            try (TaskThreadCpu tasks = new TaskThreadCpu()) {
                for (int round = -1; round < rounds; round++) {
                    // Each run of a JVM costs a little less than the one before (compilation, heap
                    // sizing), so the two runs swap places every round: neither always gains from going second.
                    Cost off;
                    Cost on;
                    if (round % 2 == 0) {
                        off = cost(tasks, options, posts, input.posts, false);
                        on = cost(tasks, options, posts, input.posts, true);
                    } else {
                        on = cost(tasks, options, posts, input.posts, true);
                        off = cost(tasks, options, posts, input.posts, false);
                    }
                    double share = 100 * on.addedBy(off) / off.tasks;
                    System.err.printf(Locale.ROOT, "detector-cost: %s: µs of CPU per post without / with the detector: "
                                    + "task threads %.2f / %.2f, window (and detector) thread %.2f / %.2f; "
                                    + "the detector adds %.1f %%; whole process %.2f / %.2f%n",
                            round < 0 ? "warm-up" : "round " + (round + 1), off.tasks, on.tasks, off.windows, on.windows,
                            share, off.process, on.process);
                    if (round >= 0) {
                        without.add(off);
                        with.add(on);
                        shares.add(share);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "{\"posts\":%d,\"active_keys_per_minute\":%d,\"rounds\":%d,"
                            + "\"detector_share_percent\":%.1f,\"detector_share_percent_min\":%.1f,\"detector_share_percent_max\":%.1f,"
                            + "\"task_cpu_us_per_post_without\":%.2f,\"task_cpu_us_per_post_with\":%.2f,"
                            + "\"window_thread_cpu_us_per_post_without\":%.2f,\"window_thread_cpu_us_per_post_with\":%.2f,"
                            + "\"process_cpu_us_per_post_without\":%.2f,\"process_cpu_us_per_post_with\":%.2f,\"load_average\":%.2f}%n",
                    input.posts, input.keysPerMinute, rounds, median(shares), shares.stream().mapToDouble(d -> d).min().orElseThrow(),
                    shares.stream().mapToDouble(d -> d).max().orElseThrow(),
                    median(without, Cost::tasks), median(with, Cost::tasks),
                    median(without, Cost::windows), median(with, Cost::windows),
                    median(without, Cost::process), median(with, Cost::process),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return 0;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * µs of CPU per post of one run: of all its task threads, of the thread running the window
     * operator (and the detector chained to it), and of the whole process.
     */
    private record Cost(double tasks, double windows, double process) {

        /**
         * What the detector adds over the run without it, to the one thread it runs in. Only that
         * thread counts: the source thread's cost (reading and enriching posts) is the same work in
         * both runs, yet it wanders from run to run by more than the detector costs.
         */
        double addedBy(Cost without) {
            return windows - without.windows;
        }
    }

    private Cost cost(TaskThreadCpu tasks, JobOptions options, Path posts, long count, boolean detector) throws Exception {
        CollectingSink<AlertEvent> alerts = new CollectingSink<>();
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            new OutcryJob(options, NdjsonPosts.source(posts), new DiscardingSink<>(), new DiscardingSink<>(),
                    detector ? List.of(OutcryJob.Destination.of("cost", alerts)) : List.of())
                    // the detector's cost alone: the statement tracker would come with its alerts
                    .withoutBrandResponse().build(env);
            TaskThreadCpu.Reading before = tasks.reading(PostWindows.OPERATOR_NAME);
            long processBefore = processCpuNanos();
            env.execute("outcry-detector-cost");
            long process = processCpuNanos() - processBefore;
            TaskThreadCpu.Reading spent = tasks.reading(PostWindows.OPERATOR_NAME).minus(before);
            if (detector && !alerts.received().isEmpty()) {
                System.err.printf("detector-cost: %d alert events on steady input%n", alerts.received().size());
            }
            return new Cost(micros(spent.allNanos(), count), micros(spent.operatorNanos()[0], count), micros(process, count));
        } finally {
            alerts.forget();
        }
    }

    private static double micros(long nanos, long posts) {
        return nanos / 1000.0 / posts;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private record Input(long posts, long keysPerMinute) {}

    /** Each brand complains every minute in four cities of different regions about four topics. */
    private Input writePosts(Path file) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        long start = Instant.parse("2026-11-20T17:00:00Z").toEpochMilli();
        long posts = 0;
        long id = 1;
        Set<String> keys = new HashSet<>();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int minute = 0; minute < minutes; minute++) {
                for (int b = 0; b < brands; b++) {
                    for (int r = 0; r < 4; r++) {
                        String[] city = CITIES[(b + r * 5) % CITIES.length];
                        for (int t = 0; t < COMPLAINTS.length; t++) {
                            for (int p = 0; p < postsPerCell; p++) {
                                long at = start + minute * 60_000L + random.nextInt(60_000);
                                String text = String.format(Locale.ROOT, COMPLAINTS[t], brandName(b), city[0]);
                                Author author = new Author(Long.toString(random.nextLong(1, 5_000_000)), "user" + id,
                                        random.nextInt(2_000), false, null);
                                String postId = Long.toString(id++);
                                // a tweet that replies to nothing starts its own conversation, as on X
                                Post post = new Post(postId, "twitter", at, author, text, "it",
                                        new GeoPoint(Double.parseDouble(city[1]), Double.parseDouble(city[2])), null,
                                        null, null, null, PostText.mentions(text), PostText.hashtags(text), null, postId);
                                out.write(CanonicalPostJson.write(post));
                                out.write('\n');
                                posts++;
                            }
                            if (minute == 0) {
                                keys.add(b + "|" + city[0] + "|" + t);
                                keys.add(b + "|*|" + t);
                            }
                        }
                        if (minute == 0) {
                            keys.add(b + "|" + city[0] + "|*");
                        }
                    }
                    if (minute == 0) {
                        keys.add(b + "|*|*");
                    }
                }
            }
        }
        return new Input(posts, keys.size());
    }

    private String catalogYaml() throws Exception {
        StringBuilder yaml = new StringBuilder();
        try (InputStream in = DetectorCostCommand.class.getClassLoader()
                .getResourceAsStream(CatalogBrandRecognizer.BUNDLED_CATALOG)) {
            String bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            yaml.append(bundled, 0, bundled.indexOf("\nbrands:") + 1).append("brands:\n");
        }
        for (int b = 0; b < brands; b++) {
            yaml.append("  - id: gen").append(b).append('\n')
                    .append("    name: ").append(brandName(b)).append('\n')
                    .append("    industry: telco\n");
        }
        return yaml.toString();
    }

    /** A made-up one-word name per brand, unlike any Italian word. */
    private static String brandName(int b) {
        return "Tel" + SYLLABLES[b % 10] + SYLLABLES[(b / 10) % 10] + SYLLABLES[(b / 100) % 10];
    }

    private static double median(List<Cost> costs, ToDoubleFunction<Cost> part) {
        return median(costs.stream().map(part::applyAsDouble).toList());
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(d -> d).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
