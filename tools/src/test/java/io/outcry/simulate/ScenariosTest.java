package io.outcry.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.IncidentPlan.Type;
import io.outcry.simulate.SimulatedRecord.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    private static final Instant START = Scenarios.DEFAULT_START;
    private static final Duration SPAN = Scenarios.DEFAULT_SPAN;
    private static final List<Long> SEEDS = LongStream.range(0, 60).boxed().toList();

    @Test
    void theDefaultRunStartsAtFiveInTheMorningInRomeAndCrossesTheMorningRamp() {
        assertThat(START.atZone(ZoneId.of("Europe/Rome")).getHour()).isEqualTo(5);
        assertThat(START.plus(SPAN).atZone(ZoneId.of("Europe/Rome")).getHour()).isEqualTo(13);
        assertThat(FirehoseSimulator.dayActivity(START.plus(SPAN).toEpochMilli()))
                .isGreaterThan(5 * FirehoseSimulator.dayActivity(START.toEpochMilli()));
    }

    @Test
    void aScenarioIsTheSameForTheSameSeedAndDiffersAcrossSeeds() {
        assertThat(Scenarios.mixed(3, START, SPAN)).isEqualTo(Scenarios.mixed(3, START, SPAN));
        assertThat(Scenarios.noiseOnly(3, START, SPAN)).isEqualTo(Scenarios.noiseOnly(3, START, SPAN));
        assertThat(SEEDS.stream().map(seed -> Scenarios.mixed(seed, START, SPAN).incidents()).distinct()).hasSize(SEEDS.size());
        assertThat(SEEDS.stream().map(seed -> Scenarios.noiseOnly(seed, START, SPAN).incidents()).distinct()).hasSize(SEEDS.size());
        assertThat(Scenarios.mixed(3, START, SPAN).seed()).isEqualTo(3);
    }

    @Test
    void mixedPlacesFourToSixRealIncidentsAndThreeToSixNoiseEventsAfterTheQuietHour() {
        for (long seed : SEEDS) {
            SimulationConfig config = Scenarios.mixed(seed, START, SPAN);
            List<IncidentPlan> real = config.incidents().stream().filter(i -> !i.type().noise()).toList();
            List<IncidentPlan> noise = config.incidents().stream().filter(i -> i.type().noise()).toList();

            assertThat(config.start()).isEqualTo(START);
            assertThat(config.duration()).isEqualTo(SPAN);
            assertThat(real).as("seed %d", seed).hasSizeBetween(4, 6)
                    .extracting(IncidentPlan::type).contains(Type.COMPLAINT_SPIKE, Type.OUTAGE);
            assertThat(noise).as("seed %d", seed).hasSizeBetween(3, 6).extracting(IncidentPlan::type)
                    .contains(Type.RETWEET_STORM, Type.BOT_BURST, Type.FURIOUS_ACCOUNT);
            assertThat(config.incidents()).allSatisfy(i -> {
                assertThat(i.offset()).isGreaterThanOrEqualTo(Scenarios.QUIET_START);
                assertThat(i.end().plus(i.recovery())).isLessThan(SPAN);
            });
            assertThat(real).allSatisfy(i -> {
                assertThat(i.duration()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(40));
                assertThat(i.minExtraPerMinute()).isEqualTo(IncidentPlan.DEFAULT_MIN_EXTRA_PER_MINUTE);
            });
            assertThat(real).filteredOn(i -> i.type() == Type.COMPLAINT_SPIKE)
                    .allSatisfy(i -> assertThat(i.intensity()).isBetween(3.0, 10.0));
            assertThat(real).filteredOn(i -> i.type() == Type.OUTAGE).allSatisfy(i -> {
                assertThat(i.regionCode()).isNotNull();
                assertThat(i.recovery()).isPositive();
            });
        }
    }

    @Test
    void noiseEventsHaveTheSizesTheyClaim() {
        List<IncidentPlan> noise = SEEDS.stream().flatMap(seed -> Scenarios.noiseOnly(seed, START, SPAN).incidents().stream()).toList();

        assertThat(noise).filteredOn(i -> i.type() == Type.RETWEET_STORM).isNotEmpty()
                .allSatisfy(i -> assertThat(i.intensity()).isBetween(300.0, 1_500.0));
        assertThat(noise).filteredOn(i -> i.type() == Type.BOT_BURST).isNotEmpty().allSatisfy(i -> {
            assertThat(i.intensity()).isBetween(20.0, 40.0);
            assertThat(i.duration()).isLessThanOrEqualTo(Duration.ofMinutes(6));
        });
        assertThat(noise).filteredOn(i -> i.type() == Type.FURIOUS_ACCOUNT).isNotEmpty()
                .allSatisfy(i -> assertThat(i.intensity()).isBetween(30.0, 80.0));
    }

    @Test
    void eventsOnOneBrandNeverOverlapAndKeepTheirDistance() {
        for (long seed : SEEDS) {
            for (SimulationConfig config : List.of(Scenarios.mixed(seed, START, SPAN), Scenarios.noiseOnly(seed, START, SPAN))) {
                List<IncidentPlan> incidents = config.incidents();
                for (int a = 0; a < incidents.size(); a++) {
                    for (int b = a + 1; b < incidents.size(); b++) {
                        IncidentPlan first = incidents.get(a);
                        IncidentPlan second = incidents.get(b);
                        if (first.brand().equals(second.brand())) {
                            assertThat(second.offset()).as("seed %d: %s then %s", seed, first, second)
                                    .isGreaterThanOrEqualTo(first.end().plus(first.recovery()).plus(Scenarios.BRAND_GAP));
                        }
                    }
                }
            }
        }
    }

    @Test
    void noiseOnlyHasNoRealIncident() {
        for (long seed : SEEDS) {
            assertThat(Scenarios.noiseOnly(seed, START, SPAN).incidents()).as("seed %d", seed).hasSizeBetween(3, 6)
                    .allSatisfy(i -> assertThat(i.type().noise()).isTrue())
                    .extracting(IncidentPlan::type).containsAll(EnumSet.of(Type.RETWEET_STORM, Type.BOT_BURST, Type.FURIOUS_ACCOUNT));
        }
    }

    @Test
    void refusesASpanTooShortForAQuietHourAndItsEvents() {
        assertThatThrownBy(() -> Scenarios.mixed(1, START, Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3 h");
    }

    @Test
    void aMixedRunsGroundTruthListsEveryPlannedIncidentAndEverySpikeBeatsItsFloor() throws Exception {
        SimulationConfig config = Scenarios.mixed(5, START, SPAN);
        List<SimulatedRecord> records = new ArrayList<>();
        GroundTruth truth = new FirehoseSimulator(config).run(records::add);
        CanonicalPostJson parser = new CanonicalPostJson();
        List<Post> posts = new ArrayList<>();
        for (SimulatedRecord record : records) {
            if (record.kind() != Kind.MALFORMED) {
                posts.add(parser.parse(record.value()));
            }
        }

        assertThat(truth.incidents()).hasSameSizeAs(config.incidents());
        for (int i = 0; i < config.incidents().size(); i++) {
            IncidentPlan plan = config.incidents().get(i);
            GroundTruth.Incident incident = truth.incidents().get(i);
            assertThat(incident.type()).isEqualTo(plan.type().id());
            assertThat(incident.noise()).isEqualTo(plan.type().noise());
            assertThat(incident.brand()).isEqualTo(plan.brand());
            assertThat(incident.start()).isEqualTo(START.plus(plan.offset()).toString());
            assertThat(incident.end()).isEqualTo(START.plus(plan.end()).toString());
            assertThat(incident.posts()).isPositive();
            if (plan.type() == Type.COMPLAINT_SPIKE) {
                int[] authors = distinctAuthorsPerMinute(posts, incident);
                assertThat(Arrays.stream(authors).min().orElseThrow()).as("%s: %s", plan, Arrays.toString(authors))
                        .isGreaterThanOrEqualTo(plan.minExtraPerMinute());
            }
        }
    }

    /** Distinct authors of original posts naming the incident's brand in each whole minute of it. */
    private static int[] distinctAuthorsPerMinute(List<Post> posts, GroundTruth.Incident incident) {
        Brands.Brand brand = Brands.byId(incident.brand());
        long from = Instant.parse(incident.start()).toEpochMilli();
        int minutes = (int) ((Instant.parse(incident.end()).toEpochMilli() - from) / 60_000);
        int[] counts = new int[minutes];
        for (int m = 0; m < minutes; m++) {
            long lo = from + m * 60_000L;
            counts[m] = (int) posts.stream().filter(p -> !p.isRetweet() && p.createdAt() >= lo && p.createdAt() < lo + 60_000)
                    .filter(p -> names(p, brand)).map(p -> p.author().id()).distinct().count();
        }
        return counts;
    }

    private static boolean names(Post post, Brands.Brand brand) {
        String text = post.text().toLowerCase(Locale.ROOT);
        return brand.names().stream().anyMatch(n -> text.contains(n.toLowerCase(Locale.ROOT)))
                || text.contains("@" + brand.handle()) || text.contains("#" + brand.hashtag());
    }
}
