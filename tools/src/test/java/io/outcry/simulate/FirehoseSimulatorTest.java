package io.outcry.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.SimulatedRecord.Kind;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FirehoseSimulatorTest {

    private static final CanonicalPostJson PARSER = new CanonicalPostJson();
    /** The job's allowed lateness. */
    private static final Duration ALLOWED_LATENESS = Duration.ofMinutes(5);

    private static List<SimulatedRecord> records;
    private static GroundTruth truth;

    @BeforeAll
    static void simulateTheDefaultRun() {
        records = new ArrayList<>();
        truth = new FirehoseSimulator(SimulationConfig.defaults()).run(records::add);
    }

    @Test
    void theSameSeedYieldsByteIdenticalOutput() {
        List<SimulatedRecord> again = new ArrayList<>();
        GroundTruth truthAgain = new FirehoseSimulator(SimulationConfig.defaults()).run(again::add);

        assertThat(concatenated(again)).isEqualTo(concatenated(records));
        assertThat(truthAgain.toJson()).isEqualTo(truth.toJson());
    }

    @Test
    void aDifferentSeedYieldsADifferentFirehose() {
        List<SimulatedRecord> other = new ArrayList<>();
        new FirehoseSimulator(SimulationConfig.defaults().withSeed(7)).run(other::add);

        assertThat(concatenated(other)).isNotEqualTo(concatenated(records));
    }

    @Test
    void theParserRejectsEveryMalformedRecordAndAcceptsEveryOther() {
        for (SimulatedRecord record : records) {
            if (record.kind() == Kind.MALFORMED) {
                assertThatThrownBy(() -> PARSER.parse(record.value()))
                        .as("malformed %s: %s", record.malformation(), new String(record.value()))
                        .isInstanceOf(InvalidRecordException.class);
            } else {
                Post post = parse(record);
                assertThat(post.createdAt()).isEqualTo(record.eventTime());
                assertThat(new String(record.key())).isEqualTo(post.id());
            }
        }
        assertThat(records.stream().filter(r -> r.kind() == Kind.MALFORMED).map(SimulatedRecord::malformation).distinct())
                .as("every kind of malformation shows up in a default run")
                .containsExactlyInAnyOrder(Malformation.values());
    }

    @Test
    void postIdsAreUnique() {
        List<String> ids = records.stream().filter(r -> r.kind() != Kind.MALFORMED)
                .map(r -> new String(r.key())).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void recordsComeOutInEmissionOrderWithinTheSpan() {
        long start = SimulationConfig.DEFAULT_START.toEpochMilli();
        long end = SimulationConfig.defaults().end().toEpochMilli();
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).emitTime()).isGreaterThanOrEqualTo(records.get(i - 1).emitTime());
        }
        assertThat(records).allSatisfy(r -> {
            assertThat(r.eventTime()).isBetween(start, end - 1);
            assertThat(r.emitTime()).isGreaterThanOrEqualTo(r.eventTime());
        });
        long outOfOrder = 0;
        long maxEventTime = Long.MIN_VALUE;
        for (SimulatedRecord r : records) {
            if (!r.late() && r.eventTime() < maxEventTime) {
                outOfOrder++;
            }
            maxEventTime = Math.max(maxEventTime, r.eventTime());
        }
        assertThat(outOfOrder).as("ordinary posts overtaken by later ones").isGreaterThan(records.size() / 20);
    }

    @Test
    void groundTruthCountsEqualWhatWasEmitted() {
        Map<Kind, Long> byKind = records.stream().collect(Collectors.groupingBy(SimulatedRecord::kind, Collectors.counting()));
        GroundTruth.Totals totals = truth.totals();

        assertThat(totals.records()).isEqualTo(records.size());
        assertThat(totals.posts()).isEqualTo(byKind.get(Kind.POST));
        assertThat(totals.retweets()).isEqualTo(byKind.get(Kind.RETWEET));
        assertThat(totals.replies()).isEqualTo(byKind.get(Kind.REPLY));
        assertThat(totals.spam()).isEqualTo(byKind.get(Kind.SPAM));
        assertThat(totals.malformed()).isEqualTo(byKind.get(Kind.MALFORMED));
        assertThat(totals.late()).isEqualTo(records.stream().filter(SimulatedRecord::late).count());
        TreeMap<String, Long> malformedByKind = records.stream().filter(r -> r.kind() == Kind.MALFORMED)
                .collect(Collectors.groupingBy(r -> r.malformation().name().toLowerCase(Locale.ROOT), TreeMap::new, Collectors.counting()));
        assertThat(truth.malformedByKind()).isEqualTo(malformedByKind);
        assertThat(totals.records()).isBetween(20_000L, 60_000L);
    }

    @Test
    void latePostsArriveOneToThreeMinutesLateAndNeverBeyondTheAllowedLateness() {
        long maxEventTime = Long.MIN_VALUE;
        long late = 0;
        for (SimulatedRecord r : records) {
            if (r.late()) {
                late++;
                assertThat(r.emitTime() - r.eventTime()).isBetween(60_000L, 180_000L);
                assertThat(maxEventTime - r.eventTime()).as("behind the newest post seen").isLessThan(ALLOWED_LATENESS.toMillis());
            } else {
                assertThat(r.emitTime() - r.eventTime()).isLessThanOrEqualTo(SimulationConfig.DEFAULT_MAX_DISORDER.toMillis());
            }
            maxEventTime = Math.max(maxEventTime, r.eventTime());
        }
        assertThat(late).isGreaterThan(records.size() / 100);
    }

    @Test
    void theOutageFloodsItsRegionWithOutagePostsThenRecoveryPosts() {
        GroundTruth.Incident outage = truth.incidents().stream().filter(i -> i.type().equals("outage")).findFirst().orElseThrow();
        assertThat(outage.regionCode()).isEqualTo("IT.04");
        assertThat(outage.regionName()).isEqualTo("Campania");
        long t1 = Instant.parse(outage.start()).toEpochMilli();
        long t2 = Instant.parse(outage.end()).toEpochMilli();
        long recoveryUntil = Instant.parse(outage.recoveryPostsUntil()).toEpochMilli();
        long span = t2 - t1;

        List<Post> campaniaWindtre = validPosts().stream()
                .filter(p -> !p.isRetweet() && p.place() != null && CAMPANIA.contains(p.place().name()))
                .filter(p -> p.mentions().contains("windtre") || p.hashtags().stream().anyMatch(h -> h.startsWith("windtre"))
                        || p.text().contains("WindTre") || p.text().contains("Wind Tre"))
                .toList();
        long before = campaniaWindtre.stream().filter(p -> p.createdAt() >= t1 - span && p.createdAt() < t1)
                .filter(FirehoseSimulatorTest::saysItIsDown).count();
        long during = campaniaWindtre.stream().filter(p -> p.createdAt() >= t1 && p.createdAt() < t2)
                .filter(FirehoseSimulatorTest::saysItIsDown).count();
        long recovered = campaniaWindtre.stream().filter(p -> p.createdAt() >= t2 && p.createdAt() < recoveryUntil)
                .filter(p -> p.text().contains("funziona di nuovo") || p.text().contains("works again")
                        || p.text().contains("Tornato il segnale") || p.text().contains("Signal is back")
                        || p.text().contains("linea è tornata"))
                .count();

        assertThat(during).isGreaterThan(10 * Math.max(1, before));
        assertThat(recovered).isGreaterThan(20);
        long distinctAuthors = campaniaWindtre.stream().filter(p -> p.createdAt() >= t1 && p.createdAt() < t2)
                .map(p -> p.author().id()).distinct().count();
        assertThat(distinctAuthors).isGreaterThan(during / 2);
        assertThat(outage.posts()).isGreaterThanOrEqualTo(during);
    }

    @Test
    void theGroundTruthSaysWhereTheOutageWasSoThatAZoneCanBeCheckedByHand() throws Exception {
        GroundTruth.Incident outage = truth.incidents().stream().filter(i -> i.type().equals("outage")).findFirst().orElseThrow();
        GroundTruth.Area area = outage.area();
        List<String> campania = Cities.ALL.stream().filter(c -> c.regionCode().equals("IT.04")).map(Cities.City::name).toList();
        assertThat(area.towns()).extracting(GroundTruth.Town::name).isSubsetOf(campania).hasSizeGreaterThan(1);
        // Most simulated residents of Campania live in Napoli, so most of its outage posts come from there.
        assertThat(area.towns().get(0).name()).isEqualTo("Napoli");
        assertThat(area.towns()).extracting(GroundTruth.Town::posts).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(area.towns().stream().mapToLong(GroundTruth.Town::posts).sum()).isEqualTo(outage.posts());
        Cities.City napoli = Cities.ALL.stream().filter(c -> c.name().equals("Napoli")).findFirst().orElseThrow();
        assertThat(area.towns().get(0).lat()).isEqualTo(napoli.lat());
        double farthest = area.towns().stream().mapToDouble(t -> io.outcry.locate.Geo.km(
                new io.outcry.post.GeoPoint(area.centreLat(), area.centreLon()), new io.outcry.post.GeoPoint(t.lat(), t.lon()))).max().orElseThrow();
        assertThat(area.radiusKm()).isCloseTo(farthest, org.assertj.core.data.Offset.offset(0.1)).isBetween(1.0, 80.0);
        assertThat(io.outcry.locate.Geo.km(new io.outcry.post.GeoPoint(area.centreLat(), area.centreLon()),
                new io.outcry.post.GeoPoint(napoli.lat(), napoli.lon()))).as("the centre leans to Napoli").isLessThan(area.radiusKm() / 2);
        assertThat(truth.incidents()).filteredOn(i -> !i.type().equals("outage")).allSatisfy(i -> assertThat(i.area()).isNull());

        String json = new String(truth.toJson(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"area\" : {").contains("\"centre_lat\"").contains("\"radius_km\"").contains("\"name\" : \"Napoli\"");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("truth", ".json");
        try {
            truth.write(file);
            assertThat(GroundTruth.read(file)).isEqualTo(truth);
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void theComplaintSpikeMultipliesTheBrandsComplaintsOnItsTopic() {
        GroundTruth.Incident spike = truth.incidents().stream().filter(i -> i.type().equals("complaint_spike")).findFirst().orElseThrow();
        assertThat(spike.brand()).isEqualTo("ryanair");
        long from = Instant.parse(spike.start()).toEpochMilli();
        long until = Instant.parse(spike.end()).toEpochMilli();
        long span = until - from;
        List<Post> ryanairDelays = validPosts().stream().filter(p -> !p.isRetweet())
                .filter(p -> p.text().toLowerCase(Locale.ROOT).contains("ryanair"))
                .filter(p -> p.text().contains("ritardo") || p.text().contains("delay")).toList();
        long before = ryanairDelays.stream().filter(p -> p.createdAt() >= from - span && p.createdAt() < from).count();
        long during = ryanairDelays.stream().filter(p -> p.createdAt() >= from && p.createdAt() < until).count();

        assertThat(during).isGreaterThan(4 * Math.max(1, before));
        assertThat(ryanairDelays.stream().filter(p -> p.createdAt() >= from && p.createdAt() < until)
                .map(p -> p.author().id()).distinct().count()).isGreaterThan(during * 3 / 4);
    }

    @Test
    void nightHoursAreQuieterThanTheEvening() {
        SimulationConfig day = SimulationConfig.defaults()
                .withTime(Instant.parse("2026-11-20T23:00:00Z"), Duration.ofHours(24))
                .withRates(30, 0.01, 0.02).withIncidents(List.of());
        int[] byLocalHour = new int[24];
        new FirehoseSimulator(day).run(r -> byLocalHour[Instant.ofEpochMilli(r.eventTime()).atZone(ZoneId.of("Europe/Rome")).getHour()]++);

        int night = byLocalHour[2] + byLocalHour[3] + byLocalHour[4];
        int evening = byLocalHour[19] + byLocalHour[20] + byLocalHour[21];
        assertThat(evening).as("posts by hour: %s", Arrays.toString(byLocalHour)).isGreaterThan(5 * night);
        assertThat(night).isPositive();
    }

    @Test
    void theFirehoseMixesLanguagesGeoRetweetsInfluencersRepliesAndSpam() {
        List<Post> posts = validPosts();
        long italian = posts.stream().filter(p -> "it".equals(p.lang())).count();
        long english = posts.stream().filter(p -> "en".equals(p.lang())).count();
        long withCoordinates = posts.stream().filter(p -> p.coordinates() != null).count();
        long placeOnly = posts.stream().filter(p -> p.coordinates() == null && p.place() != null).count();

        assertThat(italian).isGreaterThan(2 * english);
        assertThat(english).isGreaterThan(posts.size() / 20);
        assertThat(withCoordinates).isGreaterThan(placeOnly);
        assertThat(placeOnly).isPositive();
        assertThat(posts).filteredOn(Post::isRetweet).isNotEmpty().allSatisfy(rt -> assertThat(rt.text()).startsWith("RT @"));
        // replies come from the brands' verified accounts, but for customers writing back in a care thread
        List<String> followUps = truth.care().followUps().stream().map(GroundTruth.FollowUp::id).toList();
        assertThat(posts).filteredOn(Post::isReply).filteredOn(p -> !followUps.contains(p.id())).isNotEmpty()
                .allSatisfy(reply -> assertThat(reply.author().verified()).isTrue());
        assertThat(posts).filteredOn(p -> p.author().followers() >= 50_000 && !p.author().handle().equals("ryanair"))
                .isNotEmpty();
        assertThat(posts).filteredOn(p -> p.author().handle().startsWith("promo_"))
                .isNotEmpty().allSatisfy(p -> assertThat(p.author().followers()).isLessThanOrEqualTo(10));
        assertThat(posts).filteredOn(p -> p.coordinates() != null).allSatisfy(p ->
                assertThat(kmBetween(p.coordinates().lat(), p.coordinates().lon(),
                        p.place().centre().lat(), p.place().centre().lon())).isLessThan(5));
    }

    @Test
    void everyPostStartsAConversationAsOnXUnlessItRepliesAndThenItJoinsItsParents() {
        List<Post> withCare = validPosts();
        List<Post> withoutCare = new ArrayList<>();
        new FirehoseSimulator(SimulationConfig.defaults().withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(40)).withCare(false))
                .run(r -> {
                    if (r.kind() != Kind.MALFORMED) {
                        withoutCare.add(parse(r));
                    }
                });

        for (List<Post> posts : List.of(withCare, withoutCare)) {
            Map<String, Post> byId = posts.stream().collect(Collectors.toMap(Post::id, p -> p));
            assertThat(posts).filteredOn(p -> !p.isReply()).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.conversationId()).as("a retweet too").isEqualTo(p.id()));
            assertThat(posts).filteredOn(Post::isReply).isNotEmpty().allSatisfy(reply -> assertThat(reply.conversationId())
                    .isEqualTo(byId.get(reply.replyToId()).conversationId()));
        }
    }

    private static final List<String> CAMPANIA =
            List.of("Napoli", "Salerno", "Caserta", "Giugliano in Campania", "Torre del Greco", "Pozzuoli");

    private static boolean saysItIsDown(Post p) {
        String text = p.text().toLowerCase(Locale.ROOT);
        return List.of("senza linea", "non funziona", "nessun segnale", "senza rete", "linea assente", "guasto",
                "disservizio", "no signal", "no internet", "not working", "no service", "outage", " down").stream()
                .anyMatch(text::contains);
    }

    private static double kmBetween(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        return 6371 * Math.sqrt(dLat * dLat + dLon * dLon);
    }

    private static List<Post> validPosts() {
        return records.stream().filter(r -> r.kind() != Kind.MALFORMED).map(FirehoseSimulatorTest::parse).toList();
    }

    private static Post parse(SimulatedRecord record) {
        try {
            return PARSER.parse(record.value());
        } catch (InvalidRecordException e) {
            throw new AssertionError("rejected " + record.kind() + " record: " + e.getMessage() + ": " + new String(record.value()), e);
        }
    }

    private static byte[] concatenated(List<SimulatedRecord> list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SimulatedRecord r : list) {
            out.writeBytes(Long.toString(r.eventTime()).getBytes());
            out.writeBytes(Long.toString(r.emitTime()).getBytes());
            out.writeBytes(r.key());
            out.writeBytes(r.value());
            out.write('\n');
        }
        return out.toByteArray();
    }
}
