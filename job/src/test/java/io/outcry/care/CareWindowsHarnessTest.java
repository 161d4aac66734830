package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the job's own care window operator (built by {@link CareWindows}) with hand-made watermarks. */
class CareWindowsHarnessTest {

    static final long HOUR = 3_600_000;
    /** The facts' stamps are their time plus the lateness care waits for late posts. */
    static final long LATENESS = 300_000;
    static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private KeyedOneInputStreamOperatorTestHarness<CareWindowKey, CareFact, CareWindow> harness;

    @BeforeEach
    void open() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<CareFact> input = env.fromData(List.of(CareFact.of(reply("x", false, null))), TypeInformation.of(CareFact.class));
        @SuppressWarnings("unchecked")
        OneInputTransformation<CareFact, CareWindow> window = (OneInputTransformation<CareFact, CareWindow>)
                CareWindows.aggregate(input, Duration.ofHours(1), Duration.ofMillis(LATENESS)).getTransformation();
        @SuppressWarnings("unchecked")
        KeySelector<CareFact, CareWindowKey> keys = (KeySelector<CareFact, CareWindowKey>) window.getStateKeySelector();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(window.getOperatorFactory(), keys, TypeInformation.of(CareWindowKey.class));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static BrandReply reply(String id, boolean canned, String example) {
        return new BrandReply("tim", id, "q", T0, "tim_official", "text " + id, "anna", canned, example);
    }

    static CareCase event(String caseId, String event, long at, long seconds, boolean afterSla, boolean incident) {
        return new CareCase("tim", caseId, event, 0, at, "anna", T0, "billing", "IT.09", "it", "question",
                seconds < 0 ? -1 : at, seconds, T0 + HOUR, "open", afterSla, 0, 1, false, incident, incident ? "a" : null, null);
    }

    private void send(CareCase c) throws Exception {
        for (CareFact fact : CareFact.of(c)) {
            harness.processElement(fact, c.eventTime() + LATENESS);
        }
    }

    private CareWindow only(String scope) {
        return harness.extractOutputValues().stream().filter(w -> w.scope().equals(scope)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void countsCasesRepliesAndResponseTimesPerBrandAndPerTopicAndRegion() throws Exception {
        send(event("q1", CareCase.OPENED, T0, -1, false, false));
        send(event("q2", CareCase.OPENED, T0 + 1_000, -1, false, true));
        send(event("q3", CareCase.OPENED, T0 + 2_000, -1, false, false));
        send(event("q1", CareCase.ANSWERED, T0 + 60_000, 60, false, false));
        send(event("q2", CareCase.ANSWERED, T0 + 300_000, 299, false, true));
        send(event("q0", CareCase.ANSWERED, T0 + 400_000, 5_400, true, false));
        send(event("q9", CareCase.BREACHED, T0 + 500_000, -1, false, false));
        send(event("q1", CareCase.REPLIED, T0 + 600_000, 60, false, false));
        harness.processElement(CareFact.of(reply("r1", true, "Sorry, DM us")), T0 + 60_000 + LATENESS);
        harness.processElement(CareFact.of(reply("r2", true, "Sorry, DM us")), T0 + 61_000 + LATENESS);
        harness.processElement(CareFact.of(reply("r3", true, "Call us")), T0 + 62_000 + LATENESS);
        harness.processElement(CareFact.of(reply("r4", false, null)), T0 + 63_000 + LATENESS);
        harness.processElement(CareFact.unmatched(reply("r5", false, null)), T0 + 64_000 + LATENESS);
        harness.processWatermark(T0 + HOUR - 1);
        assertThat(harness.extractOutputValues()).as("the window waits for the stamps of its last facts").isEmpty();
        harness.processWatermark(T0 + HOUR + LATENESS - 1);

        CareWindow brand = only(CareFact.BRAND);
        assertThat(brand.windowStart()).isEqualTo(T0);
        assertThat(brand.windowEnd()).isEqualTo(T0 + HOUR);
        assertThat(brand.all().opened()).isEqualTo(3);
        assertThat(brand.all().answered()).isEqualTo(3);
        assertThat(brand.all().responseRate()).isEqualTo(1.0);
        assertThat(brand.all().p50Seconds()).isEqualTo(299);
        assertThat(brand.all().p90Seconds()).isEqualTo(5_400);
        assertThat(brand.all().meanSeconds()).isEqualTo((60 + 299 + 5_400) / 3.0);
        assertThat(brand.all().responseSeconds()).as("every first response of the window, ascending").containsExactly(60L, 299L, 5_400L);
        assertThat(brand.all().answeredWithinSla()).isEqualTo(2);
        assertThat(brand.all().answeredAfterSla()).isEqualTo(1);
        assertThat(brand.all().unansweredAfterSla()).isEqualTo(1);
        assertThat(brand.incident().opened()).isEqualTo(1);
        assertThat(brand.incident().p50Seconds()).isEqualTo(299);
        assertThat(brand.incident().responseSeconds()).containsExactly(299L);
        assertThat(brand.normal().responseSeconds()).containsExactly(60L, 5_400L);
        assertThat(brand.normal().opened()).isEqualTo(2);
        assertThat(brand.normal().answered()).isEqualTo(2);
        assertThat(brand.brandReplies()).isEqualTo(4);
        assertThat(brand.cannedReplies()).isEqualTo(3);
        assertThat(brand.cannedShare()).isEqualTo(0.75);
        assertThat(brand.cannedExample()).isEqualTo("Sorry, DM us");
        assertThat(brand.unmatchedReplies()).isEqualTo(1);
        assertThat(brand.id()).isEqualTo("tim|brand|*|*|" + T0);

        CareWindow detail = only(CareFact.BRAND_TOPIC_REGION);
        assertThat(detail.topic()).isEqualTo("billing");
        assertThat(detail.region()).isEqualTo("IT.09");
        assertThat(detail.all().opened()).isEqualTo(3);
        assertThat(detail.brandReplies()).as("replies are counted per brand only").isZero();
    }

    @Test
    void aWindowWithoutAnsweredCasesHasNoResponseTimes() throws Exception {
        send(event("q1", CareCase.OPENED, T0, -1, false, false));
        harness.processWatermark(T0 + HOUR + LATENESS - 1);
        CareWindow brand = only(CareFact.BRAND);
        assertThat(brand.all().p50Seconds()).isNull();
        assertThat(brand.all().meanSeconds()).isNull();
        assertThat(brand.all().responseSeconds()).isEmpty();
        assertThat(brand.all().responseRate()).isEqualTo(0.0);
        assertThat(brand.cannedShare()).isNull();
    }

    @Test
    void theMedianOfAnEvenCountIsTheLowerMiddle() {
        assertThat(CareMetrics.nearestRank(new long[] {10, 20, 30, 40}, 0.5)).isEqualTo(20);
        assertThat(CareMetrics.nearestRank(new long[] {10, 20, 30}, 0.5)).isEqualTo(20);
        assertThat(CareMetrics.nearestRank(new long[] {7}, 0.9)).isEqualTo(7);
        assertThat(CareMetrics.nearestRank(new long[] {}, 0.5)).isNull();
    }
}
