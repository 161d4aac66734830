package io.outcry.deletion;

import static io.outcry.post.Citations.cited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.index.WindowDocuments;
import io.outcry.post.Deletion;
import io.outcry.window.WindowResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/** Where deleted posts are shown, and the window documents sent again without them. */
class DeletionsHarnessTest {

    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final Duration HORIZON = Duration.ofHours(1);
    private static final OutputTag<WindowResult> WITHOUT_CORRECTIONS =
            new ForgetDeletedPosts<>(new WindowExamples(), TypeInformation.of(WindowResult.class), HORIZON).withoutCorrections();

    @Test
    void aDeletionReachesEveryTargetThatShowsThePostAndAPostShownAfterItsDeletionIsRemovedAtOnce() throws Exception {
        var harness = shownPosts(null);
        harness.processElement1(shown("p1", "window|tim|IT.09|outage|1", T0), T0);
        harness.processElement1(shown("p1", "care|tim", T0), T0);
        harness.processElement1(shown("p1", "window|tim|IT.09|outage|1", T0), T0);
        harness.processElement1(shown("p2", "care|tim", T0), T0);
        harness.processElement2(new StreamRecord<>(deletion("p1"), T0 + 5 * MINUTE));
        harness.processElement1(shown("p1", "window|tim|*|outage|1", T0 + MINUTE), T0 + MINUTE);
        harness.processElement2(new StreamRecord<>(deletion("p1"), T0 + 6 * MINUTE));

        assertThat(harness.extractOutputValues()).containsExactly(
                new Removal("window|tim|IT.09|outage|1", "p1", T0 + 5 * MINUTE),
                new Removal("care|tim", "p1", T0 + 5 * MINUTE),
                new Removal("window|tim|*|outage|1", "p1", T0 + 5 * MINUTE));
        harness.close();
    }

    @Test
    void aPostIsForgottenAnHourAfterItWasLastShownOrDeletedAndTheStateEmpties() throws Exception {
        var harness = shownPosts(null);
        harness.processElement1(shown("p1", "care|tim", T0), T0);
        harness.processElement1(shown("p2", "care|tim", T0), T0);
        harness.processElement2(new StreamRecord<>(deletion("p2"), T0 + 30 * MINUTE));

        harness.processBothWatermarks(new Watermark(T0 + 60 * MINUTE));
        assertThat(harness.numKeyedStateEntries()).as("p2, deleted later, is still known").isEqualTo(2);
        harness.processBothWatermarks(new Watermark(T0 + 90 * MINUTE));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        harness.processElement2(new StreamRecord<>(deletion("p1"), T0 + 91 * MINUTE));
        assertThat(harness.extractOutputValues()).extracting(Removal::postId).containsExactly("p2");
        harness.close();
    }

    @Test
    void aRestoredJobStillKnowsWhereEachPostIsShownAndWhichAreDeleted() throws Exception {
        var before = shownPosts(null);
        before.processElement1(shown("p1", "care|tim", T0), T0);
        before.processElement2(new StreamRecord<>(deletion("p2"), T0));
        OperatorSubtaskState snapshot = before.snapshot(1, T0);
        before.close();

        var after = shownPosts(snapshot);
        after.processElement2(new StreamRecord<>(deletion("p1"), T0 + MINUTE));
        after.processElement1(shown("p2", "care|vodafone", T0 + MINUTE), T0 + MINUTE);
        assertThat(after.extractOutputValues()).containsExactly(
                new Removal("care|tim", "p1", T0 + MINUTE), new Removal("care|vodafone", "p2", T0 + MINUTE));
        after.close();
    }

