package io.outcry.simulate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An incident to inject into the simulated firehose, with times relative to the simulation start.
 *
 * @param type       what happens
 * @param brand      brand id, e.g. {@code windtre}
 * @param topic      topic id the incident's posts are about, e.g. {@code outage}
 * @param regionCode GeoNames admin-1 code of the affected region for an outage, null for a
 *                   nationwide complaint spike
 * @param offset     start of the incident after the simulation start
 * @param duration   how long it lasts
 * @param recovery   for an outage, how long "it works again" posts follow its end; zero otherwise
 * @param intensity  for a complaint spike, how many times the brand's usual complaint rate on the
 *                   topic it reaches; for an outage, the share of the peak firehose rate its posts add
 */
public record IncidentPlan(
        Type type, String brand, String topic, String regionCode,
        Duration offset, Duration duration, Duration recovery, double intensity) {

    public enum Type { COMPLAINT_SPIKE, OUTAGE }

    public IncidentPlan {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(topic, "topic");
        if (type == Type.OUTAGE && regionCode == null) {
            throw new IllegalArgumentException("an outage needs the GeoNames admin-1 code of its region, e.g. IT.04");
        }
        if (offset.isNegative() || duration.isNegative() || duration.isZero() || recovery.isNegative()) {
            throw new IllegalArgumentException("incident " + brand + "/" + topic
                    + " needs a non-negative offset, a positive duration and a non-negative recovery");
        }
        if (intensity <= 0) {
            throw new IllegalArgumentException("incident " + brand + "/" + topic + " needs a positive intensity");
        }
    }

    /**
     * The default incidents, placed at fixed fractions of the simulated span so that any
     * duration shows both: a Ryanair delays spike over 15-35 %, a WindTre outage in Campania
     * over 45-70 % with recovery posts until 80 %.
     */
    public static List<IncidentPlan> defaultsFor(Duration span) {
        return List.of(
                new IncidentPlan(Type.COMPLAINT_SPIKE, "ryanair", "delays", null,
                        fraction(span, 0.15), fraction(span, 0.20), Duration.ZERO, 8.0),
                new IncidentPlan(Type.OUTAGE, "windtre", "outage", "IT.04",
                        fraction(span, 0.45), fraction(span, 0.25), fraction(span, 0.10), 0.06));
    }

    private static Duration fraction(Duration span, double share) {
        return Duration.ofMillis(Math.round(span.toMillis() * share));
    }
}
