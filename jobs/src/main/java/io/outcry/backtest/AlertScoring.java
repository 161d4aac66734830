package io.outcry.backtest;

import io.outcry.detect.AlertEvent;
import io.outcry.detect.Level;
import io.outcry.simulate.GroundTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
            String cause = noise.stream().filter(i -> matches(alert, i)).map(GroundTruth.Incident::type)
                    .findFirst().orElse("unexplained");
            causes.merge(cause, 1L, Long::sum);
        }
        return new Outcome(detections, truePositives, falsePositives, causes);
    }

    static boolean matches(AlertEvent alert, GroundTruth.Incident incident) {
        if (!alert.brand().equals(incident.brand())) {
            return false;
        }
        if (!alert.topic().equals(Level.ALL) && !alert.topic().equals(incident.topic())) {
            return false;
        }
        if (!alert.regionCode().equals(Level.ALL) && incident.regionCode() != null
                && !alert.regionCode().equals(incident.regionCode())) {
            return false;
        }
        long start = Instant.parse(incident.start()).toEpochMilli();
        String lastPosts = incident.recoveryPostsUntil() != null ? incident.recoveryPostsUntil() : incident.end();
        long end = Instant.parse(lastPosts).toEpochMilli();
        return alert.onset() >= start - EARLY.toMillis() && alert.onset() < end + LATE.toMillis();
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
