package io.outcry.backtest;

import io.outcry.time.DurationConverter;
import io.outcry.detect.AlertEvent;
import io.outcry.detect.DetectorSettings;
import io.outcry.pipeline.JobOptions;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.GroundTruth;
import io.outcry.simulate.NdjsonFileSink;
import io.outcry.simulate.Profile;
import io.outcry.simulate.Scenarios;
import io.outcry.simulate.SimulationConfig;
import io.outcry.zone.ZoneAlerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code outcry backtest}: replays posts with a known ground truth through the whole job and
 * prints precision, recall and detection delay per incident type; simulated runs are scored in
 * the current regime and the realistic one ({@link Profile}), side by side.
 *
 * <pre>
 * outcry backtest                                      # mixed and noise seeds 1-5, current and realistic
 * outcry backtest --profile realistic --scenario mixed --seeds 1-10
 * outcry backtest --scenario noise --seeds 1-5        # noise only: every alert is a false one
 * outcry backtest --posts posts.ndjson --truth truth.json   # a recorded run (outcry simulate --truth)
 * </pre>
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay posts with a ground truth through the whole job on a local MiniCluster and print "
                + "precision, recall and detection delay (event time) per incident type; simulated runs in the current "
                + "and the realistic regime side by side.")
public final class BacktestCommand implements Callable<Integer> {

    /** Incidents detected later than this are printed one by one, with what each detector did (issue 16's p90 target). */
    private static final Duration SLOW = Duration.ofMinutes(5);

    @Spec
    private CommandSpec spec;

    @Option(names = "--posts", paramLabel = "<posts.ndjson>", description = "A post file, e.g. from outcry simulate --out.")
    Path posts;

    @Option(names = "--truth", paramLabel = "<truth.json>", description = "Its ground truth, from outcry simulate --truth.")
    Path truth;

    @Option(names = "--scenario", split = ",", paramLabel = "mixed|noise",
            description = "Simulate instead: mixed (incidents and noise), noise (noise only), or both as mixed,noise "
                    + "(default: mixed,noise unless --posts is given).")
    List<String> scenarios;

    @Option(names = "--profile", paramLabel = "current|realistic|both",
            description = "Regime of the simulated runs: current, realistic (outcry simulate --help says how it differs), "
                    + "or both, reported side by side (default: ${DEFAULT-VALUE}).")
    String profile = "both";

    @Option(names = "--seeds", description = "Seeds to simulate, e.g. 1-5 or 3,7,11 (default: ${DEFAULT-VALUE}).")
    String seeds = "1-5";

    @Option(names = "--span", converter = DurationConverter.class,
            description = "Event time each simulated run covers, from 05:00 in Rome (default: 8h, 30h in the realistic regime).")
    Duration span;

