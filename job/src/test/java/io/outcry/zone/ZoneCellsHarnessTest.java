package io.outcry.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.outcry.post.CitedPost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZoneCellsHarnessTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = Instant.parse("2026-11-20T17:00:00Z").toEpochMilli();
    private static final double MILAN_LAT = 45.4643;
    private static final double MILAN_LON = 9.1895;
    private static final ZoneSettings SETTINGS = ZoneSettings.defaults();

    private KeyedOneInputStreamOperatorTestHarness<String, ZonePost, CellTally> harness;

    private static KeyedOneInputStreamOperatorTestHarness<String, ZonePost, CellTally> cells() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ZoneCells(SETTINGS)),
                ZoneCells.key(SETTINGS), Types.STRING);
    }

    @BeforeEach
    void start() throws Exception {
        harness = cells();
        harness.open();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static ZonePost post(String id, String author, long at, boolean retweet, boolean restored, long campaign,
            long followers) {
        CitedPost cited = restored ? null : new CitedPost(id, "twitter", at, followers, true, "no signal in Milan (" + id + ")",
                "https://x.com/" + author + "/status/" + id, "IT.09", "Lombardy", ZonePosts.OUTAGE_TOPIC, T0);
        return new ZonePost("windtre", id, author, at, MILAN_LAT, MILAN_LON, 0.5, "text", retweet, restored, "Milan",
                "Milano", "Lombardy", campaign, cited);
    }

    private void send(List<ZonePost> posts) throws Exception {
        for (ZonePost post : posts) {
            harness.processElement(new StreamRecord<>(post, post.createdAt()));
        }
    }

    /** A minute of Milan: two authors, a retweet, two low-reach accounts posting one text, one "it works again". */
    private static List<ZonePost> aMinuteOfMilan() {
        return List.of(post("p1", "anna", T0 + 1_000, false, false, 0, 10), post("p2", "anna", T0 + 2_000, false, false, 0, 10),
                post("p3", "bruno", T0 + 3_000, false, false, 0, 900), post("p4", "carla", T0 + 4_000, true, false, 0, 50),
                post("p5", "bot1", T0 + 5_000, false, false, 77, 1), post("p6", "bot2", T0 + 6_000, false, false, 77, 1),
                post("r1", "dario", T0 + 7_000, false, true, 0, 20));
    }

    @Test
    void talliesACellsWindowOnceTheWatermarkPassesItsEndAndForgetsIt() throws Exception {
        send(aMinuteOfMilan());
        harness.processWatermark(T0 + MINUTE - 2);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(tally -> {
            assertThat(tally.brand()).isEqualTo("windtre");
            assertThat(tally.cell()).isEqualTo(Geohash.encode(MILAN_LAT, MILAN_LON, SETTINGS.precision()));
            assertThat(tally.start()).isEqualTo(T0);
            // one voice per author; the retweet none; the copy-paste campaign one
            assertThat(tally.voices()).containsExactly("anna", "bruno", "campaign:77");
            assertThat(tally.posts()).isEqualTo(6);
            assertThat(tally.authors()).containsEntry("anna", 2L).hasSize(5);
            assertThat(tally.sumWeight()).isEqualTo(3.0);
            assertThat(tally.sumLat()).isEqualTo(6 * MILAN_LAT * 0.5, offset(1e-9));
            assertThat(tally.towns()).containsExactly(Map.entry("Milan", 6L));
            assertThat(tally.restored()).extracting(ZonePost::postId).containsExactly("r1");
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void keepsTheTextOfTheBestFewPostsWhateverTheirOrder() throws Exception {
        List<ZonePost> posts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            posts.add(post("p" + (char) ('a' + i), "a" + i, T0 + 1_000 * i, false, false, 0, (i * 7L) % 12));
        }
        Collections.reverse(posts);
        send(posts);
        harness.processWatermark(T0 + MINUTE - 1);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(tally -> {
            assertThat(tally.posts()).isEqualTo(12);
            // the widest reach first: followers 11, 10, 9, 8, 7 are posts f, k, d, i, b
            assertThat(tally.examples()).extracting(e -> e.post().id()).containsExactly("pf", "pk", "pd", "pi", "pb");
        });
    }

    @Test
    void aPostForAWindowTheWatermarkHasPassedIsLeftOut() throws Exception {
        harness.processWatermark(T0 + MINUTE - 1);
        send(aMinuteOfMilan());
        harness.processWatermark(T0 + 2 * MINUTE - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aRestartWhileAWindowWaitsTalliesWhatAnUninterruptedRunTallies() throws Exception {
        List<ZonePost> posts = aMinuteOfMilan();
        send(posts);
        harness.processWatermark(T0 + MINUTE - 1);
        List<CellTally> uninterrupted = harness.extractOutputValues();
        harness.close();

        harness = cells();
        harness.open();
        send(posts.subList(0, 3));
        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + 30_000);
        harness.close();
        harness = cells();
        harness.initializeState(snapshot);
        harness.open();
        send(posts.subList(3, posts.size()));
        harness.processWatermark(T0 + MINUTE - 1);

        assertThat(harness.extractOutputValues()).isEqualTo(uninterrupted);
    }

    @Test
    void oneBrandsCellsAreKeysOfTheirOwnSoItsOutageSpreadsOverTheSlots() throws Exception {
        ZonePost milan = post("m", "anna", T0, false, false, 0, 1);
        ZonePost rome = new ZonePost("windtre", "r", "bruno", T0, 41.9, 12.5, 1.0, "coordinates", false, false, "Rome", null,
                null, 0);
        ZonePost milanAgain = post("m2", "carla", T0 + 1_000, false, false, 0, 1);
        assertThat(ZoneCells.key(SETTINGS).getKey(milan)).isNotEqualTo(ZoneCells.key(SETTINGS).getKey(rome))
                .isEqualTo(ZoneCells.key(SETTINGS).getKey(milanAgain));
    }
}
