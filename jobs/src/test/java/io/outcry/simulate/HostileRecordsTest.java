package io.outcry.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.post.CanonicalPostJson;
import io.outcry.simulate.HostileRecords.Hostile;
import io.outcry.simulate.HostileRecords.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HostileRecordsTest {

    private static List<SimulatedRecord> firehose() {
        List<SimulatedRecord> records = new ArrayList<>();
        new FirehoseSimulator(SimulationConfig.defaults().withSeed(5)
                .withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(5))
                .withRates(60, 0, 0)).run(records::add);
        return records;
    }

    @Test
    void theParserAcceptsExactlyTheKindsSaidToBeAcceptedAndExplainsEveryRefusalBriefly() {
        List<Hostile> mix = HostileRecords.mix(firehose(), 5, 0, 11);
        CanonicalPostJson parser = new CanonicalPostJson();

        Map<Kind, Long> perKind = mix.stream().collect(Collectors.groupingBy(Hostile::kind, Collectors.counting()));
        assertThat(perKind.keySet()).containsAll(List.of(Kind.values()).stream().filter(k -> k != Kind.MUTATED).toList());
        for (Hostile h : mix) {
            String outcome;
            try {
                parser.parse(h.value(), System.currentTimeMillis());
                outcome = "accepted";
            } catch (InvalidRecordException e) {
                outcome = "refused";
                assertThat(e.getMessage()).as(h.kind().name()).hasSizeLessThan(400);
            }
            assertThat(outcome).as(h.kind().name()).isEqualTo(h.accepted() ? "accepted" : "refused");
        }
    }

    @Test
    void theSameSeedGivesTheSameRecords() {
        List<SimulatedRecord> firehose = firehose();
        Function<List<Hostile>, List<String>> values = list -> list.stream().map(h -> h.kind() + new String(h.value())).toList();

        assertThat(values.apply(HostileRecords.mix(firehose, 3, 30, 7))).isEqualTo(values.apply(HostileRecords.mix(firehose, 3, 30, 7)));
    }
}
