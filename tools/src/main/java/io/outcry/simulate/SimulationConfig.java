package io.outcry.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything that shapes a simulated firehose. The same config always yields the same bytes.
 *
 * @param seed            seed of every random choice
 * @param start           event time of the simulation start; fixed by default so runs repeat
 * @param duration        span of event time to simulate
 * @param peakRate        organic posts per minute at the evening peak; the day/night rhythm scales it
 * @param speed           replay speed: 1 = real time, 60 = one simulated hour per minute, 0 = as fast as possible
 * @param malformedShare  share of records replaced by bytes the parser rejects
 * @param lateShare       share of posts emitted {@link #lateMin} to {@link #lateMax} after their event time
 * @param maxDisorder     largest delay of an ordinary post's emission after its event time
 * @param lateMin         smallest delay of a late post
 * @param lateMax         largest delay of a late post; keep it under the job's allowed lateness (5 min)
 * @param incidents       incidents to inject; empty for a quiet firehose
 * @param care            whether brands' customer care is simulated (questions, delayed canned and personal
 *                        replies, follow-ups, and their ground truth); when off, brands answer 12 % of
 *                        complaints with one of four fixed texts, as before care was simulated
 * @param profile         the regime: {@link Profile#CURRENT}, or {@link Profile#REALISTIC}, where each brand
 *                        has its own rate ({@link #brandPeakRates()}) and {@code peakRate} is not used
 * @param hotBrandShare   0 for the brands' own shares; otherwise the share of the branded organic posts and
 *                        care questions that name {@link #HOT_BRAND}, the other brands sharing the rest in
 *                        their usual proportions: a firehose dominated by one key
 */
public record SimulationConfig(
        long seed, Instant start, Duration duration, double peakRate, double speed,
        double malformedShare, double lateShare, Duration maxDisorder, Duration lateMin, Duration lateMax,
        List<IncidentPlan> incidents, boolean care, Profile profile, double hotBrandShare) {

    public static final long DEFAULT_SEED = 42;
    /** 18:00 in Rome: a default run covers the evening peak, and lies in the past for the job's parser. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-20T17:00:00Z");
    public static final Duration DEFAULT_DURATION = Duration.ofHours(2);
    public static final double DEFAULT_PEAK_RATE = 300;
    public static final double DEFAULT_SPEED = 0;
    public static final double DEFAULT_MALFORMED_SHARE = 0.01;
    public static final double DEFAULT_LATE_SHARE = 0.02;
    public static final Duration DEFAULT_MAX_DISORDER = Duration.ofSeconds(20);
    public static final Duration DEFAULT_LATE_MIN = Duration.ofSeconds(60);
    public static final Duration DEFAULT_LATE_MAX = Duration.ofSeconds(180);
    /** The brand a {@link #hotBrandShare} concentrates the traffic on: the largest telco, whose outage is the busiest case. */
    public static final String HOT_BRAND = "tim";

    public SimulationConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(profile, "profile");
        incidents = List.copyOf(incidents);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        if (!(peakRate > 0)) {
            throw new IllegalArgumentException("peak rate must be positive posts per minute, got " + peakRate);
        }
        if (!(speed >= 0)) {
            throw new IllegalArgumentException("speed must be 0 (as fast as possible) or positive, got " + speed);
        }
        if (!(malformedShare >= 0 && lateShare >= 0 && malformedShare + lateShare < 1)) {
            throw new IllegalArgumentException("malformed share " + malformedShare + " and late share " + lateShare
                    + " must be non-negative and add up to less than 1");
        }
        if (!(hotBrandShare >= 0 && hotBrandShare < 1)) {
            throw new IllegalArgumentException("hot brand share must be 0 (off) or in (0, 1), got " + hotBrandShare);
        }
        if (maxDisorder.isNegative() || lateMin.isNegative() || lateMax.compareTo(lateMin) < 0) {
            throw new IllegalArgumentException("disorder must be non-negative and late delays must satisfy min <= max, got "
                    + maxDisorder + ", " + lateMin + ".." + lateMax);
        }
    }

    public static SimulationConfig defaults() {
        return new SimulationConfig(DEFAULT_SEED, DEFAULT_START, DEFAULT_DURATION, DEFAULT_PEAK_RATE, DEFAULT_SPEED,
                DEFAULT_MALFORMED_SHARE, DEFAULT_LATE_SHARE, DEFAULT_MAX_DISORDER, DEFAULT_LATE_MIN, DEFAULT_LATE_MAX,
                IncidentPlan.defaultsFor(DEFAULT_DURATION), true, Profile.CURRENT, 0);
    }

    public Instant end() {
        return start.plus(duration);
    }

    public SimulationConfig withSeed(long newSeed) {
        return new SimulationConfig(newSeed, start, duration, peakRate, speed, malformedShare, lateShare,
                maxDisorder, lateMin, lateMax, incidents, care, profile, hotBrandShare);
    }

    /** A new span; the default incidents move with it, custom ones stay where they are. */
    public SimulationConfig withTime(Instant newStart, Duration newDuration) {
        List<IncidentPlan> moved = incidents.equals(IncidentPlan.defaultsFor(duration, profile))
                ? IncidentPlan.defaultsFor(newDuration, profile) : incidents;
        return new SimulationConfig(seed, newStart, newDuration, peakRate, speed, malformedShare, lateShare,
                maxDisorder, lateMin, lateMax, moved, care, profile, hotBrandShare);
    }

    public SimulationConfig withRates(double newPeakRate, double newMalformedShare, double newLateShare) {
        return new SimulationConfig(seed, start, duration, newPeakRate, speed, newMalformedShare, newLateShare,
                maxDisorder, lateMin, lateMax, incidents, care, profile, hotBrandShare);
    }

    public SimulationConfig withSpeed(double newSpeed) {
        return new SimulationConfig(seed, start, duration, peakRate, newSpeed, malformedShare, lateShare,
                maxDisorder, lateMin, lateMax, incidents, care, profile, hotBrandShare);
    }

    public SimulationConfig withMaxDisorder(Duration newMaxDisorder) {
        return new SimulationConfig(seed, start, duration, peakRate, speed, malformedShare, lateShare,
                newMaxDisorder, lateMin, lateMax, incidents, care, profile, hotBrandShare);
    }

    public SimulationConfig withIncidents(List<IncidentPlan> newIncidents) {
        return new SimulationConfig(seed, start, duration, peakRate, speed, malformedShare, lateShare,
                maxDisorder, lateMin, lateMax, newIncidents, care, profile, hotBrandShare);
    }

    public SimulationConfig withCare(boolean newCare) {
        return new SimulationConfig(seed, start, duration, peakRate, speed, malformedShare, lateShare,
                maxDisorder, lateMin, lateMax, incidents, newCare, profile, hotBrandShare);
    }

    /** The regime; the default incidents become the new regime's, custom ones stay as they are. */
    public SimulationConfig withProfile(Profile newProfile) {
        List<IncidentPlan> sized = incidents.equals(IncidentPlan.defaultsFor(duration, profile))
                ? IncidentPlan.defaultsFor(duration, newProfile) : incidents;
        return new SimulationConfig(seed, start, duration, peakRate, speed, malformedShare, lateShare,
                maxDisorder, lateMin, lateMax, sized, care, newProfile, hotBrandShare);
    }

    public SimulationConfig withHotBrand(double newHotBrandShare) {
        return new SimulationConfig(seed, start, duration, peakRate, speed, malformedShare, lateShare,
                maxDisorder, lateMin, lateMax, incidents, care, profile, newHotBrandShare);
    }

    /** Each brand's posts a minute at the evening peak: its share of {@link #peakRate} now, its own rate when realistic. */
    public SortedMap<String, Double> brandPeakRates() {
        if (profile == Profile.REALISTIC) {
            return Profile.brandPeakRates(seed);
        }
        double shares = Brands.ALL.stream().mapToDouble(Brands.Brand::share).sum();
        SortedMap<String, Double> rates = new TreeMap<>();
        Brands.ALL.forEach(b -> rates.put(b.id(),
                Math.round(peakRate * FirehoseSimulator.BRANDED_SHARE * b.share() / shares * 10) / 10.0));
        return rates;
    }

    /** Organic posts a minute at the evening peak, the unbranded chatter included. */
    public double organicPeakRate() {
        return profile == Profile.REALISTIC
                ? brandPeakRates().values().stream().mapToDouble(Double::doubleValue).sum() / FirehoseSimulator.BRANDED_SHARE
                : peakRate;
    }
}
