package io.outcry.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.post.CanonicalPostJson;
import io.outcry.simulate.HostileRecords.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HostileRecordsTest {

    @Test
    void theParserAcceptsExactlyTheKindsSaidToBeAcceptedAndExplainsEveryRefusalBriefly() {
        List<SimulatedRecord> posts = new ArrayList<>();
        new FirehoseSimulator(SimulationConfig.defaults().withSeed(5)
                .withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(5))
                .withRates(60, 0, 0)).run(posts::add);
        SplittableRandom random = new SplittableRandom(11);
        CanonicalPostJson parser = new CanonicalPostJson();

        for (Kind kind : Kind.values()) {
            if (kind == Kind.MUTATED) {
                continue;
            }
            for (int i = 0; i < 5; i++) {
                byte[] value = HostileRecords.make(kind, posts.get(random.nextInt(posts.size())).value(), random);
                String outcome;
                try {
                    parser.parse(value, System.currentTimeMillis());
                    outcome = "accepted";
                } catch (InvalidRecordException e) {
                    outcome = "refused";
                    assertThat(e.getMessage()).as(kind.name()).hasSizeLessThan(400);
                }
                assertThat(outcome).as(kind.name()).isEqualTo(kind.accepted ? "accepted" : "refused");
            }
        }
    }
}
