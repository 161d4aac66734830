package io.outcry.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outcry.enrich.CatalogEnricher;
import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Enricher;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.IncidentPlan.Type;
import io.outcry.simulate.SimulatedRecord.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every incident type makes what it claims: noise events look loud but come from one post,
 * one network or one account; real incidents reach their floor of distinct complaining authors
 * in every minute, even for a small brand at night.
 */
class IncidentTypesTest {

    /** 05:00 in Rome: the organic firehose is at its quietest, so only the floor can make a small incident visible. */
    private static final Instant NIGHT = Instant.parse("2026-11-20T04:00:00Z");

    private static List<Post> posts;
    private static GroundTruth truth;

    @BeforeAll
    static void simulateEveryTypeAtNight() throws Exception {
        SimulationConfig config = SimulationConfig.defaults().withSeed(11).withTime(NIGHT, Duration.ofHours(2))
                .withIncidents(List.of(
                        plan(Type.FURIOUS_ACCOUNT, "poste", "delivery", null, 10, 40, 50),
                        plan(Type.RETWEET_STORM, "vodafone", "billing", null, 20, 30, 800),
                        plan(Type.BOT_BURST, "iliad", "app", null, 40, 4, 30),
                        plan(Type.COMPLAINT_SPIKE, "fastweb", "billing", null, 60, 20, 3),
                        new IncidentPlan(Type.OUTAGE, "iliad", "outage", "IT.10", Duration.ofMinutes(70),
                                Duration.ofMinutes(20), Duration.ofMinutes(10), 0.02)));
        List<SimulatedRecord> records = new ArrayList<>();
        truth = new FirehoseSimulator(config).run(records::add);
        CanonicalPostJson parser = new CanonicalPostJson();
        posts = new ArrayList<>();
        for (SimulatedRecord record : records) {
            if (record.kind() != Kind.MALFORMED) {
                posts.add(parser.parse(record.value()));
            }
        }
    }

    @Test
    void theGroundTruthMarksNoiseApartFromRealIncidents() {
        assertThat(truth.incidents()).extracting(GroundTruth.Incident::type, GroundTruth.Incident::noise).containsExactly(
                tuple("furious_account", true),
                tuple("retweet_storm", true),
                tuple("bot_burst", true),
                tuple("complaint_spike", false),
                tuple("outage", false));
        assertThat(incident("outage").regionName()).isEqualTo("The Marches");
        assertThat(incident("complaint_spike").accounts()).isEmpty();
    }

    @Test
    void aRetweetStormIsOneInfluencersComplaintResharedByHundredsOfDistinctAccounts() {
        GroundTruth.Incident storm = incident("retweet_storm");
        String influencer = storm.accounts().get(0);
        List<Post> retweets = within(storm).stream().filter(Post::isRetweet)
                .filter(p -> p.text().startsWith("RT @" + influencer + ": ")).toList();
        Map<String, Long> byOriginal = retweets.stream().collect(Collectors.groupingBy(Post::retweetedId, TreeMap::new, Collectors.counting()));
        String originalId = byOriginal.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Post original = posts.stream().filter(p -> p.id().equals(originalId)).findFirst().orElseThrow();
        List<Post> storm1 = retweets.stream().filter(p -> p.retweetedId().equals(originalId)).toList();

        assertThat(storm.accounts()).hasSize(1);
        assertThat(storm.posts()).isEqualTo(1);
        assertThat(storm.retweets()).isEqualTo(800).isEqualTo(storm1.size());
        assertThat(original.author().followers()).isGreaterThanOrEqualTo(50_000);
        assertThat(original.createdAt()).isEqualTo(Instant.parse(storm.start()).toEpochMilli());
        assertThat(storm1).allSatisfy(rt -> assertThat(rt.text()).isEqualTo("RT @" + influencer + ": " + original.text()));
        assertThat(storm1.stream().map(p -> p.author().id()).distinct().count()).isEqualTo(800)
                .isEqualTo(storm.authors() - 1);
        assertThat(storm1).noneMatch(p -> p.author().handle().equals(influencer));
        assertThat(storm1.stream().filter(p -> p.createdAt() < midpoint(storm)).count())
                .as("a storm spreads fastest at first").isGreaterThan(storm1.size() * 6 / 10);
    }

