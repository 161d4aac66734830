package io.outcry.simulate;

import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The regime a simulated firehose follows.
 *
 * <p>{@link #CURRENT} is the firehose our detectors were built on: one peak rate shared by the
 * brands, most posts geotagged (coordinates on 55 %, a place on 25 %), and incidents that add at
 * least {@link IncidentPlan#DEFAULT_MIN_EXTRA_PER_MINUTE} complainers a minute.
 *
 * <p>{@link #REALISTIC} is what real platforms look like (issue 16): each brand has its own rate,
 * 10-20 posts a minute at the evening peak on even seeds and 20-60 on odd ones; coordinates on
 * {@value #COORDINATES_SHARE} of posts and a platform place only on {@value #PLACE_SHARE} more,
 * a town in the text on about 35 %, the author's profile location alone on about 40 %, nothing
 * on the rest; {@value #TRAVEL_SHARE} of posts are written away from the author's home town;
 * incidents are sized to the brand's volume ({@link IncidentPlan}); care desks write their
 * personal replies from a few stock phrases.
 */
public enum Profile {
    CURRENT, REALISTIC;

    /** Share of realistic posts with coordinates (and a place). */
    static final double COORDINATES_SHARE = 0.015;
    /** Share of realistic posts with a platform place but no coordinates. */
    static final double PLACE_SHARE = 0.125;
    /**
     * Share of the realistic posts without coordinates or place whose text names the town the
     * author is in: 0.35 of all posts.
     */
    static final double TEXT_TOWN_SHARE = 0.35 / (1 - COORDINATES_SHARE - PLACE_SHARE);
    /**
     * Share of realistic accounts whose profile location names a town: with the shares above,
     * 0.86 x 0.59 x 0.78 = 40 % of posts are located by the profile alone.
     */
    static final double PROFILE_TOWN_SHARE = 0.78;
    /** Share of realistic posts written away from home, in another town, often far away. */
    static final double TRAVEL_SHARE = 0.06;
    /** Of an outage's realistic complainers, the share who are visiting the towns it hits. */
    static final double VISITOR_SHARE = 0.1;
    static final double LOW_RATE_MIN = 10;
    static final double LOW_RATE_MAX = 20;
    static final double HIGH_RATE_MAX = 60;
    private static final long RATE_SALT = 0x7A7E5L;

    /** The name the command line uses. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile of(String id) {
        for (Profile profile : values()) {
            if (profile.id().equals(id)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + id + "'; use current or realistic");
    }

    /** The regimes a backtest's {@code --profile} names: current, realistic, or both. */
    public static List<Profile> regimes(String option) {
        return switch (option) {
            case "both" -> List.of(CURRENT, REALISTIC);
            case "current", "realistic" -> List.of(of(option));
            default -> throw new IllegalArgumentException("--profile must be current, realistic or both, got '" + option + "'");
        };
    }

    /**
     * Each brand's posts a minute at the evening peak in the realistic regime: on an even seed
     * every brand lies in 10-20, on an odd seed in 20-60, so that half the seeds test small brands.
     */
    public static SortedMap<String, Double> brandPeakRates(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ RATE_SALT);
        boolean low = Math.floorMod(seed, 2) == 0;
        double min = low ? LOW_RATE_MIN : LOW_RATE_MAX;
        double max = low ? LOW_RATE_MAX : HIGH_RATE_MAX;
        SortedMap<String, Double> rates = new TreeMap<>();
        for (Brands.Brand brand : Brands.ALL) {
            rates.put(brand.id(), Math.round((min + (max - min) * random.nextDouble()) * 10) / 10.0);
        }
        return rates;
    }
}