    @Option(names = "--parallelism", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism = 2;

    @Option(names = "--no-zones", description = "Leave the outage zones, and so their alerts, out, as the job's "
            + "--no-zones does: the spike detector alone.")
    boolean noZones;

    @Option(names = "--open-score", description = "Surprise (-log10 chance) that opens an alert (default: ${DEFAULT-VALUE}).")
    double openScore = DetectorSettings.defaults().openScore();

    @Option(names = "--keep-score", description = "Surprise that keeps an alert open (default: ${DEFAULT-VALUE}).")
    double keepScore = DetectorSettings.defaults().keepScore();

    @Option(names = "--min-voices", description = "Fewest credible complainers that open an alert (default: ${DEFAULT-VALUE}).")
    long minVoices = DetectorSettings.defaults().minVoices();

    @Option(names = "--min-ratio", description = "Observed / expected needed to open an alert (default: ${DEFAULT-VALUE}).")
    double minRatio = DetectorSettings.defaults().minRatio();

    @Override
    public Integer call() throws Exception {
        DetectorSettings detector = DetectorSettings.defaults().withThresholds(openScore, keepScore, minVoices, minRatio);
        PostsBacktest backtest = new PostsBacktest(JobOptions.defaults().withDetector(detector), parallelism, !noZones);
        if (posts != null || truth != null) {
            if (posts == null || truth == null || scenarios != null) {
                throw new ParameterException(spec.commandLine(),
                        "give --posts and --truth together for a recorded run, or --scenario mixed,noise to simulate runs");
            }
            List<AlertScoring.Outcome> outcomes = List.of(run(backtest, posts, GroundTruth.read(truth), posts.toString()));
            System.out.println();
            AlertScoring.report(outcomes).forEach(System.out::println);
            return 0;
        }
        List<String> kinds = scenarios == null ? List.of("mixed", "noise") : scenarios;
        kinds.stream().filter(k -> !k.equals("mixed") && !k.equals("noise")).findFirst().ifPresent(k -> {
            throw new ParameterException(spec.commandLine(), "unknown scenario '" + k + "': use mixed, noise or mixed,noise");
        });
        List<Long> seedList = seedList();
        Map<String, List<AlertScoring.Outcome>> mixed = new LinkedHashMap<>();
        Map<String, List<AlertScoring.Outcome>> noise = new LinkedHashMap<>();
        List<String> reports = new ArrayList<>();
        for (Profile regime : profiles()) {
            Duration runSpan = span != null ? span : Scenarios.defaultSpan(regime);
            for (String kind : kinds) {
                List<AlertScoring.Outcome> outcomes = new ArrayList<>();
                for (long seed : seedList) {
                    SimulationConfig config = kind.equals("mixed")
                            ? Scenarios.mixed(seed, Scenarios.DEFAULT_START, runSpan, regime)
                            : Scenarios.noiseOnly(seed, Scenarios.DEFAULT_START, runSpan, regime);
                    outcomes.add(simulated(backtest, config, regime.id() + " " + kind + " seed " + seed));
                }
                (kind.equals("mixed") ? mixed : noise).put(regime.id(), outcomes);
                reports.add("");
                reports.add(regime.id() + " regime, " + kind + " seeds " + seeds + ", " + runSpan.toHours() + " h each:");
                reports.addAll(AlertScoring.report(outcomes));
            }
        }
        reports.forEach(System.out::println);
        System.out.println();
        AlertScoring.sideBySide(mixed, noise).forEach(System.out::println);
        return 0;
    }

    private List<Profile> profiles() {
        try {
            return Profile.regimes(profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static AlertScoring.Outcome simulated(PostsBacktest backtest, SimulationConfig config, String name) throws Exception {
        Path file = Files.createTempFile("outcry-backtest-", ".ndjson");
        try {
            GroundTruth simulated;
            try (NdjsonFileSink sink = new NdjsonFileSink(file)) {
                simulated = new FirehoseSimulator(config).run(sink);
            }
            return run(backtest, file, simulated, name);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static AlertScoring.Outcome run(PostsBacktest backtest, Path file, GroundTruth truth, String name)
            throws Exception {
        long started = System.nanoTime();
        List<AlertEvent> events = backtest.run(file);
        AlertScoring.Outcome outcome = AlertScoring.score(events, truth);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("backtest: %s: %,d records in %.1f s (%,.0f/s), %d alerts (%d true), %d of %d incidents detected%n",
                name, truth.totals().records(), seconds, truth.totals().records() / seconds,
                outcome.truePositives() + outcome.falsePositives().size(), outcome.truePositives(),
                outcome.detections().stream().filter(AlertScoring.Detection::detected).count(), outcome.detections().size());
        for (AlertScoring.Detection missed : outcome.detections()) {
            if (!missed.detected()) {
                GroundTruth.Incident i = missed.incident();
                System.err.printf("backtest:   missed %s %s/%s/%s %s..%s (%d posts)%n", i.type(), i.brand(), i.topic(),
                        i.regionCode() == null ? "*" : i.regionCode(), i.start(), i.end(), i.posts());
            }
        }
        for (AlertScoring.Detection late : outcome.detections()) {
            if (late.detected() && late.delay().compareTo(SLOW) > 0) {
                System.err.println("backtest:   slow " + AlertScoring.describe(late, events));
            }
        }
        if (truth.care() != null && truth.care().statements() != null) {
            System.err.println("backtest:   " + StatementScoring.summary(name, StatementScoring.compare(events, truth)));
        }
        for (AlertEvent alert : outcome.falsePositives()) {
            // a zone's alert has no count and no score of its own: its regions and onset say what it claimed
            String what = ZoneAlerts.LEVEL.equals(alert.level())
                    ? "regions " + alert.explanation().regions().keySet() + ", onset " + Instant.ofEpochMilli(alert.onset())
                    : String.format(Locale.ROOT, "observed %.0f, expected %.1f, score %.1f", alert.observed(), alert.expected(), alert.score());
            System.err.printf("backtest:   false alert %s (%s, detected %s)%n", alert.alertId(), what,
                    Instant.ofEpochMilli(alert.detectedAt()));
        }
        return outcome;
    }

    private List<Long> seedList() {
        try {
            return Seeds.parse(seeds);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--seeds '" + seeds + "': use ranges and lists like 1-5 or 3,7,11");
        }
    }
}
