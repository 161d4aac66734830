package io.outcry.simulate;

import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.post.Author;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.post.PostText;
import io.outcry.simulate.Brands.Brand;
import io.outcry.simulate.Cities.City;
import io.outcry.simulate.IncidentPlan.Type;
import io.outcry.simulate.SimulatedRecord.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The outage-zone evaluation run ({@code --scenario outages}): after a quiet hour, three or four
 * telco outages in different regions at once, each followed by "it works again" posts; in
 * the first one, halfway through, a storm of retweets of one "funziona di nuovo" post while
 * the region is still down. A share of the posts (half by default) lose their coordinates and
 * place, so they can only be located through their text or their author's profile.
 *
 * <p>Built on the ordinary simulator and its own incidents, so the {@code default},
 * {@code mixed} and {@code noise} scenarios write the same bytes as before.
 */
public final class OutageScenario {

    public static final Duration DEFAULT_SPAN = Duration.ofHours(3);
    public static final double DEFAULT_TEXT_ONLY_SHARE = 0.5;
    public static final int STORM_RETWEETS = 300;
    private static final long SALT = 0x0A7A6E5L;
    /** Regions whose simulated cities lie close together, so that an outage there is one place. */
    private static final List<String> REGIONS = List.of("IT.07", "IT.04", "IT.12", "IT.08", "IT.05", "IT.16", "IT.13", "IT.09");

    /** A city an outage affects, with its GeoNames centre. */
    public record AffectedCity(String name, double lat, double lon) {}

    /**
     * One simulated outage as the zone evaluation scores it.
     *
     * @param onset    first post of the outage
     * @param recovery when service came back: its complaints stop and "it works again" posts begin
     * @param stormAt  when a recovery-retweet storm started inside it while still down, or null
     */
    public record Outage(String brand, String regionCode, String regionName, List<AffectedCity> cities,
            Instant onset, Instant recovery, Instant stormAt) {}

    /** The records in emission order, the outages, and the simulator's own ground truth. */
    public record Run(List<SimulatedRecord> records, List<Outage> outages, GroundTruth truth) {}

    private OutageScenario() {}