    @Test
    void aBotBurstIsTwentyOrMoreNewLowFollowerAccountsPostingOneComplaintSecondsApart() {
        GroundTruth.Incident burst = incident("bot_burst");
        TreeSet<String> bots = new TreeSet<>(burst.accounts());
        List<Post> botPosts = posts.stream().filter(p -> bots.contains(p.author().handle())).toList();

        assertThat(bots).hasSize(30);
        assertThat(botPosts).hasSize((int) burst.posts()).allSatisfy(p -> {
            assertThat(p.createdAt()).isBetween(Instant.parse(burst.start()).toEpochMilli(), Instant.parse(burst.end()).toEpochMilli() - 1);
            assertThat(p.author().followers()).isBetween(0L, 30L);
            assertThat(p.author().verified()).isFalse();
            assertThat(p.author().location()).isNull();
            assertThat(p.author().handle()).matches("[a-z]+\\d{7,}\\d*");
            assertThat(p.isRetweet()).isFalse();
        });
        Map<String, Long> perBot = botPosts.stream().collect(Collectors.groupingBy(p -> p.author().id(), TreeMap::new, Collectors.counting()));
        assertThat(perBot).hasSize(30).allSatisfy((bot, count) -> assertThat(count).isBetween(3L, 8L));
        assertThat(burst.authors()).isEqualTo(30);

        String shared = commonPrefix(botPosts.stream().map(Post::text).toList());
        assertThat(shared.length()).as("the one complaint all bots post").isGreaterThan(25);
        assertThat(botPosts).allSatisfy(p -> assertThat(p.text().length() - shared.length()).isLessThanOrEqualTo(25));
        assertThat(botPosts.stream().map(Post::text).distinct().count()).as("small variations").isGreaterThan(3);
        long spanSeconds = Duration.between(Instant.parse(burst.start()), Instant.parse(burst.end())).toSeconds();
        assertThat(spanSeconds / botPosts.size()).as("seconds between posts").isLessThanOrEqualTo(5);
        TreeSet<String> botIds = botPosts.stream().map(p -> p.author().id()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(posts).as("no bot is an ordinary account")
                .filteredOn(p -> !bots.contains(p.author().handle())).noneMatch(p -> botIds.contains(p.author().id()));
    }

    @Test
    void aFuriousAccountIsOneOrdinaryAuthorPostingDozensOfDistinctComplaints() {
        GroundTruth.Incident furious = incident("furious_account");
        String handle = furious.accounts().get(0);
        List<Post> rants = within(furious).stream().filter(p -> p.author().handle().equals(handle)).toList();

        assertThat(furious.accounts()).hasSize(1);
        assertThat(furious.authors()).isEqualTo(1);
        assertThat(furious.posts()).isEqualTo(50);
        assertThat(rants.size()).isGreaterThanOrEqualTo(50);
        assertThat(rants.stream().map(Post::text).distinct().count()).isGreaterThanOrEqualTo(50);
        assertThat(rants.get(0).author().followers()).isLessThan(50_000);
        assertThat(rants).noneMatch(Post::isRetweet);
    }

    @Test
    void aComplaintSpikeOnASmallBrandAtNightReachesItsFloorOfDistinctAuthorsInEveryMinute() {
        GroundTruth.Incident spike = incident("complaint_spike");
        int[] perMinute = distinctAuthorsPerMinute(spike, p -> mentions(p, "fastweb"));
        int[] before = distinctAuthorsPerMinute(shifted(spike, -30), p -> mentions(p, "fastweb"));

        assertThat(perMinute).hasSize(20);
        assertThat(Arrays.stream(perMinute).min().orElseThrow()).as("per minute: %s", Arrays.toString(perMinute))
                .isGreaterThanOrEqualTo(6);
        assertThat(Arrays.stream(perMinute).average().orElseThrow() - Arrays.stream(before).average().orElseThrow())
                .as("authors a minute on the brand, over the half hour before").isGreaterThanOrEqualTo(5);
        assertThat(spike.authors()).isEqualTo(spike.posts());
    }

    @Test
    void anOutageInTheSmallestRegionReachesItsFloorOfDistinctResidentsInEveryMinute() {
        GroundTruth.Incident outage = incident("outage");
        int[] perMinute = distinctAuthorsPerMinute(outage,
                p -> mentions(p, "iliad") && (p.text().contains(" a Ancona da ") || p.text().contains(" in Ancona for ")));

        assertThat(perMinute).hasSize(20);
        assertThat(Arrays.stream(perMinute).min().orElseThrow()).as("per minute: %s", Arrays.toString(perMinute))
                .isGreaterThanOrEqualTo(6);
        assertThat(outage.recoveryPosts()).isPositive();
    }

    @Test
    void theEnrichmentReadsEveryNoisePostAsAComplaintAboutItsBrand() {
        Enricher enricher = CatalogEnricher.load(EnrichmentConfig.defaults());
        List<Post> noisePosts = new ArrayList<>();
        for (GroundTruth.Incident noise : truth.incidents().stream().filter(GroundTruth.Incident::noise).toList()) {
            within(noise).stream().filter(p -> !p.isRetweet() && noise.accounts().contains(p.author().handle()))
                    .filter(p -> !noise.type().equals("retweet_storm") || p.createdAt() == Instant.parse(noise.start()).toEpochMilli())
                    .forEach(noisePosts::add);
        }

        assertThat(noisePosts).hasSizeGreaterThan(100).allSatisfy(p -> {
            EnrichedPost enriched = enricher.enrich(p);
            assertThat(enriched.complaint()).as("complaint: %s", p.text()).isTrue();
            assertThat(enriched.brands()).as("brand of: %s", p.text()).containsExactly(brandOf(p));
        });
    }

    private static String brandOf(Post post) {
        return truth.incidents().stream().filter(i -> i.accounts().contains(post.author().handle()))
                .map(GroundTruth.Incident::brand).findFirst().orElseThrow();
    }

    private static IncidentPlan plan(Type type, String brand, String topic, String region, int offsetMinutes,
                                     int minutes, double intensity) {
        return new IncidentPlan(type, brand, topic, region, Duration.ofMinutes(offsetMinutes), Duration.ofMinutes(minutes),
                Duration.ZERO, intensity);
    }

    private static GroundTruth.Incident incident(String type) {
        return truth.incidents().stream().filter(i -> i.type().equals(type)).findFirst().orElseThrow();
    }

    private static List<Post> within(GroundTruth.Incident incident) {
        long from = Instant.parse(incident.start()).toEpochMilli();
        long until = Instant.parse(incident.end()).toEpochMilli();
        return posts.stream().filter(p -> p.createdAt() >= from && p.createdAt() < until).toList();
    }

    private static long midpoint(GroundTruth.Incident incident) {
        return (Instant.parse(incident.start()).toEpochMilli() + Instant.parse(incident.end()).toEpochMilli()) / 2;
    }

    private static GroundTruth.Incident shifted(GroundTruth.Incident incident, int minutes) {
        Duration shift = Duration.ofMinutes(minutes);
        return new GroundTruth.Incident(incident.type(), incident.noise(), incident.brand(), incident.topic(),
                incident.regionCode(), incident.regionName(), incident.area(), Instant.parse(incident.start()).plus(shift).toString(),
                Instant.parse(incident.start()).toString(), null, 0, 0, 0, 0, List.of());
    }

    /** Distinct authors of matching original posts in each whole minute of the incident. */
    private static int[] distinctAuthorsPerMinute(GroundTruth.Incident incident, Predicate<Post> matches) {
        long from = Instant.parse(incident.start()).toEpochMilli();
        int minutes = (int) ((Instant.parse(incident.end()).toEpochMilli() - from) / 60_000);
        int[] counts = new int[minutes];
        for (int m = 0; m < minutes; m++) {
            long lo = from + m * 60_000L;
            counts[m] = (int) posts.stream().filter(p -> !p.isRetweet() && p.createdAt() >= lo && p.createdAt() < lo + 60_000)
                    .filter(matches).map(p -> p.author().id()).distinct().count();
        }
        return counts;
    }

    private static boolean mentions(Post post, String brandId) {
        Brands.Brand brand = Brands.byId(brandId);
        String text = post.text().toLowerCase(Locale.ROOT);
        return brand.names().stream().anyMatch(n -> text.contains(n.toLowerCase(Locale.ROOT)))
                || text.contains("@" + brand.handle()) || text.contains("#" + brand.hashtag());
    }

    private static String commonPrefix(List<String> texts) {
        String prefix = texts.get(0);
        for (String text : texts) {
            int i = 0;
            while (i < prefix.length() && i < text.length() && prefix.charAt(i) == text.charAt(i)) {
                i++;
            }
            prefix = prefix.substring(0, i);
        }
        return prefix;
    }
}
