package io.outcry.simulate;

import io.outcry.post.Author;
import io.outcry.simulate.Cities.City;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The simulated accounts. Activity follows a Zipf-like law (a few accounts write a lot, most
 * write rarely); the most active ones are influencers with 50k-2M followers. Bot accounts are
 * kept apart: they are new, have almost no followers and only post in bursts. Bot networks
 * (coordinated complaint bursts) are created on demand, each with accounts no one else uses.
 *
 * <p>In the {@link Profile#REALISTIC} regime the pool is larger (an incident draws thousands of
 * distinct people), its accounts live in the chief cities and their neighbouring towns, and
 * only {@link Profile#PROFILE_TOWN_SHARE} of the profiles name a town: the rest say nothing or
 * something no gazetteer knows.
 */
final class AuthorPool {

    /** A simulated account and the facts the simulator needs about it. */
    record SimAuthor(Author author, City city, boolean italian) {}

    static final int INFLUENCERS = 12;
    private static final int ORDINARY = 8_000;
    private static final int REALISTIC_ORDINARY = 30_000;
    /** Profile locations that name no place, as real profiles often do. */
    static final List<String> NOWHERE = List.of("🌍", "ovunque", "in giro per il mondo", "dove capita", "☀️🌊",
            "Earth", "between here and there", "casa mia");
    /** Influencers sit every tenth activity rank from the top: active, but not the whole firehose. */
    private static final int INFLUENCER_SPACING = 10;
    /** Flattens the head of the Zipf curve so the most active account writes well under 1 % of posts. */
    private static final int ZIPF_OFFSET = 30;
    private static final int BOTS = 25;
    static final long INFLUENCER_FOLLOWERS = 50_000;
    /** Far from the ordinary (1e8 + ...) and promotional (1.7e12 + ...) id ranges. */
    private static final long NETWORK_BOT_IDS = 1_800_000_000_000L;

    private static final List<String> FIRST_NAMES = List.of(
            "giulia", "marco", "francesca", "luca", "sara", "andrea", "chiara", "matteo", "elena", "davide",
            "martina", "alessandro", "valentina", "simone", "federica", "giorgio", "anna", "paolo", "laura",
            "stefano", "silvia", "roberto", "alice", "fabio", "emma", "john", "kate", "tom", "sophie", "mark");
    private static final List<String> SURNAMES = List.of(
            "rossi", "russo", "ferrari", "esposito", "bianchi", "romano", "colombo", "ricci", "marino", "greco",
            "bruno", "gallo", "conti", "deluca", "mancini", "costa", "giordano", "rizzo", "lombardi", "moretti");

    private final List<SimAuthor> active = new ArrayList<>();
    private final double[] cumulativeActivity;
    private final List<SimAuthor> bots = new ArrayList<>();
    private final TreeSet<String> handles = new TreeSet<>();
    private long networkBots;

    AuthorPool(SplittableRandom random) {
        this(random, Profile.CURRENT);
    }

    AuthorPool(SplittableRandom random, Profile profile) {
        boolean realistic = profile == Profile.REALISTIC;
        List<City> cities = realistic ? Cities.REALISTIC : Cities.ALL;
        double[] cityCumulative = cumulative(cities.stream().mapToDouble(City::weight).toArray());
        for (int i = 0; i < INFLUENCERS + (realistic ? REALISTIC_ORDINARY : ORDINARY); i++) {
            City city = cities.get(pick(cityCumulative, random.nextDouble()));
            boolean italian = random.nextInt(100) < 80;
            boolean influencer = i % INFLUENCER_SPACING == 0 && i / INFLUENCER_SPACING < INFLUENCERS;
            long followers = influencer
                    ? Math.round(Math.exp(Math.log(50_000) + random.nextDouble() * Math.log(2_000_000 / 50_000.0)))
                    : Math.round(Math.exp(5 + 1.5 * gaussian(random)));
            String handle = uniqueHandle(handles, random, influencer);
            String location = realistic ? realisticLocation(city, random) : switch (random.nextInt(7)) {
                case 0 -> city.name() + ", Italia";
                case 1 -> null;
                default -> city.name();
            };
            active.add(new SimAuthor(new Author(Long.toString(100_000_000L + 7_919L * i), handle, followers,
                    influencer && random.nextBoolean(), location), city, italian));
        }
        double[] activity = new double[active.size()];
        for (int rank = 0; rank < activity.length; rank++) {
            activity[rank] = 1.0 / (rank + ZIPF_OFFSET);
        }
        cumulativeActivity = cumulative(activity);
        for (int i = 0; i < BOTS; i++) {
            String handle = "promo_" + Long.toString(1_000_000 + random.nextInt(9_000_000), 36);
            handles.add(handle);
            bots.add(new SimAuthor(new Author(Long.toString(1_700_000_000_000L + 131L * i), handle,
                    random.nextInt(11), false, null), Cities.ALL.get(0), true));
        }
    }

    /** An account chosen by activity: influencers and heavy posters come up often. */
    SimAuthor byActivity(SplittableRandom random) {
        return active.get(pick(cumulativeActivity, random.nextDouble()));
    }

    /** Any ordinary account, uniformly: incidents bring many people who rarely post. */
    SimAuthor anyone(SplittableRandom random) {
        return active.get(random.nextInt(active.size()));
    }

    /** Accounts living in the region, in pool order. */
    List<SimAuthor> livingIn(String regionCode) {
        return active.stream().filter(a -> a.city().regionCode().equals(regionCode)).toList();
    }

    /** Accounts living in one of the towns, in pool order. */
    List<SimAuthor> livingIn(Collection<String> towns) {
        return active.stream().filter(a -> towns.contains(a.city().name())).toList();
    }

    private static String realisticLocation(City city, SplittableRandom random) {
        if (random.nextDouble() >= Profile.PROFILE_TOWN_SHARE) {
            return random.nextInt(3) == 0 ? NOWHERE.get(random.nextInt(NOWHERE.size())) : null;
        }
        return random.nextInt(5) == 0 ? city.name() + ", Italia" : city.name();
    }

    /** Every ordinary account (influencers included), in pool order. */
    List<SimAuthor> everyone() {
        return Collections.unmodifiableList(active);
    }

    /** An account with at least {@value #INFLUENCER_FOLLOWERS} followers, uniformly. */
    SimAuthor influencer(SplittableRandom random) {
        List<SimAuthor> influencers = active.stream()
                .filter(a -> a.author().followers() >= INFLUENCER_FOLLOWERS).toList();
        return influencers.get(random.nextInt(influencers.size()));
    }

    /** Any account that is not an influencer, uniformly. */
    SimAuthor ordinary(SplittableRandom random) {
        SimAuthor author = anyone(random);
        while (author.author().followers() >= INFLUENCER_FOLLOWERS) {
            author = anyone(random);
        }
        return author;
    }

    SimAuthor bot(SplittableRandom random) {
        return bots.get(random.nextInt(bots.size()));
    }

    /**
     * A fresh network of coordinated accounts: handles that look generated (a name and a long
     * number, or {@code user} and digits), 0-30 followers, unverified, no location. Every call
     * creates new accounts, so two bursts never share a bot and no bot is in the ordinary pool.
     */
    List<SimAuthor> botNetwork(SplittableRandom random, int size) {
        List<SimAuthor> network = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String handle = random.nextBoolean()
                    ? FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())) + (10_000_000 + random.nextInt(90_000_000))
                    : "user" + (1_000_000_000L + random.nextLong(9_000_000_000L));
            while (!handles.add(handle)) {
                handle = handle + random.nextInt(10);
            }
            String id = Long.toString(NETWORK_BOT_IDS + 1_009L * networkBots++);
            network.add(new SimAuthor(new Author(id, handle, random.nextInt(31), false, null), Cities.ALL.get(0), true));
        }
        return network;
    }

    /**
     * The first name a handle starts with, capitalised ("giulia_rossi" is Giulia), or null: how a
     * care agent greets the customer by name.
     */
    static String firstName(String handle) {
        String best = null;
        for (String name : FIRST_NAMES) {
            if (handle.startsWith(name) && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return best == null ? null : Character.toUpperCase(best.charAt(0)) + best.substring(1);
    }

    static double[] cumulative(double[] weights) {
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    /** Index of the first cumulative share above u. */
    static int pick(double[] cumulative, double u) {
        int i = Arrays.binarySearch(cumulative, u);
        return Math.min(cumulative.length - 1, i >= 0 ? i + 1 : -i - 1);
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static String uniqueHandle(TreeSet<String> taken, SplittableRandom random, boolean influencer) {
        String first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
        String last = SURNAMES.get(random.nextInt(SURNAMES.size()));
        String handle = switch (random.nextInt(3)) {
            case 0 -> first + "_" + last;
            case 1 -> first + last.charAt(0) + (random.nextInt(90) + 10);
            default -> first + "_" + last + random.nextInt(1000);
        };
        if (influencer) {
            handle = first + last;
        }
        while (!taken.add(handle)) {
            handle = handle + random.nextInt(10);
        }
        return handle;
    }
}
