package io.outcry.notify;

import static io.outcry.post.Citations.cited;
import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import io.outcry.window.Complainer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alert events and destinations for the routing tests. */
final class RouteFixtures {

    private RouteFixtures() {}

    static final Explanation EXPLANATION = new Explanation(List.of("rete", "napoli"), cited("123"),
            List.of(new Complainer("mario", 300, false, 3)), List.of(new Complainer("vip", 250_000, true, 1)),
            400, 100, 0.25, 900_000, 0.8, 0, Map.of("Campania", 40L), Map.of("outage", 42L),
            Map.of("it", 380L), Map.of("complaint", 300L));

    static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** An event of alert {@code name} of brand {@code brand} at {@code level}, at event time {@code time}. */
    static AlertEvent event(String brand, String level, String name, String type, int sequence, int severity, long time) {
        String id = brand + "|" + name + "|*|2026-12-01T00:00:00Z";
        String status = type.equals("resolve") ? "resolved" : "open";
        return new AlertEvent(id, type, sequence, status, level, brand, "IT.04", "Campania", "*",
                time - 60_000, time, time, time, type.equals("resolve") ? 0 : severity, Math.max(severity, 1), 70, 40, 2.1, 19.5,
                40, 1, 1, EXPLANATION);
    }

    static AlertEvent open(String brand, String name, int severity, long time) {
        return event(brand, "brand", name, "open", 0, severity, time);
    }

    static AlertEvent resolve(String brand, String name, int sequence, long time) {
        return event(brand, "brand", name, "resolve", sequence, 0, time);
    }

    static RouteDestination destination(String name, DestinationType type, int maxPerHour, QuietHours quiet) {
        return new RouteDestination(name, type, type == DestinationType.EMAIL ? null : "http://127.0.0.1:9/hook",
                type == DestinationType.PAGERDUTY ? "key" : null, "outcry", Map.of(), null, maxPerHour, quiet);
    }
}
