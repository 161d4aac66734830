package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private static final Map<String, Long> FINISHED = Map.of(
            "recordsRead", 100L,
            "recordsIngested", 88L,
            "recordsDeadLettered", 12L,
            "postsDuplicated", 5L,
            "postsEnriched", 82L,
            "postsNotEnriched", 1L,
            "postsTooLate", 3L);

    @Test
    void countsTooLatePostsAsDeadLettersNotAlsoAsPosts() {
        Reconciliation done = Reconciliation.of(name -> FINISHED.getOrDefault(name, 0L));

        assertThat(done).isEqualTo(new Reconciliation(100, 79, 12, 3, 1, 5));
        assertThat(done.holds()).isTrue();
        assertThat(done.line()).isEqualTo(
                "records read 100 = posts 79 + dead letters 16 (unreadable 12, too late 3, enrichment failed 1) + duplicates 5");
    }

    @Test
    void saysHowManyRecordsAreNotAccountedForWhenSomeAreStillInFlight() {
        Reconciliation midway = new Reconciliation(100, 70, 12, 3, 1, 5);

        assertThat(midway.holds()).isFalse();
        assertThat(midway.unaccounted()).isEqualTo(9);
        assertThat(midway.line()).startsWith("records read 100 != posts 70 ")
                .endsWith("does not reconcile: 9 records read are not accounted for (still in flight, or lost)");
    }

    @Test
    void saysSoWhenARecordIsCountedTwice() {
        Reconciliation twice = new Reconciliation(100, 80, 12, 3, 1, 5);

        assertThat(twice.unaccounted()).isEqualTo(-1);
        assertThat(twice.line()).endsWith("does not reconcile: 1 more outcomes than records read (counted twice)");
    }
}
