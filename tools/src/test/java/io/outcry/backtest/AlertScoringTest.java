package io.outcry.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import io.outcry.simulate.GroundTruth;
import io.outcry.zone.ZoneAlerts;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertScoringTest {

    private static GroundTruth.Incident incident(String type) {
        return new GroundTruth.Incident(type, false, "tim", "outage", null, null, null, "2026-11-20T06:00:00Z",
                "2026-11-20T07:00:00Z", null, 100, 0, 0, 100, List.of());
    }

    private static AlertScoring.Detection detected(String type, int minutes) {
        return new AlertScoring.Detection(incident(type), true, Duration.ofMinutes(minutes));
    }

    private static AlertScoring.Detection missed(String type) {
        return new AlertScoring.Detection(incident(type), false, null);
    }

    private static AlertScoring.Outcome outcome(long truePositives, AlertScoring.Detection... detections) {
        return new AlertScoring.Outcome(List.of(detections), truePositives, List.of(), Map.of());
    }

    /** A zone's alert as {@link ZoneAlerts} makes it: its region is its cell, its towns' regions are by name. */
    private static AlertEvent zoneAlert(String brand, String regionName, String onset) {
        long at = Instant.parse(onset).toEpochMilli();
        Explanation explanation = new Explanation(List.of(), List.of(), List.of(), List.of(), 40, 0, 0, 0, 1, 0,
                Map.of(regionName, 1L), Map.of("outage", 40L), Map.of(), Map.of());
        return new AlertEvent("zone|" + brand + "|sr2y|" + at, "open", 1, AlertEvent.OPEN, ZoneAlerts.LEVEL, brand,
                "zone:sr2y", "Rome (" + regionName + ")", "outage", at, at + 120_000, at + 120_000, at + 120_000,
                5, 5, 0, 30, 0, 0, 30, 2, 0, explanation);
    }

    @Test
    void aZoneAlertDetectsTheOutageOfItsBrandInARegionOfItsTowns() {
        GroundTruth.Incident outage = new GroundTruth.Incident("outage", false, "tim", "outage", "IT.07", "Lazio", null,
                "2026-11-20T06:00:00Z", "2026-11-20T07:00:00Z", null, 100, 0, 0, 100, List.of());

        assertThat(AlertScoring.matches(zoneAlert("tim", "Lazio", "2026-11-20T06:01:00Z"), outage)).isTrue();
        assertThat(AlertScoring.matches(zoneAlert("tim", "Campania", "2026-11-20T06:01:00Z"), outage)).isFalse();
        assertThat(AlertScoring.matches(zoneAlert("iliad", "Lazio", "2026-11-20T06:01:00Z"), outage)).isFalse();
        assertThat(AlertScoring.matches(zoneAlert("tim", "Lazio", "2026-11-20T09:00:00Z"), outage)).isFalse();
    }

    @Test
    void aSlowIncidentIsDescribedWithWhatEachDetectorDid() {
        GroundTruth.Incident outage = new GroundTruth.Incident("outage", false, "tim", "outage", "IT.07", "Lazio", null,
                "2026-11-20T06:00:00Z", "2026-11-20T07:00:00Z", null, 120, 0, 0, 100, List.of());
        AlertEvent zone = zoneAlert("tim", "Lazio", "2026-11-20T06:01:00Z");

        String line = AlertScoring.describe(new AlertScoring.Detection(outage, true, Duration.ofMinutes(3)), List.of(zone));

        assertThat(line).isEqualTo("outage tim/outage/IT.07 2026-11-20T06:00:00Z..2026-11-20T07:00:00Z, 120 posts "
                + "(2.0 a minute): found after 3 min; spike none; zone +3 min (zone:sr2y Rome (Lazio), onset +1 min)");
    }

    @Test
    void sideBySidePutsEachRegimeInItsOwnColumnWithRecallDelaysAndNoiseAlerts() {
        Map<String, List<AlertScoring.Outcome>> mixed = new LinkedHashMap<>();
        mixed.put("current", List.of(outcome(3, detected("outage", 1), detected("complaint_spike", 2)),
                outcome(1, detected("outage", 4))));
        mixed.put("realistic", List.of(outcome(1, detected("outage", 3), missed("complaint_spike")),
                outcome(0, missed("outage"), missed("outage"))));
        Map<String, List<AlertScoring.Outcome>> noise = new LinkedHashMap<>();
        noise.put("current", List.of(outcome(0), outcome(0)));

        List<String> lines = AlertScoring.sideBySide(mixed, noise);

        assertThat(lines.get(0)).containsSubsequence("current", "realistic");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("recall").containsSubsequence("1.000", "0.250"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  outage").containsSubsequence("2/2", "1/3"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  complaint_spike").containsSubsequence("1/1", "0/1"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("delay median").containsSubsequence("2.0 min", "3.0 min"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("delay max").containsSubsequence("4.0 min", "3.0 min"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("false alerts on noise").containsSubsequence("0", "-"));
    }
}
