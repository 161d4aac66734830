package io.outcry.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.post.CanonicalPostJson;
import io.outcry.simulate.FuzzRecords.Fuzzed;
import io.outcry.simulate.FuzzRecords.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FuzzRecordsTest {

    private static final long WRITTEN_AT = SimulationConfig.DEFAULT_START.plusSeconds(86_400).toEpochMilli();

    private static List<Fuzzed> generate(long seed, int count) {
        List<Fuzzed> records = new ArrayList<>(count);
        FuzzRecords.generate(seed, count, records::add);
        return records;
    }

    /** The start of a record, for a failure message. */
    private static String shown(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "… (" + value.length + " bytes)" : text;
    }

    @Test
    void makesEveryKindWithinKafkasMessageLimitAndSomePastTheDeadLetterLimit() {
        List<Fuzzed> records = generate(3, 10_000);

        assertThat(records).hasSize(10_000);
        assertThat(records.stream().map(Fuzzed::kind).distinct()).containsExactlyInAnyOrder(Kind.values());
        assertThat(records.stream().filter(r -> r.hostile() != null).map(Fuzzed::hostile).distinct())
                .hasSizeGreaterThan(HostileRecords.Kind.values().length - 3);
        assertThat(records).allSatisfy(r -> assertThat(r.key().length + r.value().length).isLessThan(1_048_576 - 1_000));
        assertThat(records).filteredOn(r -> r.value().length > 996_000).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
        List<String> first = generate(7, 2_000).stream().map(r -> r.kind() + new String(r.value())).toList();

        assertThat(generate(7, 2_000).stream().map(r -> r.kind() + new String(r.value())).toList()).isEqualTo(first);
        assertThat(generate(8, 2_000).stream().map(r -> r.kind() + new String(r.value())).toList()).isNotEqualTo(first);
    }

    @Test
    void theParserAcceptsOrRefusesEachRecordWithABriefReasonAndNeverFailsOtherwise() {
        CanonicalPostJson parser = new CanonicalPostJson();
        Map<Kind, int[]> outcomes = new EnumMap<>(Kind.class);
        for (Fuzzed record : generate(11, 20_000)) {
            int[] acceptedRefused = outcomes.computeIfAbsent(record.kind(), k -> new int[2]);
            try {
                parser.parse(record.value(), WRITTEN_AT);
                acceptedRefused[0]++;
            } catch (InvalidRecordException e) {
                acceptedRefused[1]++;
                assertThat(e.getMessage()).as("%s: %s", record.kind(), shown(record.value())).hasSizeLessThan(400);
            } catch (RuntimeException e) {
                throw new AssertionError("the parser failed on " + record.kind() + " " + shown(record.value()), e);
            }
        }

        assertThat(outcomes.get(Kind.VALID)[1]).as("valid posts refused").isZero();
        assertThat(outcomes.get(Kind.COPY)[1]).isZero();
        for (Kind refused : List.of(Kind.ID_OF_256_WIDE_CHARACTERS, Kind.DATE_AT_EPOCH_ZERO, Kind.NEGATIVE_DATE,
                Kind.DATE_AT_LONG_MIN, Kind.DATE_PAST_AN_INSTANT_IN_MILLISECONDS, Kind.TRUNCATED)) {
            assertThat(outcomes.get(refused)[0]).as(refused + " accepted").isZero();
        }
        assertThat(outcomes.get(Kind.TOKEN_MUTATION)).as("token mutations both accepted and refused").doesNotContain(0);
        assertThat(outcomes.get(Kind.BYTE_MUTATION)).doesNotContain(0);
    }
}
