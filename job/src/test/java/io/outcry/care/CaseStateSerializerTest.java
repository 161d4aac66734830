package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CaseStateSerializerTest {

    private static CaseState roundTrip(CaseState state) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        CaseStateSerializer.INSTANCE.serialize(state, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        CaseState read = CaseStateSerializer.INSTANCE.deserialize(in);
        assertThat(in.available()).as("bytes left unread").isZero();
        return read;
    }

    @Test
    void aCaseWithEveryFieldSetReadsBackEqual() throws Exception {
        CareCase c = new CareCase("tim", "p1", CareCase.ANSWERED, 3, 1_000L, "mario", 900L, "billing", "IT.09", "it",
                "complaint", 950L, 50L, 4_500L, CareCase.STATUS_ANSWERED, true, 2, 4, true, true, "alert-1",
                "https://x.com/mario/status/p1");
        CaseState state = new CaseState(c, List.of("p1", "r1", "p2"));

        assertThat(roundTrip(state)).isEqualTo(state);
    }

    /** The tracker's reads past the fields it does not need, over strings of one byte a character, of several, and null. */
    @Test
    void whatFallsDueAndTheThreadAreReadWithoutDecodingTheCase() {
        for (String text : new String[] {"plain", "perché è già", "名前", null}) {
            for (String status : new String[] {CareCase.OPEN, CareCase.UNANSWERED, "opened"}) {
                CareCase c = new CareCase("tim", "p1", text, 3, 1_000L, text, 900L, text, text, text, text, -1L, -1L, 4_500L, status,
                        false, 1, 2, false, true, text, text);
                CaseState state = new CaseState(c, List.of("p1", "città-2", "p3"));
                assertThat(state.openedAt()).isEqualTo(900L);
                assertThat(state.slaDeadline()).isEqualTo(4_500L);
                assertThat(state.isOpen()).as("status %s after %s", status, text).isEqualTo(status.equals(CareCase.OPEN));
                assertThat(state.caseId()).isEqualTo("p1");
                assertThat(state.holds("città-2")).isTrue();
                assertThat(state.holds("p3")).isTrue();
                assertThat(state.holds("p")).isFalse();
                assertThat(state.holds("città-3")).isFalse();
            }
        }
    }

    @Test
    void nullsAndAnEmptyThreadReadBackEqual() throws Exception {
        CareCase c = new CareCase("tim", "p1", CareCase.DELETED, 0, 0L, null, 0L, null, null, null, null, -1L, -1L, 0L,
                CareCase.STATUS_DELETED, false, 0, 0, false, false, null, null);
        CaseState state = new CaseState(c, List.of());

        assertThat(roundTrip(state)).isEqualTo(state);
    }

    /** The layout is CareCase's components in order; checkpoints in the old layout must still restore. */
    @Test
    void theLayoutIsTheOneOfCareCaseAsItIs() {
        assertThat(Arrays.stream(CareCase.class.getRecordComponents()).map(component -> component.getName()))
                .as("CareCase changed: give CaseStateSerializer a snapshot that reads the old layout, then update this list")
                .containsExactly("brand", "caseId", "event", "sequence", "eventTime", "customer", "openedAt", "topic",
                        "region", "lang", "intent", "firstResponseAt", "responseSeconds", "slaDeadline", "status",
                        "answeredAfterSla", "replies", "posts", "canned", "incident", "alertId", "permalink");
    }

    /** Layout 1, before the permalink: what checkpoints taken before it hold, with the snapshot it was written under. */
    @Test
    void aCheckpointOfTheLayoutBeforeThePermalinkRestoresTheCasesWithoutOne() throws Exception {
        CareCase c = new CareCase("tim", "p1", CareCase.ANSWERED, 3, 1_000L, "mario", 900L, "billing", "IT.09", "it",
                "complaint", 950L, 50L, 4_500L, CareCase.STATUS_ANSWERED, true, 2, 4, true, true, "alert-1",
                "https://x.com/mario/status/p1");
        DataOutputSerializer out = new DataOutputSerializer(64);
        CaseStateSerializer.ofLayout(1).serialize(new CaseState(c, List.of("p1", "r1")), out);

        CaseStateSerializer.Snapshot former = new CaseStateSerializer.Snapshot();
        // SimpleTypeSerializerSnapshot's version 3, as the checkpoints of layout 1 recorded it: no content
        former.readSnapshot(3, new DataInputDeserializer(new byte[0]), getClass().getClassLoader());
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        CaseState read = former.restoreSerializer().deserialize(in);

        assertThat(in.available()).isZero();
        assertThat(read.current().permalink()).isNull();
        assertThat(read.current().alertId()).isEqualTo("alert-1");
        assertThat(read.postIds()).containsExactly("p1", "r1");
        assertThat(CaseStateSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(former).isCompatibleAfterMigration())
                .isTrue();
        assertThat(CaseStateSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(CaseStateSerializer.INSTANCE.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
    }

    @Test
    void aCaseIsSharedNotCopied() {
        CaseState state = new CaseState(new CareCase("tim", "p1", CareCase.OPENED, 0, 0L, "a", 0L, "t", "r", "it", "q",
                -1L, -1L, 0L, CareCase.OPEN, false, 0, 1, false, false, null, null), List.of("p1"));

        assertThat(CaseStateSerializer.INSTANCE.copy(state)).isSameAs(state);
    }

    @Test
    void theAccessorsReadWhatTheStreamReadsOfRandomCases() throws Exception {
        String[] texts = {"", "tim", "1862345098765432101", "https://x.com/anna/status/1862345098765432101", "città", "ünïcode",
            "\u4e2d\u6587", "\uD83D\uDE00", "\u007f", "\u0080", "\u00ff", "\u0100", "\u3fff", "\u4000", "\uffff", "x".repeat(126),
            "x".repeat(127), "é".repeat(200), "a".repeat(20_000), null};
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++) {
            CareCase c = new CareCase(pick(texts, random), pick(texts, random), pick(texts, random), random.nextInt(), random.nextLong(),
                    pick(texts, random), random.nextLong(), pick(texts, random), pick(texts, random), pick(texts, random),
                    pick(texts, random), random.nextLong(), random.nextLong(), random.nextLong(), pick(texts, random), random.nextBoolean(),
                    random.nextInt(), random.nextInt(), random.nextBoolean(), random.nextBoolean(), pick(texts, random),
                    pick(texts, random));
            List<String> ids = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                String id = pick(texts, random);
                ids.add(id == null ? "" : id);
            }
            CaseState state = new CaseState(c, ids);
            CaseState streamed = roundTrip(state);
            assertThat(state.current()).isEqualTo(c);
            assertThat(state.postIds()).isEqualTo(ids);
            assertThat(streamed.current()).isEqualTo(c);
            assertThat(streamed.postIds()).isEqualTo(ids);
        }
    }

    private static String pick(String[] texts, SplittableRandom random) {
        return texts[random.nextInt(texts.length)];
    }
}
