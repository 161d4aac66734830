package io.outcry.simulate;

import io.outcry.locate.Geo;
import io.outcry.post.GeoPoint;
import io.outcry.simulate.Brands.Brand;
import io.outcry.simulate.IncidentPlan.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Evaluation runs for a detector: deterministic functions of (seed, start, span) that place
 * real incidents and noise events on a simulated firehose, with the answer key in its ground
 * truth.
 *
 * <p>The first hour is quiet so that baselines can learn; events on the same brand never
 * overlap and keep {@link #BRAND_GAP} apart, so every alert belongs to exactly one event.
 * The default start, 05:00 in Rome, with an 8 h span crosses the morning ramp: a diurnal rise
 * a detector must not mistake for a spike.
 *
 * <p>In the {@link Profile#REALISTIC} regime a run lasts {@link #REALISTIC_SPAN} by default, so
 * that it holds a second morning ramp, with more events to fill it; incidents are sized to the
 * brand: a complaint spike adds 2-5 times the brand's usual complaints (at least one complainer
 * a minute) for 30-120 minutes; an outage adds 1-10 complaints a minute from 1-6 neighbouring
 * towns for 30-180 minutes, then "it works again" posts for 10-20. Noise events are the same.
 */
public final class Scenarios {

    /** 05:00 in Rome: a run starts at night and climbs through the morning ramp. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-20T04:00:00Z");
    public static final Duration DEFAULT_SPAN = Duration.ofHours(8);
    /** From 05:00 on day 1 to 11:00 on day 2: two morning ramps. */
    public static final Duration REALISTIC_SPAN = Duration.ofHours(30);
    /** Towns an outage hits lie within this of the first one. */
    private static final double NEIGHBOUR_KM = 40;
    /** No event starts before this: the baselines need history first. */
    public static final Duration QUIET_START = Duration.ofHours(1);
    /** Room between two events on one brand, so that the first alert can resolve before the next. */
    public static final Duration BRAND_GAP = Duration.ofMinutes(20);
    /** Every event, recovery included, ends this long before the run does, so that its alert can be seen. */
    private static final Duration QUIET_END = Duration.ofMinutes(10);
    private static final Duration MIN_SPAN = Duration.ofHours(3);
    private static final int ATTEMPTS = 1_000;
    /** Keeps the plan's random stream apart from the simulator's, which starts from the bare seed. */
    private static final long PLAN_SALT = 0x5CE7A7105L;

    /** The regime's default span. */
    public static Duration defaultSpan(Profile profile) {
        return profile == Profile.REALISTIC ? REALISTIC_SPAN : DEFAULT_SPAN;
    }

    /** After a quiet hour, 4-6 real incidents (at least one spike and one outage) and 3-6 noise events. */
    public static SimulationConfig mixed(long seed, Instant start, Duration span) {
        return mixed(seed, start, span, Profile.CURRENT);
    }

    /** After a quiet hour, 3-6 noise events (every kind at least once) and no real incident. */
    public static SimulationConfig noiseOnly(long seed, Instant start, Duration span) {
        return noiseOnly(seed, start, span, Profile.CURRENT);
    }

    /**
     * After a quiet hour, real incidents (at least one spike and one outage) and noise events:
     * 4-6 and 3-6 in the current regime; 6-9 and 4-8 in the realistic one, whose runs are longer.
     */
    public static SimulationConfig mixed(long seed, Instant start, Duration span, Profile profile) {
        Planner planner = new Planner(seed, span, profile);
        int real = profile == Profile.REALISTIC ? 6 + planner.random.nextInt(4) : 4 + planner.random.nextInt(3);
        for (int i = 0; i < real; i++) {
            boolean spike = i == 0 || i > 1 && planner.random.nextInt(5) < 3;
            planner.place(spike ? Type.COMPLAINT_SPIKE : Type.OUTAGE);
        }
        planner.placeNoise();
        return planner.config(start);
    }

    /** After a quiet hour, noise events (every kind at least once; 3-6, or 4-8 when realistic) and no real incident. */
    public static SimulationConfig noiseOnly(long seed, Instant start, Duration span, Profile profile) {
        Planner planner = new Planner(seed, span, profile);
        planner.placeNoise();
        return planner.config(start);
    }

    /** Draws events and places them where they clash with nothing on their brand. */
    private static final class Planner {
        private final long seed;
        private final Duration span;
        private final Profile profile;
        private final SplittableRandom random;
        private final List<IncidentPlan> placed = new ArrayList<>();

        Planner(long seed, Duration span, Profile profile) {
            if (span.compareTo(MIN_SPAN) < 0) {
                throw new IllegalArgumentException("a scenario needs at least " + MIN_SPAN.toHours()
                        + " h (a quiet hour, then room for its events); got " + span + ", e.g. use 8h");
            }
            this.seed = seed;
            this.span = span;
            this.profile = profile;
            this.random = new SplittableRandom(seed ^ PLAN_SALT);
        }

        void placeNoise() {
            int noise = profile == Profile.REALISTIC ? 4 + random.nextInt(5) : 3 + random.nextInt(4);
            List<Type> kinds = List.of(Type.RETWEET_STORM, Type.BOT_BURST, Type.FURIOUS_ACCOUNT);
            for (int i = 0; i < noise; i++) {
                place(i < kinds.size() ? kinds.get(i) : kinds.get(random.nextInt(kinds.size())));
            }
        }

        void place(Type type) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                IncidentPlan candidate = draw(type);
                if (fits(candidate)) {
                    placed.add(candidate);
                    return;
                }
            }
            throw new IllegalStateException("found no free slot for a " + type.id() + " in " + span + " with seed " + seed
                    + " next to " + placed.size() + " events; use a longer span");
        }

        SimulationConfig config(Instant start) {
            List<IncidentPlan> byOffset = placed.stream()
                    .sorted(Comparator.comparing(IncidentPlan::offset).thenComparing(IncidentPlan::brand)).toList();
            return SimulationConfig.defaults().withSeed(seed).withTime(start, span).withIncidents(byOffset).withProfile(profile);
        }

        private IncidentPlan draw(Type type) {
            if (profile == Profile.REALISTIC && !type.noise()) {
                return realistic(type);
            }
            return switch (type) {
                case COMPLAINT_SPIKE -> {
                    Brand brand = pick(Brands.ALL);
                    yield plan(type, brand, pick(brand.industry().topics), null, minutes(10, 40), Duration.ZERO,
                            Math.round((3 + 7 * random.nextDouble()) * 10) / 10.0);
                }
                case OUTAGE -> plan(type, pick(telcos()), "outage", pick(regionCodes()), minutes(10, 40), minutes(5, 15),
                        Math.round((0.02 + 0.06 * random.nextDouble()) * 1000) / 1000.0);
                case RETWEET_STORM -> noise(type, minutes(15, 45), 300 + random.nextInt(1_201));
                case BOT_BURST -> noise(type, minutes(2, 6), 20 + random.nextInt(21));
                case FURIOUS_ACCOUNT -> noise(type, minutes(20, 60), 30 + random.nextInt(51));
            };
        }

        /** A real incident sized to the brand, as issue 16 sets them, with a floor of one complainer a minute. */
        private IncidentPlan realistic(Type type) {
            IncidentPlan drawn;
            List<String> towns = List.of();
            if (type == Type.COMPLAINT_SPIKE) {
                Brand brand = pick(Brands.ALL);
                drawn = plan(type, brand, pick(brand.industry().topics), null, minutes(30, 120), Duration.ZERO,
                        Math.round((2 + 3 * random.nextDouble()) * 10) / 10.0);
            } else {
                List<Cities.City> hit = neighbours(pick(Cities.REALISTIC), 1 + random.nextInt(6));
                towns = hit.stream().map(Cities.City::name).toList();
                drawn = plan(type, pick(telcos()), "outage", hit.get(0).regionCode(), minutes(30, 180), minutes(10, 20),
                        Math.round((1 + 9 * random.nextDouble()) * 10) / 10.0);
            }
            return new IncidentPlan(type, drawn.brand(), drawn.topic(), drawn.regionCode(), drawn.offset(), drawn.duration(),
                    drawn.recovery(), drawn.intensity(), 1, towns);
        }

        /** The town and up to {@code count - 1} others of its region within {@value #NEIGHBOUR_KM} km, nearest first. */
        private static List<Cities.City> neighbours(Cities.City town, int count) {
            GeoPoint at = new GeoPoint(town.lat(), town.lon());
            return Cities.REALISTIC.stream().filter(c -> c.regionCode().equals(town.regionCode()))
                    .filter(c -> Geo.km(at, new GeoPoint(c.lat(), c.lon())) <= NEIGHBOUR_KM)
                    .sorted(Comparator.comparingDouble((Cities.City c) -> Geo.km(at, new GeoPoint(c.lat(), c.lon())))
                            .thenComparing(Cities.City::name))
                    .limit(count).toList();
        }

        private IncidentPlan noise(Type type, Duration duration, int size) {
            Brand brand = pick(Brands.ALL);
            return plan(type, brand, pick(brand.industry().topics), null, duration, Duration.ZERO, size);
        }

        /** The plan at a whole-minute offset between the quiet hour and the quiet end. */
        private IncidentPlan plan(Type type, Brand brand, String topic, String region, Duration duration,
                                  Duration recovery, double intensity) {
            long latest = span.minus(QUIET_END).minus(duration).minus(recovery).toMinutes();
            long earliest = QUIET_START.toMinutes();
            long offset = earliest + random.nextLong(Math.max(1, latest - earliest + 1));
            return new IncidentPlan(type, brand.id(), topic, region, Duration.ofMinutes(offset), duration, recovery,
                    intensity);
        }

        /** Inside the span and clear of every event on the same brand by {@link #BRAND_GAP}. */
        private boolean fits(IncidentPlan candidate) {
            if (candidate.end().plus(candidate.recovery()).plus(QUIET_END).compareTo(span) > 0) {
                return false;
            }
            return placed.stream().filter(p -> p.brand().equals(candidate.brand())).allMatch(p ->
                    candidate.offset().compareTo(p.end().plus(p.recovery()).plus(BRAND_GAP)) >= 0
                            || p.offset().compareTo(candidate.end().plus(candidate.recovery()).plus(BRAND_GAP)) >= 0);
        }

        private Duration minutes(int min, int max) {
            return Duration.ofMinutes(min + random.nextInt(max - min + 1));
        }

        private <T> T pick(List<T> options) {
            return options.get(random.nextInt(options.size()));
        }

        private static List<Brand> telcos() {
            return Brands.ALL.stream().filter(b -> b.industry() == Brands.Industry.TELCO).toList();
        }

        private static List<String> regionCodes() {
            return Cities.ALL.stream().map(Cities.City::regionCode).distinct().sorted().toList();
        }
    }

    private Scenarios() {}
}
