package io.outcry.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.post.CitedPost;
import io.outcry.zone.ZoneEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/** Zone documents sent again without the example posts deleted since. */
class ZoneExamplesHarnessTest {

    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final Duration HORIZON = Duration.ofHours(1);
    private static final String ZONE = "windtre|u0nd|2026-11-20T10:00:00Z";
    private static final OutputTag<ZoneEvent> WITHOUT_CORRECTIONS =
            new ForgetDeletedPosts<>(new ZoneExamples(), TypeInformation.of(ZoneEvent.class), HORIZON).withoutCorrections();

    @Test
    void aZoneDocumentIsSentAgainWithoutAnExampleDeletedLaterAndItsLaterEventsNeverShowIt() throws Exception {
        var before = forgetZones(null);
        before.processElement1(new StreamRecord<>(zone(0, "p1", "p2", "p3"), T0 + MINUTE));
        OperatorSubtaskState snapshot = before.snapshot(1, T0 + MINUTE);
        before.close();

        var harness = forgetZones(snapshot);
        harness.processElement2(new StreamRecord<>(new Removal(Shown.target(Shown.ZONE, ZONE), "p2", T0 + 3 * MINUTE),
                T0 + 3 * MINUTE));
        harness.processElement1(new StreamRecord<>(zone(1, "p1", "p2", "p4"), T0 + 4 * MINUTE));

        assertThat(harness.extractOutputValues()).extracting(z -> z.sequence() + " " + z.examplePostIds())
                .containsExactly("0 [p1, p3]", "1 [p1, p4]");
        assertThat(harness.extractOutputValues().get(0).examples()).extracting(CitedPost::text)
                .as("what is left keeps its text").containsExactly("text of p1", "text of p3");
        assertThat(harness.getSideOutput(WITHOUT_CORRECTIONS)).extracting(r -> r.getValue().sequence())
                .as("what a topic hears: each event once").containsExactly(1);
        harness.close();
    }

    @Test
    void aRemovalNamesTheZoneById() {
        Removal removal = new Removal(Shown.target(Shown.ZONE, ZONE), "p1", T0);
        assertThat(removal.of(Shown.ZONE)).isTrue();
        assertThat(removal.of(Shown.ALERT)).isFalse();
        assertThat(removal.key()).isEqualTo(ZONE);
    }

    private static ZoneEvent zone(int sequence, String... examples) {
        long at = T0 + (sequence + 1) * MINUTE;
        return new ZoneEvent(ZONE, sequence == 0 ? "open" : "confirm", sequence, "suspected", "windtre", 45.46, 9.19,
                List.of(45.3, 8.9, 45.5, 9.3), List.of("u0nd"), T0, at, T0, 5, 5, 5, 5, 0, 0, -1, -1, -1, at, 0.6,
                List.of("Milan"), List.of("Milano"), List.of("Lombardy"), List.of("text:5"), null)
                .withExamples(Arrays.stream(examples).map(id -> new CitedPost(id, "twitter", T0, 10, true, "text of " + id,
                        "https://x.com/i/status/" + id, "IT.09", "Lombardy", "outage", T0)).toList());
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, ZoneEvent, Removal, ZoneEvent> forgetZones(
            OperatorSubtaskState restored) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(
                new ForgetDeletedPosts<>(new ZoneExamples(), TypeInformation.of(ZoneEvent.class), HORIZON)),
                ZoneEvent::zoneId, Removal::key, Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }
}
