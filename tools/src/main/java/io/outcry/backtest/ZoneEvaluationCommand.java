package io.outcry.backtest;

import io.outcry.time.DurationConverter;
import io.outcry.locate.Geo;
import io.outcry.pipeline.CollectingSink;
import io.outcry.pipeline.JobOptions;
import io.outcry.pipeline.OutcryJob;
import io.outcry.post.GeoPoint;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.GroundTruth;
import io.outcry.simulate.IncidentPlan;
import io.outcry.simulate.NdjsonFileSink;
import io.outcry.simulate.OutageScenario;
import io.outcry.simulate.OutageScenario.AffectedCity;
import io.outcry.simulate.OutageScenario.Outage;
import io.outcry.simulate.Profile;
import io.outcry.simulate.Scenarios;
import io.outcry.simulate.SimulationConfig;
import io.outcry.zone.Zone;
import io.outcry.zone.ZoneEvent;
import io.outcry.zone.ZoneSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Replays outages through the whole job and scores the outage zones against their ground
 * truth, in the current regime (the {@code outages} scenario: three or four outages at once,
 * half the posts stripped of coordinates and place) and in the realistic one (the outages of
 * the realistic {@code mixed} scenario, located as on real platforms: {@link Profile}), per outage: found or not, centre error (km from the zone's
 * centre to the nearest affected city), onset delay (outage onset to the end of the window
 * that opened the zone), onset error (the zone's stated onset against the outage's),
 * recovery-time error, whether a recovery-retweet storm closed it
 * early; then the false zones (no outage of their brand nearby at the time), and how many of
 * them lasted more than one window.
 * <pre>
 * outcry zones-backtest --seeds 1-5                       # both regimes, side by side
 * outcry zones-backtest --profile realistic --seeds 1-10
 * </pre>
 */
@Command(name = "zones-backtest", mixinStandardHelpOptions = true,
        description = "Replays simulated outages through the job and scores the outage zones per outage: the outages "
                + "scenario in the current regime, the outages of the mixed scenario in the realistic one, side by side.")
public final class ZoneEvaluationCommand implements Callable<Integer> {

