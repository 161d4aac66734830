package io.outcry.simulate;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An incident to inject into the simulated firehose, with times relative to the simulation start.
 * Real incidents (a complaint spike, an outage) are what a detector must alert on; noise events
 * (a retweet storm, a bot burst, one furious account) look loud but must not open an alert.
 *
 * @param type              what happens
 * @param brand             brand id, e.g. {@code windtre}
 * @param topic             topic id the incident's posts are about, e.g. {@code outage}
 * @param regionCode        GeoNames admin-1 code of the affected region for an outage, null otherwise
 * @param offset            start of the incident after the simulation start
 * @param duration          how long it lasts
 * @param recovery          for an outage, how long "it works again" posts follow its end; zero otherwise
 * @param intensity         how big it is, by type: for a complaint spike, how many times the brand's usual
 *                          complaint rate on the topic it reaches (in the {@link Profile#REALISTIC} regime:
 *                          how many times the brand's usual complaint rate, all topics, it adds); for an
 *                          outage, the share of the peak firehose rate its posts add (realistic: complaints
 *                          a minute); for a retweet storm, how many retweets; for a bot burst, how many bots;
 *                          for a furious account, how many posts
 * @param minExtraPerMinute for a real incident, the fewest posts per minute it adds whatever the hour and
 *                          the brand's size, each from a different author, so that it is detectable by
 *                          design; ignored by noise events
 * @param towns             for an outage, the towns it hits (their residents and visitors complain); empty
 *                          for the whole region, or for any other event
 */
public record IncidentPlan(
        Type type, String brand, String topic, String regionCode,
        Duration offset, Duration duration, Duration recovery, double intensity, int minExtraPerMinute,
        List<String> towns) {

    /** Enough distinct complaining authors per minute to stand out of a night-time baseline of a few. */
    public static final int DEFAULT_MIN_EXTRA_PER_MINUTE = 6;

    public enum Type {
        COMPLAINT_SPIKE(false), OUTAGE(false), RETWEET_STORM(true), BOT_BURST(true), FURIOUS_ACCOUNT(true);

        private final boolean noise;

        Type(boolean noise) {
            this.noise = noise;
        }

        /** Whether a good detector must stay silent about it. */
        public boolean noise() {
            return noise;
        }

        /** The name the ground truth uses, e.g. {@code retweet_storm}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

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
        if (type.noise() && intensity < 1) {
            throw new IllegalArgumentException("noise event " + type.id() + " on " + brand
                    + " counts retweets, bots or posts in its intensity; give at least 1, got " + intensity);
        }
        towns = List.copyOf(towns);
        if (!towns.isEmpty() && type != Type.OUTAGE) {
            throw new IllegalArgumentException("only an outage hits towns; " + type.id() + " on " + brand + " names " + towns);
        }
        if (minExtraPerMinute < 0) {
            throw new IllegalArgumentException("incident " + brand + "/" + topic
                    + " needs a non-negative minimum of extra posts per minute, got " + minExtraPerMinute);
        }
    }

    /** An incident with the default floor of {@value #DEFAULT_MIN_EXTRA_PER_MINUTE} extra posts per minute. */
    public IncidentPlan(Type type, String brand, String topic, String regionCode,
                        Duration offset, Duration duration, Duration recovery, double intensity) {
        this(type, brand, topic, regionCode, offset, duration, recovery, intensity, DEFAULT_MIN_EXTRA_PER_MINUTE, List.of());
    }

    public IncidentPlan(Type type, String brand, String topic, String regionCode,
                        Duration offset, Duration duration, Duration recovery, double intensity, int minExtraPerMinute) {
        this(type, brand, topic, regionCode, offset, duration, recovery, intensity, minExtraPerMinute, List.of());
    }

    public Duration end() {
        return offset.plus(duration);
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

    /**
     * The default incidents of the regime: in the {@link Profile#REALISTIC} one, the same two at the
     * same times, sized to the brand: a spike adding 3x Ryanair's usual complaints, an outage of 5
     * complaints a minute from Napoli and three neighbouring towns.
     */
    public static List<IncidentPlan> defaultsFor(Duration span, Profile profile) {
        if (profile == Profile.CURRENT) {
            return defaultsFor(span);
        }
        return List.of(
                new IncidentPlan(Type.COMPLAINT_SPIKE, "ryanair", "delays", null,
                        fraction(span, 0.15), fraction(span, 0.20), Duration.ZERO, 3.0, 1, List.of()),
                new IncidentPlan(Type.OUTAGE, "windtre", "outage", "IT.04",
                        fraction(span, 0.45), fraction(span, 0.25), fraction(span, 0.10), 5.0, 1,
                        List.of("Napoli", "Casoria", "Afragola", "Portici")));
    }

    private static Duration fraction(Duration span, double share) {
        return Duration.ofMillis(Math.round(span.toMillis() * share));
    }
}
