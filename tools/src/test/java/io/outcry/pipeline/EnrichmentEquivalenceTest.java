package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Enricher;
import io.outcry.locate.Location;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the shipped job's enrichment makes of a fixed simulated firehose, pinned by its SHA-256:
 * a change made for speed must leave every post's brands, topics, language, intent, polarity,
 * complaint, region and location exactly as they were.
 */
class EnrichmentEquivalenceTest {

    /** Half an hour of the simulator's default firehose (incidents, care threads, malformed records): a few seconds' work. */
    private static final SimulationConfig FIREHOSE = SimulationConfig.defaults().withSeed(42)
            .withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(30));
    /** SHA-256 of {@link #canonical} over {@link #FIREHOSE}, one line per record. */
    private static final String EXPECTED = "60ce21ea9ff81270c2e7cb92c257a1b8768e61944f7337e443b454c0cbe6977e";

    @Test
    void theJobsEnrichmentOfAFixedFirehoseIsUnchanged() throws Exception {
        Enricher enricher = EnricherFactory.fromCatalogs(RunJob.defaults().jobOptions().enrichment()).create();
        // the simulated posts are from 2026: judged against no clock, so the digest does not depend on today
        CanonicalPostJson parser = new CanonicalPostJson(Duration.ofDays(365_000));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        int posts = 0;
        int refused = 0;
        Iterator<SimulatedRecord> records = new FirehoseSimulator(FIREHOSE).records();
        while (records.hasNext()) {
            SimulatedRecord record = records.next();
            String line;
            try {
                line = canonical(enricher.enrich(parser.parse(record.value())));
                posts++;
            } catch (InvalidRecordException e) {
                line = "refused";
                refused++;
            }
            sha256.update((line + '\n').getBytes(StandardCharsets.UTF_8));
        }

        assertThat(posts).as("posts enriched").isGreaterThan(5_000);
        assertThat(refused).as("malformed records refused").isPositive();
        assertThat(HexFormat.of().formatHex(sha256.digest()))
                .as("the enrichment of %,d simulated posts changed. If the change is meant to alter results, set"
                        + " EXPECTED in %s to the new digest and say in the commit why the results moved", posts,
                        getClass().getSimpleName())
                .isEqualTo(EXPECTED);
    }

    /** One post's enrichment as one line, lists sorted and numbers exact, so only a changed result changes it. */
    private static String canonical(EnrichedPost enriched) {
        Post post = enriched.post();
        Location location = enriched.location();
        return String.join("\t", post.id(), sorted(enriched.brands()), sorted(enriched.topics()), enriched.lang(),
                enriched.intent().name(), Double.toString(enriched.polarity()), Boolean.toString(enriched.negative()),
                Boolean.toString(enriched.complaint()), enriched.region().code(), location.source().name(),
                Double.toString(location.confidence()),
                location.point() == null ? "-" : location.point().lat() + "," + location.point().lon(),
                String.valueOf(location.place()), String.valueOf(location.provinceCode()), String.valueOf(location.regionCode()));
    }

    private static String sorted(List<String> values) {
        return String.join(",", values.stream().sorted().toList());
    }
}