    /** A zone this far from every affected city, or outside the outage's time, is not about it. */
    static final double MATCH_KM = 40;
    static final Duration MATCH_SLACK = Duration.ofMinutes(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", description = "Seeds to simulate, e.g. 1-5 or 3,7,11 (default: ${DEFAULT-VALUE}).")
    String seeds = "1-5";

    @Option(names = "--profile", paramLabel = "current|realistic|both",
            description = "Regime of the simulated runs: current, realistic, or both, reported side by side (default: ${DEFAULT-VALUE}).")
    String profile = "both";

    @Option(names = "--span", converter = DurationConverter.class,
            description = "Simulated time per seed (default: 3h, 30h in the realistic regime).")
    Duration span;

    @Option(names = "--text-only-share", description = "Current regime: share of posts stripped of coordinates and place "
            + "(default: ${DEFAULT-VALUE}).")
    double textOnlyShare = OutageScenario.DEFAULT_TEXT_ONLY_SHARE;

    @Option(names = "--precision", description = "Geohash precision of the zone grid (default: ${DEFAULT-VALUE}).")
    int precision = ZoneSettings.defaults().precision();

    @Option(names = "--parallelism", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism = 2;

    /** The score of one outage. */
    record Scored(long seed, Outage outage, ZoneEvent zone, double centreKm, double onsetDelayMin, double onsetErrorMin,
            double recoveryErrorMin,
            boolean closedByStorm) {}

    /** What one regime's runs measured. */
    record Tally(List<Scored> scored, int falseZones, int lastingFalseZones, int stormsHeld, int storms,
                 Map<String, Integer> falseZonesByCause) {}

    /** What a simulated run holds besides its records: its outages, and every incident of its ground truth. */
    private record Simulated(List<Outage> outages, List<GroundTruth.Incident> incidents) {}

    @Override
    public Integer call() throws Exception {
        ZoneSettings settings = ZoneSettings.defaults().withPrecision(precision);
        Map<Profile, Tally> tallies = new LinkedHashMap<>();
        for (Profile regime : profiles()) {
            System.out.println(regime.id() + " regime:");
            Tally tally = evaluate(regime, settings);
            tallies.put(regime, tally);
            List<Scored> found = tally.scored().stream().filter(s -> s.zone() != null).toList();
            System.out.printf(Locale.ROOT, "outages %d, found %d; centre error median %.1f km (p90 %.1f); onset delay median %.1f min"
                            + " (max %.1f); recovery-time error median %.1f min (max %.1f); false zones %d, lasting more than one window %d;"
                            + " retweet storms that left the zone open %d/%d%n",
                    tally.scored().size(), found.size(), median(found, Scored::centreKm), quantile(found, Scored::centreKm, 0.9),
                    median(found, Scored::onsetDelayMin), quantile(found, Scored::onsetDelayMin, 1),
                    median(found, Scored::recoveryErrorMin), quantile(found, Scored::recoveryErrorMin, 1),
                    tally.falseZones(), tally.lastingFalseZones(), tally.stormsHeld(), tally.storms());
            System.out.println("false zones by what else of their brand was going on: " + tally.falseZonesByCause());
            System.out.println();
        }
        sideBySide(tallies).forEach(System.out::println);
        return 0;
    }

    private Tally evaluate(Profile regime, ZoneSettings settings) throws Exception {
        List<Scored> scored = new ArrayList<>();
        int falseZones = 0;
        int lastingFalseZones = 0;
        int stormsHeld = 0;
        int storms = 0;
        Map<String, Integer> causes = new TreeMap<>();
        for (long seed : seedList()) {
            Path file = Files.createTempFile("outcry-zones-" + seed + "-", ".ndjson");
            Simulated simulated;
            Map<String, List<ZoneEvent>> zones;
            try {
                simulated = simulate(regime, seed, file);
                zones = replay(file, settings, seed);
            } finally {
                Files.deleteIfExists(file);
            }
            List<Outage> outages = simulated.outages();
            System.out.printf(Locale.ROOT, "seed %d: %d outages, %d zones%n", seed, outages.size(), zones.size());
            List<String> matched = new ArrayList<>();
            for (Outage outage : outages) {
                Scored s = score(seed, outage, zones, matched);
                scored.add(s);
                if (outage.stormAt() != null) {
                    storms++;
                    stormsHeld += s.zone() != null && !s.closedByStorm() ? 1 : 0;
                }
                System.out.println("  " + line(s));
            }
            for (Map.Entry<String, List<ZoneEvent>> zone : zones.entrySet()) {
                if (matched.contains(zone.getKey())) {
                    continue;
                }
                ZoneEvent last = zone.getValue().get(zone.getValue().size() - 1);
                long hotMinutes = (last.lastSeen() - last.onset()) / 60_000;
                boolean lasting = zone.getValue().stream().anyMatch(e -> !Zone.SUSPECTED.equals(e.status()) && !e.event().equals("dismiss")
                        && !e.event().equals("merge"));
                falseZones++;
                lastingFalseZones += lasting ? 1 : 0;
                String cause = cause(zone.getValue().get(0), simulated.incidents());
                causes.merge(cause, 1, Integer::sum);
                System.out.printf(Locale.ROOT, "  false zone %s: %s, %d min hot, %d authors, towns %s, during %s%n", zone.getKey(),
                        lasting ? "confirmed" : "one window", hotMinutes, last.uniqueAuthors(), last.towns(), cause);
            }
        }
        return new Tally(scored, falseZones, lastingFalseZones, stormsHeld, storms, causes);
    }

    /**
     * What else of the zone's brand was going on when it opened: a noise event, or a complaint
     * spike (on the {@code outage} topic, a nationwide outage: zones in many towns are its due);
     * "nothing" when no event of the brand was.
     */
    static String cause(ZoneEvent zone, List<GroundTruth.Incident> incidents) {
        return incidents.stream().filter(i -> i.brand().equals(zone.brand()) && !i.type().equals(IncidentPlan.Type.OUTAGE.id()))
                .filter(i -> zone.onset() >= Instant.parse(i.start()).minus(MATCH_SLACK).toEpochMilli()
                        && zone.onset() < Instant.parse(i.end()).plus(MATCH_SLACK).toEpochMilli())
                .map(i -> i.type() + " on " + i.topic()).findFirst().orElse("nothing");
    }

    /** Writes the regime's run of the seed to the file. */
    private Simulated simulate(Profile regime, long seed, Path file) throws Exception {
        if (regime == Profile.CURRENT) {
            OutageScenario.Run run = OutageScenario.run(seed, Scenarios.DEFAULT_START,
                    span != null ? span : OutageScenario.DEFAULT_SPAN, textOnlyShare);
            try (NdjsonFileSink sink = new NdjsonFileSink(file)) {
                run.records().forEach(sink);
            }
            return new Simulated(run.outages(), run.truth().incidents());
        }
        SimulationConfig config = Scenarios.mixed(seed, Scenarios.DEFAULT_START,
                span != null ? span : Scenarios.defaultSpan(regime), regime);
        GroundTruth truth;
        try (NdjsonFileSink sink = new NdjsonFileSink(file)) {
            truth = new FirehoseSimulator(config).run(sink);
        }
        return new Simulated(truth.incidents().stream().filter(i -> i.type().equals(IncidentPlan.Type.OUTAGE.id()) && i.area() != null)
                .map(i -> new Outage(i.brand(), i.regionCode(), i.regionName(),
                        i.area().towns().stream().map(t -> new AffectedCity(t.name(), t.lat(), t.lon())).toList(),
                        Instant.parse(i.start()), Instant.parse(i.end()), null))
                .toList(), truth.incidents());
    }

    private Map<String, List<ZoneEvent>> replay(Path file, ZoneSettings settings, long seed) throws Exception {
        CollectingSink<ZoneEvent> zones = new CollectingSink<>();
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(parallelism);
            new OutcryJob(JobOptions.defaults(), NdjsonPosts.source(file), new DiscardingSink<>(), new DiscardingSink<>(),
                    List.of(), List.of(OutcryJob.Destination.of("evaluation", zones)), settings).build(env);
            env.execute("outcry-zones-backtest " + seed);
            // a zone's onset can move back as it grows: its events in sequence, zones by their opening onset
            Map<String, List<ZoneEvent>> events = new HashMap<>();
            zones.received().stream().sorted(Comparator.comparingInt(ZoneEvent::sequence))
                    .forEach(e -> events.computeIfAbsent(e.zoneId(), id -> new ArrayList<>()).add(e));
            Map<String, List<ZoneEvent>> byZone = new LinkedHashMap<>();
            events.values().stream().sorted(Comparator.comparingLong((List<ZoneEvent> z) -> z.get(0).onset())
                            .thenComparing(z -> z.get(0).zoneId()))
                    .forEach(z -> byZone.put(z.get(0).zoneId(), z));
            return byZone;
        } finally {
            zones.forget();
        }
    }

    /** One column per regime: outages found, centre, onset and recovery errors, false zones. */
    static List<String> sideBySide(Map<Profile, Tally> tallies) {
        List<String> lines = new ArrayList<>();
        lines.add(row("", tallies, (p, t) -> p.id()));
        lines.add(row("outages found", tallies, (p, t) -> t.scored().stream().filter(s -> s.zone() != null).count() + "/" + t.scored().size()));
        lines.add(row("centre error median", tallies, (p, t) -> km(median(found(t), Scored::centreKm))));
        lines.add(row("centre error max", tallies, (p, t) -> km(quantile(found(t), Scored::centreKm, 1))));
        lines.add(row("onset delay median", tallies, (p, t) -> min(median(found(t), Scored::onsetDelayMin))));
        lines.add(row("onset delay max", tallies, (p, t) -> min(quantile(found(t), Scored::onsetDelayMin, 1))));
        lines.add(row("onset error median", tallies, (p, t) -> min(median(found(t), Scored::onsetErrorMin))));
        lines.add(row("onset error max", tallies, (p, t) -> min(quantile(found(t), Scored::onsetErrorMin, 1))));
        lines.add(row("recovery error median", tallies, (p, t) -> min(median(found(t), Scored::recoveryErrorMin))));
        lines.add(row("recovery error max", tallies, (p, t) -> min(quantile(found(t), Scored::recoveryErrorMin, 1))));
        lines.add(row("false zones (lasting)", tallies, (p, t) -> t.falseZones() + " (" + t.lastingFalseZones() + ")"));
        TreeMap<String, Boolean> causes = new TreeMap<>();
        tallies.values().forEach(t -> t.falseZonesByCause().keySet().forEach(c -> causes.put(c, true)));
        causes.keySet().forEach(cause -> lines.add(row("  during " + cause, tallies,
                (p, t) -> Integer.toString(t.falseZonesByCause().getOrDefault(cause, 0)))));
        return lines;
    }

    private static List<Scored> found(Tally tally) {
        return tally.scored().stream().filter(s -> s.zone() != null).toList();
    }

    private static String row(String label, Map<Profile, Tally> tallies, java.util.function.BiFunction<Profile, Tally, String> cell) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-24s", label));
        tallies.forEach((p, t) -> line.append(String.format(Locale.ROOT, " %14s", cell.apply(p, t))));
        return line.toString();
    }