    @Test
    void aWindowDocumentIsSentAgainWithoutAnExampleDeletedLaterAndItsLaterRevisionsNeverShowIt() throws Exception {
        var harness = forgetWindows(null);
        WindowResult first = window(0, "p1", "p2", "p3");
        String key = WindowDocuments.id(first);
        harness.processElement1(new StreamRecord<>(first, first.windowEnd()));
        harness.processElement2(new StreamRecord<>(new Removal("window|" + key, "p2", T0 + 3 * MINUTE), T0 + 3 * MINUTE));
        harness.processElement2(new StreamRecord<>(new Removal("window|" + key, "p9", T0 + 3 * MINUTE), T0 + 3 * MINUTE));
        harness.processElement1(new StreamRecord<>(window(1, "p1", "p2", "p3", "p4"), first.windowEnd()));

        assertThat(harness.extractOutputValues()).extracting(r -> r.revision() + " " + r.examplePostIds())
                .containsExactly("0 [p1, p2, p3]", "0 [p1, p3]", "1 [p1, p3, p4]");
        assertThat(harness.getSideOutput(WITHOUT_CORRECTIONS)).extracting(r -> r.getValue().revision() + " " + r.getValue().examplePostIds())
                .as("what a topic hears: each document once").containsExactly("0 [p1, p2, p3]", "1 [p1, p3, p4]");
        harness.close();
    }

    @Test
    void aWindowDocumentIsKeptForDeletionsUntilTheHorizonPassesAndARestoredJobHasIt() throws Exception {
        var before = forgetWindows(null);
        WindowResult first = window(0, "p1", "p2");
        String target = "window|" + WindowDocuments.id(first);
        before.processElement1(new StreamRecord<>(first, first.windowEnd()));
        OperatorSubtaskState snapshot = before.snapshot(1, first.windowEnd());
        before.close();

        var after = forgetWindows(snapshot);
        after.processElement2(new StreamRecord<>(new Removal(target, "p1", T0 + 10 * MINUTE), T0 + 10 * MINUTE));
        assertThat(after.extractOutputValues()).extracting(WindowResult::examplePostIds).containsExactly(List.of("p2"));

        after.processBothWatermarks(new Watermark(T0 + 10 * MINUTE + HORIZON.toMillis()));
        assertThat(after.numKeyedStateEntries()).isZero();
        after.processElement2(new StreamRecord<>(new Removal(target, "p2", T0 + 80 * MINUTE), T0 + 80 * MINUTE));
        assertThat(after.extractOutputValues()).as("too late: the document stays as indexed").hasSize(1);
        after.close();
    }

    @Test
    void readsTheDeletionsOutcryIngestWritesAndNamesWhatIsWrongWithOthers() throws Exception {
        DeletionJson json = new DeletionJson();
        assertThat(json.parse(bytes("{\"platform\":\"twitter\",\"id\":\"186\",\"author_id\":\"42\",\"deleted_at\":\"2026-11-20T10:00:00Z\"}")))
                .isEqualTo(new Deletion("twitter", "186", "42", T0));
        assertThat(json.parse(bytes("{\"platform\":\"mastodon\",\"id\":1093}")))
                .isEqualTo(new Deletion("mastodon", "1093", null, -1));
        assertThatThrownBy(() -> json.parse(bytes("{\"id\":\"1\"}"))).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("\"platform\" and \"id\"");
        assertThatThrownBy(() -> json.parse(bytes("{\"platform\":\"bluesky\",\"id\":\"3k\",\"deleted_at\":\"yesterday\"}")))
                .hasMessageContaining("deleted_at 'yesterday'");
        assertThatThrownBy(() -> json.parse(bytes("{oops"))).hasMessageContaining("not valid JSON");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Shown shown(String postId, String target, long time) {
        return new Shown(postId, target, time);
    }

    private static Deletion deletion(String postId) {
        return new Deletion("twitter", postId, "42", -1);
    }

    private static WindowResult window(int revision, String... examples) {
        return new WindowResult("tim", "IT.09", "Lombardia", "IT", null, "outage", T0, T0 + MINUTE, 4, 3, 4, 3, 0, 0, 400,
                0.5, cited(examples), Map.of("it", 4L), Map.of("complaint", 3L), Map.of("text", 4L), null, revision);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Shown, Deletion, Removal> shownPosts(OperatorSubtaskState restored)
            throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new ShownPosts(HORIZON)),
                Shown::postId, Deletion::postId, Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, WindowResult, Removal, WindowResult> forgetWindows(
            OperatorSubtaskState restored) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(
                new ForgetDeletedPosts<>(new WindowExamples(), TypeInformation.of(WindowResult.class), HORIZON)),
                WindowDocuments::id, Removal::key, Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }
}