    /** The simulator's configuration: the outages it injects. */
    public static SimulationConfig config(long seed, Instant start, Duration span) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L ^ SALT);
        List<Brand> telcos = Brands.ALL.stream().filter(b -> b.industry() == Brands.Industry.TELCO).toList();
        List<String> regions = new ArrayList<>(REGIONS);
        java.util.Collections.shuffle(regions, random);
        int count = 3 + random.nextInt(2);
        List<IncidentPlan> plans = new ArrayList<>();
        long latestStart = Math.max(1, span.toMinutes() - 60 - 40 - 15 - 20);
        for (int i = 0; i < count; i++) {
            Brand brand = telcos.get(random.nextInt(telcos.size()));
            Duration offset = Duration.ofMinutes(60 + random.nextInt((int) Math.min(30, latestStart)));
            Duration duration = Duration.ofMinutes(15 + random.nextInt(26));
            double intensity = Math.round((0.03 + 0.03 * random.nextDouble()) * 1000) / 1000.0;
            plans.add(new IncidentPlan(Type.OUTAGE, brand.id(), "outage", regions.get(i), offset, duration,
                    Duration.ofMinutes(10), intensity));
        }
        plans.sort(Comparator.comparing(IncidentPlan::offset).thenComparing(IncidentPlan::brand));
        return SimulationConfig.defaults().withSeed(seed).withTime(start, span).withIncidents(plans);
    }

    public static Run run(long seed, Instant start, Duration span, double textOnlyShare) {
        SimulationConfig config = config(seed, start, span);
        List<SimulatedRecord> simulated = new ArrayList<>();
        GroundTruth truth = new FirehoseSimulator(config).run(simulated::add);
        SplittableRandom random = new SplittableRandom(seed ^ SALT);
        CanonicalPostJson parser = new CanonicalPostJson(Duration.ofDays(36_500));
        List<SimulatedRecord> records = new ArrayList<>(simulated.size() + STORM_RETWEETS + 1);
        Map<String, Author> residents = new LinkedHashMap<>();
        List<Outage> outages = outages(truth);
        Outage stormed = outages.get(0);
        for (SimulatedRecord record : simulated) {
            if (record.malformation() != null || record.kind() == Kind.MALFORMED) {
                records.add(record);
                continue;
            }
            Post post = parse(parser, record);
            if (post.author().location() != null && stormed.cities().stream()
                    .anyMatch(c -> post.author().location().startsWith(c.name()))) {
                residents.putIfAbsent(post.author().id(), post.author());
            }
            if ((post.coordinates() != null || post.place() != null) && random.nextDouble() < textOnlyShare) {
                Post bare = new Post(post.id(), post.platform(), post.createdAt(), post.author(), post.text(), post.lang(),
                        null, null, post.replyToId(), post.quotedId(), post.retweetedId(), post.mentions(), post.hashtags(),
                        post.url(), post.conversationId());
                records.add(new SimulatedRecord(record.eventTime(), record.emitTime(), record.key(),
                        CanonicalPostJson.write(bare), record.kind(), record.late(), null));
            } else {
                records.add(record);
            }
        }
        long stormAt = stormed.onset().toEpochMilli() + (stormed.recovery().toEpochMilli() - stormed.onset().toEpochMilli()) / 2;
        records.addAll(storm(stormed, stormAt, new ArrayList<>(residents.values())));
        records.sort(Comparator.comparingLong(SimulatedRecord::emitTime));
        List<Outage> withStorm = new ArrayList<>(outages);
        withStorm.set(0, new Outage(stormed.brand(), stormed.regionCode(), stormed.regionName(), stormed.cities(),
                stormed.onset(), stormed.recovery(), Instant.ofEpochMilli(stormAt)));
        return new Run(records, withStorm, truth);
    }

    private static List<Outage> outages(GroundTruth truth) {
        List<Outage> outages = new ArrayList<>();
        for (GroundTruth.Incident incident : truth.incidents()) {
            if (!incident.type().equals(Type.OUTAGE.id())) {
                continue;
            }
            List<AffectedCity> cities = Cities.ALL.stream().filter(c -> c.regionCode().equals(incident.regionCode()))
                    .map(c -> new AffectedCity(c.name(), c.lat(), c.lon())).toList();
            outages.add(new Outage(incident.brand(), incident.regionCode(), incident.regionName(), cities,
                    Instant.parse(incident.start()), Instant.parse(incident.end()), null));
        }
        return outages;
    }

    /** One resident says it works again while it does not; hundreds of residents retweet it within minutes. */
    private static List<SimulatedRecord> storm(Outage outage, long at, List<Author> residents) {
        Brand brand = Brands.ALL.stream().filter(b -> b.id().equals(outage.brand())).findFirst().orElseThrow();
        City city = Cities.ALL.stream().filter(c -> c.regionCode().equals(outage.regionCode())).findFirst().orElseThrow();
        List<SimulatedRecord> storm = new ArrayList<>();
        if (residents.size() < 2) {
            return storm;
        }
        Author original = residents.get(0);
        String text = "@" + brand.handle() + " " + brand.names().get(0) + " funziona di nuovo a " + city.name() + ", finalmente!";
        String id = "storm-" + at;
        Post post = new Post(id, "twitter", at, original, text, "it", null, null, null, null, null,
                PostText.mentions(text), PostText.hashtags(text), null, id);
        storm.add(record(post, Kind.POST));
        for (int i = 0; i < STORM_RETWEETS; i++) {
            Author author = residents.get(1 + i % (residents.size() - 1));
            long time = at + 1_000L + i * 600L;
            String rt = "RT @" + original.handle() + ": " + text;
            String retweet = id + "-rt" + i;
            // a retweet replies to nothing: as on X, it starts a conversation of its own
            storm.add(record(new Post(retweet, "twitter", time, author, rt, "it", null, null, null, null,
                    post.id(), PostText.mentions(rt), PostText.hashtags(rt), null, retweet), Kind.RETWEET));
        }
        return storm;
    }

    private static SimulatedRecord record(Post post, Kind kind) {
        return new SimulatedRecord(post.createdAt(), post.createdAt() + 200, post.id().getBytes(StandardCharsets.UTF_8),
                CanonicalPostJson.write(post), kind, false, null);
    }

    private static Post parse(CanonicalPostJson parser, SimulatedRecord record) {
        try {
            return parser.parse(record.value());
        } catch (InvalidRecordException e) {
            throw new IllegalStateException("the simulator wrote a post its own parser refuses: " + e.getMessage(), e);
        }
    }
}
