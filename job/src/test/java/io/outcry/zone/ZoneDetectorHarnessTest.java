package io.outcry.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.outcry.detect.AlertEvent;
import io.outcry.post.CitedPost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZoneDetectorHarnessTest {

    static final long MINUTE = 60_000;
    static final long T0 = Instant.parse("2026-11-20T17:00:00Z").toEpochMilli();
    /** Centre of Milan's precision-4 cell; cells east of it are {@link #LON_STEP} apart. */
    static final double LAT = 45.4643;
    static final double LON = 9.1895;
    static final double LON_STEP = 360.0 / 1024;

    private ZoneStages harness;
    private long minute;
    private int postId;

    static ZoneStages detector() throws Exception {
        return new ZoneStages(ZoneSettings.defaults().withWarmupWindows(0));
    }

    @BeforeEach
    void start() throws Exception {
        harness = detector();
        harness.open();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    /** {@code voices} authors complaining in the cell {@code column} steps east of Milan's. */
    private List<ZonePost> outage(int column, int voices) {
        List<ZonePost> posts = new ArrayList<>();
        for (int i = 0; i < voices; i++) {
            posts.add(complaint("p" + postId++, "c" + column + "-" + i, now() + 1_000 * i, LAT + 0.01 * (i % 3),
                    LON + column * LON_STEP, column == 0 ? 0.6 : 1.0, column, 100L * i, true, false));
        }
        return posts;
    }

    /** An outage post as {@link ZonePosts} makes it, citable as an example. */
    private static ZonePost complaint(String id, String author, long at, double lat, double lon, double confidence,
            int column, long followers, boolean complaint, boolean retweet) {
        CitedPost cited = new CitedPost(id, "twitter", at, followers, complaint, "no signal in Town" + column + " (" + id + ")",
                "https://x.com/" + author + "/status/" + id, "IT.09", "Lombardy", ZonePosts.OUTAGE_TOPIC,
                at - Math.floorMod(at, MINUTE));
        return new ZonePost("windtre", id, author, at, lat, lon, confidence, "text", retweet, false, "Town" + column,
                "Province" + column, "Lombardy", 0, cited);
    }

    /** One complaint in the cell {@code column} steps east of Milan's, from an author not heard before. */
    private ZonePost newVoice(int column) {
        int id = postId++;
        return new ZonePost("windtre", "p" + id, "new-" + id, now() + 30_000, LAT, LON + column * LON_STEP, 0.6, "text",
                false, false, "Town" + column, "Province" + column, "Lombardy", 0);
    }

    private List<ZonePost> restored(int column, int authors, boolean retweets) {
        List<ZonePost> posts = new ArrayList<>();
        for (int i = 0; i < authors; i++) {
            posts.add(new ZonePost("windtre", "r" + postId++, (retweets ? "rt" : "ok") + column + "-" + i,
                    now() + 59_000L * (i + 1) / (authors + 1), LAT, LON + column * LON_STEP, 1.0, "coordinates", retweets, true,
                    null, null, null, 0));
        }
        return posts;
    }

    /** One minute of posts, then the watermark past its end; the events it caused. */
    @SafeVarargs
    private List<ZoneEvent> minute(List<ZonePost>... groups) throws Exception {
        int before = harness.extractOutputValues().size();
        for (List<ZonePost> group : groups) {
            for (ZonePost post : group) {
                harness.processElement(post);
            }
        }
        harness.processWatermark(T0 + (minute + 1) * MINUTE - 1);
        minute++;
        List<ZoneEvent> all = harness.extractOutputValues();
        return all.subList(before, all.size());
    }

    private long now() {
        return T0 + minute * MINUTE;
    }

    @Test
    void opensASuspectedZoneAndConfirmsItOnTheSecondHotWindow() throws Exception {
        List<ZoneEvent> first = minute(outage(0, 5));
        assertThat(first).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("open");
            assertThat(e.status()).isEqualTo(Zone.SUSPECTED);
            assertThat(e.onset()).isEqualTo(T0);
            assertThat(e.cells()).containsExactly(Geohash.encode(LAT, LON, 4));
            assertThat(e.voices()).isEqualTo(5);
            assertThat(e.towns()).containsExactly("Town0");
            assertThat(e.confidence()).isEqualTo(0.6);
            assertThat(e.zoneId()).isEqualTo("windtre|" + Geohash.encode(LAT, LON, 4) + "|" + Instant.ofEpochMilli(T0));
        });
        List<ZoneEvent> second = minute(outage(0, 6));
        assertThat(second).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("confirm");
            assertThat(e.status()).isEqualTo(Zone.CONFIRMED);
            assertThat(e.sequence()).isEqualTo(1);
            assertThat(e.uniqueAuthors()).isEqualTo(6);
            assertThat(e.peakVoices()).isEqualTo(6);
            assertThat(e.lastSeen()).isEqualTo(T0 + 2 * MINUTE);
        });
    }

    @Test
    void theEndOfABoundedInputLeavesAZoneAsItsLastPostsLeftIt() throws Exception {
        minute(outage(0, 5));
        minute(outage(0, 6));
        int before = harness.extractOutputValues().size();
        for (ZonePost post : outage(0, 7)) {
            harness.processElement(post);
        }
        harness.processWatermark(Long.MAX_VALUE);
        // the last posts' window is judged; the minutes after the input are not taken for quiet ones
        List<ZoneEvent> atTheEnd = harness.extractOutputValues().subList(before, harness.extractOutputValues().size());
        assertThat(atTheEnd).isNotEmpty().allSatisfy(e -> assertThat(e.status()).isEqualTo(Zone.CONFIRMED));
    }

    /** {@code accounts} low-reach accounts posting one text from the cell {@code column} steps east of Milan's. */
    private List<ZonePost> campaign(int column, int accounts) {
        List<ZonePost> posts = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            posts.add(new ZonePost("windtre", "p" + postId++, "bot" + column + "-" + i, now() + 1_000 * i, LAT, LON + column * LON_STEP,
                    0.6, "text", false, false, "Town" + column, "Province" + column, "Lombardy", 42L));
        }
        return posts;
    }

    @Test
    void aCopyPasteCampaignOfLowReachAccountsIsOneVoiceNotAZone() throws Exception {
        assertThat(minute(campaign(0, 30))).isEmpty();
        assertThat(minute(campaign(0, 30), outage(1, 1))).isEmpty();
        // six people who each word their complaint their own way are a crowd
        assertThat(minute(outage(2, 6))).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("open");
            assertThat(e.voices()).isEqualTo(6);
        });
    }

    @Test
    void aZoneThatOneLoudMinuteOpensIsDatedFromTheQuieterMinutesThatBeganTheRise() throws Exception {
        for (int i = 0; i < 20; i++) {
            minute(List.of(newVoice(5)));
        }
        assertThat(minute(outage(0, 2), List.of(newVoice(5)))).isEmpty();
        assertThat(minute(outage(0, 2), List.of(newVoice(5)))).isEmpty();
        assertThat(minute(outage(0, 6), List.of(newVoice(5)))).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("open");
            assertThat(e.onset()).isEqualTo(T0 + 20 * MINUTE);
        });
    }

    @Test
    void aZoneHotForOneWindowOnlyIsDismissedAtOnce() throws Exception {
        minute(outage(0, 4));
        assertThat(minute()).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("dismiss");
            assertThat(e.status()).isEqualTo(Zone.RESOLVED);
        });
        assertThat(minute()).isEmpty();
    }

    @Test
    void theBurstThatOpenedAZoneDoesNotConfirmItInTheMinuteAfter() throws Exception {
        minute(outage(0, 5));
        // a span of the last five minutes still holds the burst; what counts is the voice heard besides
        assertThat(minute(outage(0, 1))).singleElement().satisfies(e -> assertThat(e.event()).isEqualTo("dismiss"));
    }

    @Test
    void noZoneOpensWhileTheBaselinesWarmUp() throws Exception {
        harness.close();
        harness = new ZoneStages(ZoneSettings.defaults());
        harness.open();
        for (int i = 0; i < 15; i++) {
            assertThat(minute(i == 3 ? outage(0, 8) : outage(0, 1))).isEmpty();
        }
        assertThat(minute(outage(0, 12))).extracting(ZoneEvent::event).containsExactly("open");
    }

    /** {@code n} complaints in the cell {@code column} steps east of Milan's, each from an author not heard before. */
    private List<ZonePost> newVoices(int column, int n) {
        List<ZonePost> posts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            posts.add(newVoice(column));
        }
        return posts;
    }

    @Test
    void aSlowOutageInABusyCellIsNotLearntBeforeItIsJudged() throws Exception {
        // a big city: one complaint a minute for five hours, the rest of the brand two a minute far away
        for (int i = 0; i < 300; i++) {
            assertThat(minute(newVoices(0, 1), newVoices(6, 2))).isEmpty();
        }
        long rise = now();
        List<ZoneEvent> events = new ArrayList<>();
        int minutes = 0;
        while (events.isEmpty() && minutes < 30) {
            events.addAll(minute(newVoices(0, 3), newVoices(6, 2)));
            minutes++;
        }
        // three a minute never make one window hot; a baseline of the last twenty minutes would
        // have learnt them before any span was sure, the cell's share of the brand does not
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("open");
            assertThat(e.onset()).isEqualTo(rise);
        });
        assertThat(minutes).isBetween(4, 15);
    }

    /** An hour of a brand heard in four towns far apart, a quarter of it in the cell of column 0. */
    private void anHourOfFourTowns() throws Exception {
        for (int i = 0; i < 60; i++) {
            assertThat(minute(newVoices(0, 1), newVoices(6, 1), newVoices(12, 1), newVoices(18, 1))).isEmpty();
        }
    }

    @Test
    void theBiggestTownInANationwideStormsFirstMinuteIsNoZone() throws Exception {
        anHourOfFourTowns();
        // twelve voices where one is usual are unlikely even with the rest of the brand five times
        // up, a rise damped by its prior; but twelve of twenty-seven is what a town with a quarter
        // of the brand brings now and then
        assertThat(minute(newVoices(0, 12), newVoices(6, 5), newVoices(12, 5), newVoices(18, 5))).isEmpty();
    }

    @Test
    void theSameVoicesInOneTownWhileTheRestOfTheBrandIsAsUsualOpenAZone() throws Exception {
        anHourOfFourTowns();
        assertThat(minute(newVoices(0, 12), newVoices(6, 1), newVoices(12, 1), newVoices(18, 1))).singleElement()
                .satisfies(e -> assertThat(e.event()).isEqualTo("open"));
    }

    @Test
    void theWholeBrandsDailyRampIsNoZone() throws Exception {
        for (int i = 0; i < 120; i++) {
            assertThat(minute(newVoices(0, 1), newVoices(6, 1), newVoices(12, 1))).isEmpty();
        }
        // every cell of the brand triples over two hours, as a morning does
        for (int i = 0; i < 120; i++) {
            int n = 1 + i / 40;
            assertThat(minute(newVoices(0, n), newVoices(6, n), newVoices(12, n))).isEmpty();
        }
    }

    @Test
    void aBrandThatFallsSilentLeavesNoStateOnceItsCellsAreForgotten() throws Exception {
        minute(outage(0, 2));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        minute += 3 * 24 * 60;
        minute(restored(0, 1, false));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aBrandWhosePostsComeMinutesApartForgetsItsFirstVoiceAsTheMinutesPass() throws Exception {
        // one complaint in the brand's first minute, then one far away every five minutes for an hour
        minute(newVoices(0, 1));
        for (int i = 1; i < 60; i++) {
            assertThat(minute(i % 5 == 0 ? newVoices(6, 1) : List.of())).isEmpty();
        }
        // the town had one voice in sixty minutes, not one a minute faded by the silent ones
        assertThat(minute(outage(0, 5))).extracting(ZoneEvent::event).containsExactly("open");
    }

    @Test
    void silentWindowsFadeAnAverageAsJudgingEachOfThemWould() {
        double alpha = ZoneSettings.defaults().shareAlpha();
        for (long learnt : new long[] {0, 1, 7, 150, 199, 200, 5_000}) {
            double oneByOne = 1;
            for (long w = learnt; w < learnt + 300; w++) {
                oneByOne *= ZoneDetector.fade(w, 1, alpha);
            }
            assertThat(ZoneDetector.fade(learnt, 300, alpha)).isCloseTo(oneByOne, offset(1e-12));
        }
        assertThat(ZoneDetector.fade(1, 59, alpha)).isCloseTo(1 / 60.0, offset(1e-12));
    }

    @Test
    void aFewComplaintsInACellAreNoZone() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(minute(outage(0, 2))).isEmpty();
        }
    }

    @Test
    void aCellsBaselineRaisesItsBar() throws Exception {
        // two voices a minute for an hour: a busy cell; five are no outage there, twelve are
        for (int i = 0; i < 60; i++) {
            minute(outage(0, 2));
        }
        assertThat(minute(outage(0, 5))).isEmpty();
        assertThat(minute(outage(0, 12))).extracting(ZoneEvent::event).containsExactly("open");
    }

    @Test
    void growsIntoANeighbouringCellAndShrinksBack() throws Exception {
        minute(outage(0, 5));
        List<ZoneEvent> grown = minute(outage(0, 5), outage(1, 4));
        assertThat(grown).singleElement().satisfies(e -> {
            assertThat(e.cells()).hasSize(2);
            assertThat(e.bbox().get(3) - e.bbox().get(1)).isGreaterThan(1.9 * LON_STEP);
        });
        List<ZoneEvent> shrunk = minute(outage(1, 4));
        assertThat(shrunk).singleElement().satisfies(e -> {
            assertThat(e.cells()).containsExactly(Geohash.encode(LAT, LON + LON_STEP, 4));
            assertThat(e.zoneId()).isEqualTo(grown.get(0).zoneId());
        });
    }

    @Test
    void twoZonesWhoseCellsMeetMergeIntoTheOlder() throws Exception {
        String west = minute(outage(0, 5)).get(0).zoneId();
        List<ZoneEvent> both = minute(outage(0, 5), outage(2, 5));
        String east = both.stream().filter(e -> e.event().equals("open")).findFirst().orElseThrow().zoneId();
        List<ZoneEvent> merged = minute(outage(0, 5), outage(1, 5), outage(2, 5));
        assertThat(merged).extracting(ZoneEvent::zoneId, ZoneEvent::event)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(east, "merge"),
                        org.assertj.core.groups.Tuple.tuple(west, "update"));
        ZoneEvent survivor = merged.stream().filter(e -> e.zoneId().equals(west)).findFirst().orElseThrow();
        assertThat(survivor.cells()).hasSize(3);
        assertThat(survivor.uniqueAuthors()).isEqualTo(15);
        ZoneEvent gone = merged.stream().filter(e -> e.zoneId().equals(east)).findFirst().orElseThrow();
        assertThat(gone.status()).isEqualTo(Zone.RESOLVED);
        assertThat(gone.related()).isEqualTo(west);
        assertThat(survivor.examples()).as("the best of both zones' posts").hasSize(5)
                .extracting(CitedPost::id).containsAnyElementsOf(ids(gone));
        assertThat(minute(outage(0, 5), outage(1, 5), outage(2, 5))).extracting(ZoneEvent::zoneId).containsExactly(west);
    }

    @Test
    void aZoneWhoseCellsFallApartSplitsAndTheLouderPartKeepsIt() throws Exception {
        minute(outage(0, 5), outage(1, 5), outage(2, 5));
        String zone = minute(outage(0, 5), outage(1, 5), outage(2, 5)).get(0).zoneId();
        List<ZoneEvent> split = minute(outage(0, 3), outage(2, 6));
        assertThat(split).hasSize(2);
        ZoneEvent kept = split.stream().filter(e -> e.zoneId().equals(zone)).findFirst().orElseThrow();
        ZoneEvent part = split.stream().filter(e -> !e.zoneId().equals(zone)).findFirst().orElseThrow();
        assertThat(kept.cells()).containsExactly(Geohash.encode(LAT, LON + 2 * LON_STEP, 4));
        assertThat(part.event()).isEqualTo("split");
        assertThat(part.related()).isEqualTo(zone);
        assertThat(part.status()).isEqualTo(Zone.CONFIRMED);
        assertThat(part.onset()).isEqualTo(T0);
        assertThat(part.cells()).containsExactly(Geohash.encode(LAT, LON, 4));
    }

    @Test
    void recoversWhenPeopleSayItWorksAgainAndResolvesAfterQuietWindows() throws Exception {
        minute(outage(0, 6));
        minute(outage(0, 6));
        minute(outage(0, 6));
        long back = now();
        List<ZoneEvent> recovering = minute(restored(0, 4, false));
        assertThat(recovering).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("recovering");
            assertThat(e.restoredAuthors()).isEqualTo(4);
            // the first restored post: a quorum of restored authors follows it, and no complaint
            assertThat(e.recoveryAt()).isEqualTo(back + 11_800);
            assertThat(e.lastSeen()).isEqualTo(back);
        });
        for (int i = 0; i < 3; i++) {
            assertThat(minute()).isEmpty();
        }
        assertThat(minute()).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("resolve");
            assertThat(e.status()).isEqualTo(Zone.RESOLVED);
            assertThat(e.resolvedAt()).isEqualTo(back + 5 * MINUTE);
            assertThat(e.recoveryAt()).isEqualTo(back + 11_800);
        });
        assertThat(minute()).isEmpty();
    }

    @Test
    void itWorksAgainPostsAfterAZoneResolvedOnSilenceRedateItsRecovery() throws Exception {
        minute(outage(0, 6));
        minute(outage(0, 6));
        long silent = now();
        List<ZoneEvent> quiet = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            quiet.addAll(minute());
        }
        assertThat(quiet).extracting(ZoneEvent::event).containsExactly("recovering", "resolve");
        assertThat(quiet.get(1).recoveryAt()).isEqualTo(silent);

        long back = now();
        List<ZoneEvent> redated = minute(restored(0, 4, false));
        assertThat(redated).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("update");
            assertThat(e.status()).isEqualTo(Zone.RESOLVED);
            assertThat(e.recoveryAt()).isEqualTo(back + 11_800);
            assertThat(e.resolvedAt()).isEqualTo(quiet.get(1).resolvedAt());
        });
        List<AlertEvent> alerts = new ArrayList<>();
        new ZoneAlerts().flatMap(redated.get(0), new ListCollector<>(alerts));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.event()).isEqualTo("update");
            assertThat(a.status()).isEqualTo(AlertEvent.RESOLVED);
        });
    }

    @Test
    void aResolvedZoneStopsListeningAfterTheLongestSpan() throws Exception {
        minute(outage(0, 6));
        minute(outage(0, 6));
        for (int i = 0; i < 7 + ZoneSettings.defaults().longestSpan(); i++) {
            minute();
        }
        assertThat(minute(restored(0, 4, false))).isEmpty();
    }

    @Test
    void aZoneAlertIsDetectedWhenTheZoneWasConfirmedNotWhenItsLatestEventHappened() throws Exception {
        minute(outage(0, 6));
        minute(outage(0, 6));
        long confirmed = now();
        for (int i = 0; i < 4; i++) {
            minute(outage(0, 6));
        }
        minute(restored(0, 4, false));
        for (int i = 0; i < 4; i++) {
            minute();
        }
        List<AlertEvent> alerts = new ArrayList<>();
        ZoneAlerts zoneAlerts = new ZoneAlerts();
        for (ZoneEvent e : harness.extractOutputValues()) {
            zoneAlerts.flatMap(e, new ListCollector<>(alerts));
        }
        assertThat(alerts).extracting(AlertEvent::event).startsWith("open").endsWith("resolve");
        assertThat(alerts).extracting(AlertEvent::detectedAt).containsOnly(confirmed);
        assertThat(alerts.get(alerts.size() - 1).eventTime()).isGreaterThan(confirmed + 5 * MINUTE);
    }

    @Test
    void withoutRestoredPostsTheRecoveryIsTheReturnToBaseline() throws Exception {
        minute(outage(0, 6));
        minute(outage(0, 6));
        long back = now();
        assertThat(minute()).singleElement().satisfies(e -> assertThat(e.recoveryAt()).isEqualTo(back));
    }

    @Test
    void aStormOfItWorksAgainRetweetsLeavesAZoneThatIsStillDownOpen() throws Exception {
        minute(outage(0, 6));
        minute(outage(0, 6));
        for (int i = 0; i < 5; i++) {
            List<ZoneEvent> events = minute(outage(0, 5), restored(0, 200, true), restored(0, 1, false));
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.status()).isEqualTo(Zone.CONFIRMED);
                assertThat(e.recoveryAt()).isEqualTo(-1);
                assertThat(e.restoredAuthors()).isLessThanOrEqualTo(1);
            });
        }
        ZoneEvent last = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertThat(last.restoredRetweets()).isEqualTo(1000);
        assertThat(last.restoredAuthors()).isEqualTo(1);
    }

    @Test
    void anOutageOfTwoComplaintsAMinuteOpensAZoneOverTheLongerSpansDatedFromWhereItRose() throws Exception {
        // the brand's first window, far away, then twenty quiet ones: the cell's baseline is nothing
        minute(List.of(newVoice(6)));
        for (int i = 0; i < 20; i++) {
            minute();
        }
        long rise = now();
        List<ZoneEvent> events = new ArrayList<>();
        int minutes = 0;
        while (events.isEmpty() && minutes < 30) {
            events.addAll(minute(List.of(newVoice(0), newVoice(0))));
            minutes++;
        }
        // two voices a minute never make a one-minute window hot (3 needed); five minutes of
        // them are unlikely under the cell's baseline, though it learns from them meanwhile
        assertThat(minutes).isBetween(3, 8);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("open");
            assertThat(e.onset()).isEqualTo(rise);
        });
        assertThat(minute(List.of(newVoice(0), newVoice(0)))).singleElement()
                .satisfies(e -> assertThat(e.event()).isEqualTo("confirm"));
        // at its own rate (under two voices a minute above baseline) a silent minute is likely,
        // two or three in a row are not (e^-3 < 0.05)
        assertThat(minute()).isEmpty();
        List<ZoneEvent> after = new ArrayList<>(minute());
        after.addAll(minute());
        assertThat(after).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("recovering");
            assertThat(e.recoveryAt()).isEqualTo(e.lastSeen());
        });
    }

    @Test
    void aZoneThatALongSpanOpenedHasThatSpansRateSoAFewSilentMinutesDoNotDismissIt() throws Exception {
        // a brand heard far away every minute for hours: the cell's share of it is nothing
        for (int i = 0; i < 300; i++) {
            minute(List.of(newVoice(6)));
        }
        long rise = now();
        // two voices every other minute: only a span of many minutes is hot
        List<ZoneEvent> events = new ArrayList<>();
        for (int i = 0; events.isEmpty() && i < 30; i++) {
            events.addAll(minute(i % 2 == 0 ? List.of(newVoice(0), newVoice(0), newVoice(6)) : List.of(newVoice(6))));
        }
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("open");
            assertThat(e.onset()).isEqualTo(rise);
            assertThat(e.eventTime() - rise).isGreaterThan(5 * MINUTE);
        });
        // two silent minutes are likely at the rise's voice a minute (e^-2), not at the two
        // voices of the minute that tipped the span (e^-4)
        for (int i = 0; i < 2; i++) {
            assertThat(minute(List.of(newVoice(6)))).extracting(ZoneEvent::event).isEmpty();
        }
    }

    @Test
    void aSlowOutageWhoseMinutesBringAVoiceOrTwoIsStillDownAndItsSilenceIsNot() {
        // Naples, vodafone, realistic seed 10: about one voice a minute above a baseline of 0.6
        assertThat(ZoneDetector.stillDown(1.2, 0.6, 4, 5)).isTrue();
        assertThat(ZoneDetector.stillDown(1.2, 0.6, 10, 14)).isTrue();
        // four silent minutes, or back to the baseline for ten, are the end of it
        assertThat(ZoneDetector.stillDown(1.2, 0.6, 4, 0)).isFalse();
        assertThat(ZoneDetector.stillDown(1.2, 0.6, 10, 6)).isFalse();
        // a loud zone is not down on a voice a minute
        assertThat(ZoneDetector.stillDown(6, 0.6, 2, 2)).isFalse();
    }

    @Test
    void anOutageThatIsOverDoesNotOpenAZoneAgainFromItsOwnPastVoices() throws Exception {
        minute(outage(0, 6));
        minute(outage(0, 6));
        minute(restored(0, 4, false));
        List<ZoneEvent> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.addAll(minute());
        }
        assertThat(events).extracting(ZoneEvent::event).containsExactly("resolve");
        // the six authors of the outage and a new one would be a surprise over fifteen minutes
        for (int i = 0; i < 5; i++) {
            assertThat(minute(List.of(newVoice(0)))).isEmpty();
        }
    }

    @Test
    void aLoneEarlyItWorksAgainIsOutvotedByTheComplaintsThatFollowIt() throws Exception {
        minute(outage(0, 6));
        minute(outage(0, 6));
        ZonePost early = new ZonePost("windtre", "early", "lucky-one", now() + 10_000, LAT, LON, 1.0, "coordinates", false, true,
                null, null, null, 0);
        minute(outage(0, 6), List.of(early));
        minute(outage(0, 6));
        long back = now();
        assertThat(minute(restored(0, 4, false))).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("recovering");
            assertThat(e.restoredAuthors()).isEqualTo(5);
            assertThat(e.recoveryAt()).isEqualTo(back + 11_800);
        });
    }

    @Test
    void aRelapseWhileRecoveringConfirmsTheZoneAgain() throws Exception {
        minute(outage(0, 6));
        minute(outage(0, 6));
        minute(restored(0, 3, false));
        assertThat(minute(outage(0, 4))).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("relapse");
            assertThat(e.status()).isEqualTo(Zone.CONFIRMED);
            assertThat(e.recoveryAt()).isEqualTo(-1);
        });
    }

    @Test
    void postsForAJudgedWindowAreLeftOut() throws Exception {
        minute(outage(0, 6));
        minute();
        minute--;
        minute--;
        assertThat(minute(outage(0, 6))).isEmpty();
    }

    @Test
    void aRestartFromASnapshotEmitsWhatAnUninterruptedRunDoes() throws Exception {
        List<List<ZonePost>> script = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            minute = i;
            script.add(i < 3 ? outage(0, 6) : i < 5 ? concat(outage(0, 6), outage(1, 4)) : i < 7 ? outage(1, 5)
                    : i == 7 ? restored(1, 4, false) : List.of());
        }
        minute = 0;
        List<ZoneEvent> uninterrupted = new ArrayList<>();
        List<ZoneEvent> restarted = new ArrayList<>();
        runWholeAndRestarted(script, 6, uninterrupted, restarted);
        assertThat(restarted).isEqualTo(uninterrupted);
        assertThat(uninterrupted).extracting(ZoneEvent::event).contains("open", "confirm", "recovering", "resolve");
    }

    /**
     * Runs the script, a list of posts per minute, on the open detector into {@code uninterrupted},
     * then on a fresh one into {@code restarted}, restarted from a snapshot after {@code restartAt} minutes.
     */
    private void runWholeAndRestarted(List<List<ZonePost>> script, int restartAt, List<ZoneEvent> uninterrupted,
            List<ZoneEvent> restarted) throws Exception {
        for (List<ZonePost> posts : script) {
            uninterrupted.addAll(minute(posts));
        }
        harness.close();

        harness = detector();
        harness.open();
        minute = 0;
        for (int i = 0; i < restartAt; i++) {
            restarted.addAll(minute(script.get(i)));
        }
        ZoneStages.Snapshot snapshot = harness.snapshot(1, now());
        harness.close();
        harness = detector();
        harness.initializeState(snapshot);
        harness.open();
        for (int i = restartAt; i < script.size(); i++) {
            restarted.addAll(minute(script.get(i)));
        }
    }

    /** A complaint, or not, from its own author in Milan's cell this minute. */
    private ZonePost cited(String id, long followers, boolean complaint, boolean retweet) {
        return complaint(id, "u-" + id, now() + 1_000 * (postId++ % 50), LAT, LON, 0.6, 0, followers, complaint, retweet);
    }

    private static List<String> ids(ZoneEvent event) {
        return event.examples().stream().map(CitedPost::id).toList();
    }

    @Test
    void aZoneCitesItsBestOutagePostsWhateverOrderTheyCameIn() throws Exception {
        List<ZonePost> posts = List.of(cited("a", 50, true, false), cited("b", 5_000, true, false),
                cited("c", 50, true, false), cited("d", 1_000_000, true, true), cited("e", 900_000, false, false),
                cited("f", 10, true, false), cited("g", 300, true, false));
        ZoneEvent inOrder = minute(posts).get(0);
        harness.close();
        harness = detector();
        harness.open();
        minute = 0;
        List<ZonePost> backwards = new ArrayList<>(posts);
        java.util.Collections.reverse(backwards);
        ZoneEvent reversed = minute(backwards).get(0);

        // complaints first, originals before a retweet however far it reached, then reach, then id; five at most
        assertThat(ids(inOrder)).containsExactly("b", "g", "a", "c", "f");
        assertThat(reversed.examples()).isEqualTo(inOrder.examples());
        assertThat(inOrder.examples().get(0)).satisfies(b -> {
            assertThat(b.text()).isEqualTo("no signal in Town0 (b)");
            assertThat(b.permalink()).isEqualTo("https://x.com/u-b/status/b");
            assertThat(b.regionCode()).isEqualTo("IT.09");
            assertThat(b.topic()).isEqualTo("outage");
            assertThat(b.windowStart()).isEqualTo(T0);
        });

        // a later hot window's better post takes its place among them
        ZoneEvent confirmed = minute(List.of(cited("h", 10_000, true, false), cited("i", 1, true, false),
                cited("j", 1, true, false), cited("k", 1, true, false))).get(0);
        assertThat(confirmed.event()).isEqualTo("confirm");
        assertThat(ids(confirmed)).containsExactly("h", "b", "g", "a", "c");
    }

    @Test
    void aWaitingWindowKeepsTheTextOfItsCellsBestFewPostsOnly() throws Exception {
        List<ZonePost> busy = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            busy.add(cited("m" + (char) ('a' + i), 37L * ((i * 7) % 20), true, false));
        }
        List<ZonePost> quiet = outage(3, 3);
        for (ZonePost post : concat(busy, quiet)) {
            harness.processElement(post);
        }
        List<ZonePost> waiting = concat(harness.waiting("windtre", LAT, LON).get(T0),
                harness.waiting("windtre", LAT, LON + 3 * LON_STEP).get(T0));
        List<String> withText = waiting.stream().filter(post -> post.example() != null).map(ZonePost::postId).toList();
        List<String> bestFive = busy.stream().sorted(Comparator.comparing((ZonePost post) -> -post.example().followers())
                .thenComparing(ZonePost::postId)).limit(5).map(ZonePost::postId).toList();
        assertThat(waiting).hasSize(23);
        assertThat(withText).containsExactlyInAnyOrderElementsOf(concat(bestFive, quiet.stream().map(ZonePost::postId).toList()));

        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(harness.extractOutputValues()).filteredOn(e -> e.cells().contains(Geohash.encode(LAT, LON, 4)))
                .singleElement().satisfies(e -> assertThat(ids(e)).containsExactlyElementsOf(bestFive));
        assertThat(harness.waiting("windtre", LAT, LON).isEmpty()).as("the judged window's posts and texts are gone").isTrue();
    }

    @Test
    void aRestartWhileAWindowWaitsCitesWhatAnUninterruptedRunCites() throws Exception {
        List<ZonePost> posts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            posts.add(cited("w" + (char) ('a' + i), (i * 5L) % 12 * 100, i % 4 != 0, i % 5 == 0));
        }
        List<ZoneEvent> uninterrupted = minute(posts);
        harness.close();

        harness = detector();
        harness.open();
        minute = 0;
        for (ZonePost post : posts.subList(0, 7)) {
            harness.processElement(post);
        }
        ZoneStages.Snapshot snapshot = harness.snapshot(1, now());
        harness.close();
        harness = detector();
        harness.initializeState(snapshot);
        harness.open();
        List<ZoneEvent> restarted = minute(posts.subList(7, posts.size()));

        assertThat(restarted).isEqualTo(uninterrupted);
        assertThat(uninterrupted).singleElement().satisfies(e -> assertThat(e.examples()).hasSize(5));
    }

    @Test
    void postsWaitingInTheDetectorsCheckpointFromBeforeTheTalliesAreJudgedWithTheirWindow() throws Exception {
        List<ZonePost> first = outage(0, 6);
        minute++;
        List<ZonePost> second = outage(0, 6);
        minute = 0;
        List<ZoneEvent> uninterrupted = new ArrayList<>(minute(first));
        uninterrupted.addAll(minute(second));
        harness.close();

        harness = detector();
        harness.open();
        minute = 0;
        // half of the first minute waits in the detector, as the detector kept posts before ZoneCells
        harness.formerlyWaiting("windtre").put(T0, first.subList(0, 3));
        List<ZoneEvent> upgraded = new ArrayList<>(minute(first.subList(3, first.size())));
        upgraded.addAll(minute(second));

        assertThat(upgraded).isEqualTo(uninterrupted);
        assertThat(uninterrupted).extracting(ZoneEvent::event).containsExactly("open", "confirm");
        assertThat(harness.formerlyWaiting("windtre").isEmpty()).as("the former posts leave with their window").isTrue();
    }

    @Test
    void aResolvedZoneTakesItsExamplesWithIt() throws Exception {
        minute(outage(0, 6));
        minute(outage(0, 6));
        List<ZoneEvent> events = new ArrayList<>(minute(restored(0, 4, false)));
        minute += 3 * 24 * 60;
        events.addAll(minute(restored(1, 1, false)));
        assertThat(events).extracting(ZoneEvent::event).contains("resolve");
        assertThat(events).allSatisfy(e -> assertThat(e.examples()).hasSize(5));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    /**
     * Three towns in a row east of Milan: from minute 300 on, the two outer ones hear a voice every
     * other minute and the middle one every third, too few for any span to be sure, until the middle
     * town's three loud minutes (from 380) open a zone and the outer towns' loud minute (383) joins
     * it. The brand is heard far away every minute throughout.
     */
    private List<List<ZonePost>> slowOutageOverThreeTowns() {
        List<List<ZonePost>> script = new ArrayList<>();
        for (int i = 0; i < 388; i++) {
            minute = i;
            List<ZonePost> posts = new ArrayList<>(newVoices(6, 1));
            if (i >= 300 && i < 380) {
                posts.addAll(newVoices(i % 2 == 0 ? 1 : 3, 1));
                posts.addAll(newVoices(2, i % 3 == 0 ? 1 : 0));
            } else if (i >= 380 && i < 383) {
                posts.addAll(newVoices(i % 2 == 0 ? 1 : 3, 1));
                posts.addAll(newVoices(2, 3));
            } else if (i >= 383) {
                posts.addAll(newVoices(1, i == 383 ? 5 : 3));
                posts.addAll(newVoices(2, 3));
                posts.addAll(newVoices(3, i == 383 ? 5 : 3));
            }
            script.add(posts);
        }
        minute = 0;
        return script;
    }

    @Test
    void aSlowOutageOverSeveralTownsFoundLateStatesWhereTheirPooledVoicesRose() throws Exception {
        List<ZoneEvent> events = new ArrayList<>();
        for (List<ZonePost> posts : slowOutageOverThreeTowns()) {
            events.addAll(minute(posts));
        }
        long rise = T0 + 300 * MINUTE;
        // the middle town alone rose with its loud minutes: that is all its cell can tell
        assertThat(events.get(0)).satisfies(e -> {
            assertThat(e.event()).isEqualTo("open");
            assertThat(e.eventTime()).isEqualTo(T0 + 382 * MINUTE);
            assertThat(e.onset()).isEqualTo(T0 + 380 * MINUTE);
            assertThat(e.cells()).hasSize(1);
        });
        // the three towns together rose eighty minutes before, and the zone says so once it covers them
        int grown = 0;
        while (events.get(grown).cells().size() < 3) {
            assertThat(events.get(grown).onset()).isEqualTo(T0 + 380 * MINUTE);
            grown++;
        }
        assertThat(events.get(grown).eventTime()).isEqualTo(T0 + 384 * MINUTE);
        assertThat(events.subList(grown, events.size())).allSatisfy(e -> {
            assertThat(e.onset()).isEqualTo(rise);
            assertThat(e.zoneId()).isEqualTo(events.get(0).zoneId());
        });
        assertThat(events).extracting(ZoneEvent::event).contains("confirm");
    }

    @Test
    void anIsolatedLoudMinuteKeepsTheOnsetOfItsOwnWindow() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(minute(newVoices(6, 1), newVoices(0, i == 20 || i == 60 ? 1 : 0))).isEmpty();
        }
        long loud = now();
        assertThat(minute(outage(0, 6), newVoices(6, 1))).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("open");
            assertThat(e.onset()).isEqualTo(loud);
        });
        assertThat(minute(outage(0, 6), newVoices(6, 1))).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("confirm");
            assertThat(e.onset()).isEqualTo(loud);
        });
    }

    @Test
    void aRestartFromASnapshotDatesAZoneFromTheHistoryItSaved() throws Exception {
        List<List<ZonePost>> script = slowOutageOverThreeTowns();
        List<ZoneEvent> uninterrupted = new ArrayList<>();
        List<ZoneEvent> restarted = new ArrayList<>();
        runWholeAndRestarted(script, 350, uninterrupted, restarted);
        assertThat(restarted).isEqualTo(uninterrupted);
        assertThat(restarted).extracting(ZoneEvent::onset).contains(T0 + 300 * MINUTE);
    }

    /**
     * A town whose outage made one loud minute (a zone, dismissed when the next minute brought one
     * voice), a voice the minute after, then loud minutes again: the second zone, which opens from
     * its own window, states where the first one's voices began. The brand is heard far away every
     * minute throughout.
     */
    private List<List<ZonePost>> anOutageWhoseFirstZoneWasDismissed() {
        List<List<ZonePost>> script = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            minute = i;
            List<ZonePost> posts = new ArrayList<>(newVoices(6, 1));
            posts.addAll(i == 20 || i >= 23 ? outage(0, 5) : i == 21 || i == 22 ? newVoices(0, 1) : List.of());
            script.add(posts);
        }
        minute = 0;
        return script;
    }

    @Test
    void aZoneReopenedMinutesAfterADismissedOneStatesWhereTheDismissedOnesVoicesBegan() throws Exception {
        List<ZoneEvent> events = new ArrayList<>();
        for (List<ZonePost> posts : anOutageWhoseFirstZoneWasDismissed()) {
            events.addAll(minute(posts));
        }
        assertThat(events).extracting(ZoneEvent::event).containsExactly("open", "dismiss", "open", "confirm", "update");
        String first = events.get(0).zoneId();
        List<ZoneEvent> second = events.stream().filter(e -> !e.zoneId().equals(first)).toList();
        // detection is as before: the zone opens from its own window, and its id says so
        assertThat(second.get(0).zoneId()).isEqualTo("windtre|" + Geohash.encode(LAT, LON, 4) + "|" + Instant.ofEpochMilli(T0 + 23 * MINUTE));
        assertThat(second).allSatisfy(e -> assertThat(e.onset()).isEqualTo(T0 + 20 * MINUTE));
    }

    @Test
    void aZoneAfterAResolvedOneIsNotDatedFromTheResolvedOnesVoicesAfterARestartEither() throws Exception {
        List<List<ZonePost>> script = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            minute = i;
            script.add(concat(newVoices(6, 1), i < 2 || i >= 14 ? outage(0, 6) : i == 2 ? restored(0, 4, false) : List.of()));
        }
        minute = 0;
        List<ZoneEvent> uninterrupted = new ArrayList<>();
        List<ZoneEvent> restarted = new ArrayList<>();
        runWholeAndRestarted(script, 10, uninterrupted, restarted);
        assertThat(restarted).isEqualTo(uninterrupted);
        String first = uninterrupted.get(0).zoneId();
        assertThat(uninterrupted).filteredOn(e -> e.zoneId().equals(first)).extracting(ZoneEvent::event)
                .contains("confirm", "resolve");
        // the outage that is over does not date the next one: it opened from its own loud minute
        assertThat(uninterrupted).filteredOn(e -> !e.zoneId().equals(first)).extracting(ZoneEvent::event)
                .containsExactly("open", "confirm");
        assertThat(uninterrupted).filteredOn(e -> !e.zoneId().equals(first))
                .allSatisfy(e -> assertThat(e.onset()).isEqualTo(T0 + 14 * MINUTE));
    }

    @Test
    void aRestartFromASnapshotDatesAReopenedZoneAsAnUninterruptedRunDoes() throws Exception {
        List<ZoneEvent> uninterrupted = new ArrayList<>();
        List<ZoneEvent> restarted = new ArrayList<>();
        runWholeAndRestarted(anOutageWhoseFirstZoneWasDismissed(), 22, uninterrupted, restarted);
        assertThat(restarted).isEqualTo(uninterrupted);
        assertThat(restarted).last().satisfies(e -> assertThat(e.onset()).isEqualTo(T0 + 20 * MINUTE));
    }

    @Test
    void aCellLeavesTheHistoryOnceItsWindowsThereAreAllSilent() throws Exception {
        String town = Geohash.encode(LAT, LON, 4);
        String elsewhere = Geohash.encode(LAT, LON + 6 * LON_STEP, 4);
        minute(newVoices(0, 1), newVoices(6, 1));
        for (int i = 1; i < ZoneDetector.HISTORY_WINDOWS; i++) {
            minute(newVoices(6, 1));
        }
        assertThat(harness.brandState("windtre").history).containsOnlyKeys(town, elsewhere);
        minute(newVoices(6, 1));
        assertThat(harness.brandState("windtre").history).containsOnlyKeys(elsewhere);
        assertThat(harness.brandState("windtre").history.get(elsewhere)).containsOnly((short) 1);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
