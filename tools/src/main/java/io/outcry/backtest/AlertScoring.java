package io.outcry.backtest;

import io.outcry.detect.AlertEvent;
import io.outcry.detect.Level;
import io.outcry.simulate.GroundTruth;
import io.outcry.zone.ZoneAlerts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Scores alerts against a simulation's ground truth.
 *
 * <p>An alert matches an incident when it is about the incident's brand, its topic is the
 * incident's or all topics, its region is the incident's or all regions (any region for a
 * nationwide incident), and its onset falls between {@link #EARLY} before the incident starts
 * and {@link #LATE} after its posts end (an outage's recovery posts included). An alert that
 * matches a real incident is a true positive; any other one is a false positive, blamed on
 * the noise event it matches if any. An incident is detected when an alert matches it; its
 * delay is from its start to the end of the first matching alert's opening window, in event time.
 */
public final class AlertScoring {

    static final Duration EARLY = Duration.ofMinutes(2);
    static final Duration LATE = Duration.ofMinutes(2);

    private AlertScoring() {}

    /** What one run's alerts were worth. */
    public record Outcome(
            List<Detection> detections, long truePositives, List<AlertEvent> falsePositives,
            Map<String, Long> falsePositivesByCause) {}

    /** One incident of the truth and, if detected, how fast. */
    public record Detection(GroundTruth.Incident incident, boolean detected, Duration delay) {}

    public static Outcome score(List<AlertEvent> events, GroundTruth truth) {
        Map<String, AlertEvent> opened = new TreeMap<>();
        for (AlertEvent event : events) {
            opened.merge(event.alertId(), event, (a, b) -> a.sequence() <= b.sequence() ? a : b);
        }
        List<GroundTruth.Incident> real = truth.incidents().stream().filter(i -> !i.noise()).toList();
        List<GroundTruth.Incident> noise = truth.incidents().stream().filter(GroundTruth.Incident::noise).toList();

        List<Detection> detections = new ArrayList<>();
        for (GroundTruth.Incident incident : real) {
            long first = opened.values().stream().filter(a -> matches(a, incident))
                    .mapToLong(AlertEvent::detectedAt).min().orElse(Long.MAX_VALUE);
            boolean detected = first != Long.MAX_VALUE;
            detections.add(new Detection(incident, detected,
                    detected ? Duration.ofMillis(first - Instant.parse(incident.start()).toEpochMilli()) : null));
        }
        long truePositives = 0;
        List<AlertEvent> falsePositives = new ArrayList<>();
        Map<String, Long> causes = new TreeMap<>();
        for (AlertEvent alert : opened.values()) {
            if (real.stream().anyMatch(i -> matches(alert, i))) {
                truePositives++;
                continue;
            }
            falsePositives.add(alert);
            String cause = noise.stream().filter(i -> matches(alert, i)).map(GroundTruth.Incident::type).findFirst()
                    .or(() -> real.stream().filter(i -> matchesAnyTopic(alert, i)).map(i -> "other topic during " + i.type()).findFirst())
                    .orElse("unexplained");
            causes.merge(cause, 1L, Long::sum);
        }
        return new Outcome(detections, truePositives, falsePositives, causes);
    }

    static boolean matches(AlertEvent alert, GroundTruth.Incident incident) {
        return (alert.topic().equals(Level.ALL) || alert.topic().equals(incident.topic())) && matchesAnyTopic(alert, incident);
    }

    /** Its brand, region and time, whatever the topic: a false alert so is blamed on the real incident that moved a neighbouring topic. */
    private static boolean matchesAnyTopic(AlertEvent alert, GroundTruth.Incident incident) {
        if (!alert.brand().equals(incident.brand())) {
            return false;
        }
        if (ZoneAlerts.LEVEL.equals(alert.level())) {
            // a zone's alert names the regions of its towns, not one region code
            if (incident.regionName() == null || !alert.explanation().regions().containsKey(incident.regionName())) {
                return false;
            }
        } else if (!alert.regionCode().equals(Level.ALL) && incident.regionCode() != null
                && !alert.regionCode().equals(incident.regionCode())) {
            return false;
        }
        long start = Instant.parse(incident.start()).toEpochMilli();
        String lastPosts = incident.recoveryPostsUntil() != null ? incident.recoveryPostsUntil() : incident.end();
        long end = Instant.parse(lastPosts).toEpochMilli();
        return alert.onset() >= start - EARLY.toMillis() && alert.onset() < end + LATE.toMillis();
    }

    /**
     * One detected incident as a line: what it was (kind, brand, topic, region, its posts a
     * minute), its delay, and when each detector first had an alert matching it (the spike
     * detector's with its level and scale, the zones'), or that it had none.
     */
    public static String describe(Detection detection, List<AlertEvent> events) {
        GroundTruth.Incident i = detection.incident();
        long start = Instant.parse(i.start()).toEpochMilli();
        double minutes = Math.max(1, (Instant.parse(i.end()).toEpochMilli() - start) / 60_000.0);
        Map<String, AlertEvent> opened = new TreeMap<>();
        for (AlertEvent event : events) {
            if (matches(event, i)) {
                opened.merge(event.alertId(), event, (a, b) -> a.sequence() <= b.sequence() ? a : b);
            }
        }
        String spike = opened.values().stream().filter(a -> !ZoneAlerts.LEVEL.equals(a.level()))
                .min(Comparator.comparingLong(AlertEvent::detectedAt))
                .map(a -> String.format(Locale.ROOT, "%+.0f min (%s %s/%s, %d-min scale)",
                        (a.detectedAt() - start) / 60_000.0, a.level(), a.regionCode(), a.topic(), a.scaleMinutes()))
                .orElse("none");
        String zone = opened.values().stream().filter(a -> ZoneAlerts.LEVEL.equals(a.level()))
                .min(Comparator.comparingLong(AlertEvent::detectedAt))
                .map(a -> String.format(Locale.ROOT, "%+.0f min (%s %s, onset %+.0f min)",
                        (a.detectedAt() - start) / 60_000.0, a.regionCode(), a.regionName(), (a.onset() - start) / 60_000.0))
                .orElse("none");
        return String.format(Locale.ROOT, "%s %s/%s/%s %s..%s, %d posts (%.1f a minute): found after %.0f min; spike %s; zone %s",
                i.type(), i.brand(), i.topic(), i.regionCode() == null ? "*" : i.regionCode(), i.start(), i.end(),
                i.posts(), i.posts() / minutes, detection.delay().toMillis() / 60_000.0, spike, zone);
    }

    /** Precision, recall and delays per incident type over several runs, as printable lines. */
    public static List<String> report(List<Outcome> outcomes) {
        Map<String, List<Detection>> byType = new LinkedHashMap<>();
        long truePositives = 0;
        long falsePositives = 0;
        Map<String, Long> causes = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            outcome.detections().forEach(d -> byType.computeIfAbsent(d.incident().type(), t -> new ArrayList<>()).add(d));
            truePositives += outcome.truePositives();
            falsePositives += outcome.falsePositives().size();
            outcome.falsePositivesByCause().forEach((cause, n) -> causes.merge(cause, n, Long::sum));
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-16s %9s %9s %8s %14s %14s %14s",
                "incident type", "incidents", "detected", "recall", "median delay", "p90 delay", "max delay"));
        List<Detection> all = new ArrayList<>();
        new TreeMap<>(byType).forEach((type, detections) -> {
            lines.add(row(type, detections));
            all.addAll(detections);
        });
        lines.add(row("all", all));
        long alerts = truePositives + falsePositives;
        lines.add(String.format(Locale.ROOT, "alerts %d, true %d, false %d, precision %s",
                alerts, truePositives, falsePositives, alerts == 0 ? "n/a (no alert)" : String.format(Locale.ROOT, "%.3f", (double) truePositives / alerts)));
        if (!causes.isEmpty()) {
            lines.add("false alerts by cause: " + causes);
        }
        return lines;
    }

    /** What a set of runs measured, for one column of {@link #sideBySide}. */
    public record Summary(int runs, int incidents, int detected, Map<String, int[]> byType, List<Duration> delays,
                          long truePositives, long falsePositives) {

        static Summary of(List<Outcome> outcomes) {
            Map<String, int[]> byType = new TreeMap<>();
            List<Duration> delays = new ArrayList<>();
            int incidents = 0;
            long truePositives = 0;
            long falsePositives = 0;
            for (Outcome outcome : outcomes) {
                for (Detection d : outcome.detections()) {
                    int[] counts = byType.computeIfAbsent(d.incident().type(), t -> new int[2]);
                    counts[0]++;
                    incidents++;
                    if (d.detected()) {
                        counts[1]++;
                        delays.add(d.delay());
                    }
                }
                truePositives += outcome.truePositives();
                falsePositives += outcome.falsePositives().size();
            }
            delays.sort(Comparator.naturalOrder());
            return new Summary(outcomes.size(), incidents, delays.size(), byType, List.copyOf(delays), truePositives,
                    falsePositives);
        }
    }

    /**
     * One column per regime: recall (overall and per incident type), precision and delays on the
     * runs with real incidents, and the false alerts on the runs of noise alone.
     *
     * @param mixed by regime, the outcomes of its runs with real incidents (absent when not run)
     * @param noise by regime, the outcomes of its noise-only runs (absent when not run)
     */
    public static List<String> sideBySide(Map<String, List<Outcome>> mixed, Map<String, List<Outcome>> noise) {
        List<String> regimes = new ArrayList<>(mixed.keySet());
        noise.keySet().stream().filter(r -> !regimes.contains(r)).forEach(regimes::add);
        Map<String, Summary> m = new LinkedHashMap<>();
        Map<String, Summary> n = new LinkedHashMap<>();
        mixed.forEach((regime, outcomes) -> m.put(regime, Summary.of(outcomes)));
        noise.forEach((regime, outcomes) -> n.put(regime, Summary.of(outcomes)));
        List<String> lines = new ArrayList<>();
        lines.add(line("", regimes));
        if (!m.isEmpty()) {
            lines.add(line("runs with incidents", cells(regimes, m, s -> Integer.toString(s.runs()))));
            lines.add(line("incidents", cells(regimes, m, s -> Integer.toString(s.incidents()))));
            lines.add(line("recall", cells(regimes, m, s -> ratio(s.detected(), s.incidents()))));
            TreeMap<String, Boolean> types = new TreeMap<>();
            m.values().forEach(s -> s.byType().keySet().forEach(t -> types.put(t, true)));
            for (String type : types.keySet()) {
                lines.add(line("  " + type, cells(regimes, m, s -> {
                    int[] c = s.byType().get(type);
                    return c == null ? "-" : c[1] + "/" + c[0];
                })));
            }
            lines.add(line("alert precision", cells(regimes, m, s ->
                    ratio(s.truePositives(), s.truePositives() + s.falsePositives())
                            + " (" + s.falsePositives() + " false)")));
            lines.add(line("delay median", cells(regimes, m, s -> percentile(s.delays(), 0.5))));
            lines.add(line("delay p90", cells(regimes, m, s -> percentile(s.delays(), 0.9))));
            lines.add(line("delay max", cells(regimes, m, s -> percentile(s.delays(), 1.0))));
        }
        if (!n.isEmpty()) {
            lines.add(line("noise-only runs", cells(regimes, n, s -> Integer.toString(s.runs()))));
            lines.add(line("false alerts on noise", cells(regimes, n, s -> Long.toString(s.falsePositives()))));
        }
        return lines;
    }

    private static List<String> cells(List<String> regimes, Map<String, Summary> summaries,
                                      Function<Summary, String> cell) {
        return regimes.stream().map(r -> summaries.containsKey(r) ? cell.apply(summaries.get(r)) : "-").toList();
    }

    private static String line(String label, List<String> cells) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-24s", label));
        cells.forEach(c -> line.append(String.format(Locale.ROOT, " %20s", c)));
        return line.toString();
    }

    private static String ratio(long part, long whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", (double) part / whole);
    }

    private static String row(String type, List<Detection> detections) {
        List<Duration> delays = detections.stream().filter(Detection::detected).map(Detection::delay)
                .sorted(Comparator.naturalOrder()).toList();
        return String.format(Locale.ROOT, "%-16s %9d %9d %8s %14s %14s %14s", type, detections.size(), delays.size(),
                detections.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.3f", (double) delays.size() / detections.size()),
                percentile(delays, 0.5), percentile(delays, 0.9), percentile(delays, 1.0));
    }

    private static String percentile(List<Duration> sorted, double p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        Duration d = sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
        return String.format(Locale.ROOT, "%.1f min", d.toMillis() / 60_000.0);
    }
}