    private static String km(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f km", value);
    }

    private static String min(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f min", value);
    }

    private List<Profile> profiles() {
        try {
            return Profile.regimes(profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The outage's zone: of its brand, near one of its cities, open during it; the one most people reported. */
    private static Scored score(long seed, Outage outage, Map<String, List<ZoneEvent>> zones, List<String> matched) {
        long from = outage.onset().minus(MATCH_SLACK).toEpochMilli();
        long to = outage.recovery().plus(MATCH_SLACK).toEpochMilli();
        List<String> mine = new ArrayList<>();
        String best = null;
        int bestAuthors = -1;
        for (Map.Entry<String, List<ZoneEvent>> zone : zones.entrySet()) {
            ZoneEvent first = zone.getValue().get(0);
            ZoneEvent last = zone.getValue().get(zone.getValue().size() - 1);
            if (!first.brand().equals(outage.brand()) || first.eventTime() < from || first.onset() > to
                    || nearestKm(outage, last) > MATCH_KM) {
                continue;
            }
            mine.add(zone.getKey());
            boolean confirmed = zone.getValue().stream().anyMatch(e -> Zone.CONFIRMED.equals(e.status()));
            if (confirmed && last.uniqueAuthors() > bestAuthors) {
                best = zone.getKey();
                bestAuthors = last.uniqueAuthors();
            }
        }
        matched.addAll(mine);
        if (best == null) {
            return new Scored(seed, outage, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
        }
        List<ZoneEvent> events = zones.get(best);
        ZoneEvent last = events.get(events.size() - 1);
        double onsetDelay = (events.get(0).eventTime() - outage.onset().toEpochMilli()) / 60_000.0;
        double onsetError = Math.abs(last.onset() - outage.onset().toEpochMilli()) / 60_000.0;
        long recoveryAt = last.recoveryAt() >= 0 ? last.recoveryAt() : last.lastSeen();
        double recoveryError = Math.abs(recoveryAt - outage.recovery().toEpochMilli()) / 60_000.0;
        boolean closedByStorm = outage.stormAt() != null && events.stream().anyMatch(e -> e.event().equals("recovering")
                && e.eventTime() < outage.recovery().toEpochMilli());
        return new Scored(seed, outage, last, nearestKm(outage, last), onsetDelay, onsetError, recoveryError, closedByStorm);
    }

    private static double nearestKm(Outage outage, ZoneEvent zone) {
        GeoPoint centre = new GeoPoint(zone.centreLat(), zone.centreLon());
        return outage.cities().stream().mapToDouble(c -> Geo.km(centre, new GeoPoint(c.lat(), c.lon()))).min().orElse(1e9);
    }

    private static String line(Scored s) {
        Outage o = s.outage();
        String what = String.format(Locale.ROOT, "%s %s (%s) %s-%s%s", o.brand(), o.regionName(),
                String.join("/", o.cities().stream().map(AffectedCity::name).toList()), o.onset(), o.recovery(),
                o.stormAt() == null ? "" : ", retweet storm at " + o.stormAt());
        if (s.zone() == null) {
            return what + ": NOT FOUND";
        }
        return what + String.format(Locale.ROOT, ": zone %s, centre error %.1f km, onset delay %.1f min, onset error %.1f min,"
                        + " recovery-time error %.1f min, %d authors, towns %s%s", s.zone().zoneId(), s.centreKm(), s.onsetDelayMin(),
                s.onsetErrorMin(), s.recoveryErrorMin(),
                s.zone().uniqueAuthors(), s.zone().towns().stream().limit(3).toList(),
                o.stormAt() == null ? "" : s.closedByStorm() ? ", CLOSED BY THE STORM" : ", stayed open through the storm");
    }

    private static double median(List<Scored> values, java.util.function.ToDoubleFunction<Scored> f) {
        return quantile(values, f, 0.5);
    }

    private static double quantile(List<Scored> values, java.util.function.ToDoubleFunction<Scored> f, double q) {
        double[] sorted = values.stream().mapToDouble(f).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        if (q == 0.5 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    }

    private List<Long> seedList() {
        try {
            return Seeds.parse(seeds);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--seeds '" + seeds + "': use ranges and lists like 1-5 or 3,7,11");
        }
    }
}
