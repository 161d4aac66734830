package io.outcry.zone;

import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Outage zones as alerts, so they reach the alert destinations (index, history, topic,
 * webhook) the complaint spikes use. A zone becomes an alert when it is confirmed (a zone
 * that is only suspected and then dismissed never pages anyone): confirm and split-while-
 * confirmed open it, relapse reopens it, resolve and merge resolve it, the rest update it.
 * Ids and sequence numbers come from the zone's, so replays never double an alert.
 */
public class ZoneAlerts implements FlatMapFunction<ZoneEvent, AlertEvent> {

    private static final long serialVersionUID = 1L;
    public static final String LEVEL = "zone";

    @Override
    public void flatMap(ZoneEvent zone, Collector<AlertEvent> out) {
        String event = switch (zone.event()) {
            case "confirm" -> "open";
            case "split" -> Zone.CONFIRMED.equals(zone.status()) ? "open" : null;
            case "relapse" -> "reopen";
            case "resolve", "merge" -> Zone.SUSPECTED.equals(zone.status()) ? null : "resolve";
            case "update", "recovering" -> Zone.SUSPECTED.equals(zone.status()) ? null : "update";
            default -> null;
        };
        if (event == null) {
            return;
        }
        out.collect(alert(zone, event));
    }

    static AlertEvent alert(ZoneEvent zone, String event) {
        String cell = zone.cells().isEmpty() ? "" : zone.zoneId().split("\\|")[1];
        String where = String.join(", ", zone.towns().stream().limit(3).toList());
        if (!zone.regions().isEmpty()) {
            where = where.isEmpty() ? zone.regions().get(0) : where + " (" + zone.regions().get(0) + ")";
        }
        boolean resolved = !zone.isOpen() || "resolve".equals(event);
        int severity = Math.max(1, Math.min(10, (int) Math.round(Math.log(Math.max(1, zone.voices())) / Math.log(2))));
        int peak = Math.max(1, Math.min(10, (int) Math.round(Math.log(Math.max(1, zone.peakVoices())) / Math.log(2))));
        Map<String, Long> regions = new TreeMap<>();
        zone.regions().forEach(r -> regions.put(r, 1L));
        Explanation explanation = new Explanation(List.of(), zone.examples(), List.of(), List.of(), zone.posts(),
                zone.restoredRetweets(), 0, 0, 1, 0, regions, Map.of(ZonePosts.OUTAGE_TOPIC, zone.posts()), Map.of(),
                Map.of("restored", (long) zone.restoredAuthors()));
        long lastAnomalous = zone.lastSeen();
        return new AlertEvent(
                "zone|" + zone.zoneId(), event, zone.sequence(), resolved ? AlertEvent.RESOLVED : AlertEvent.OPEN, LEVEL,
                zone.brand(), "zone:" + cell, where.isEmpty() ? cell : where, ZonePosts.OUTAGE_TOPIC,
                zone.onset(), detectedAt(zone), zone.eventTime(), lastAnomalous,
                resolved ? 0 : severity, peak, 0, zone.voices(), 0, 0, zone.peakVoices(),
                (int) ((zone.lastSeen() - zone.onset()) / 60_000), 0, explanation);
    }

    /**
     * When the alert opened, as spike alerts say it: the zone's confirmation. A zone confirmed
     * in state saved before this field existed has none, and falls back to its event's time.
     */
    private static long detectedAt(ZoneEvent zone) {
        return zone.confirmedAt() >= 0 ? zone.confirmedAt() : zone.eventTime();
    }
}
