package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.text.TextNormalizer;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated firehose writes brand names the way people do; the context rules for
 * ambiguous names must never cost one of its posts its brand.
 */
class SimulatedPostsBrandTest {

    @Test
    void everyBrandTheSimulatorWritesIsRecognisedWithoutContextRulesDroppingOne() throws Exception {
        CatalogBrandRecognizer recognizer = CatalogBrandRecognizer.bundled();
        List<SimulatedRecord> records = new ArrayList<>();
        new FirehoseSimulator(SimulationConfig.defaults()
                .withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(30))).run(records::add);
        CanonicalPostJson parser = new CanonicalPostJson();
        int posts = 0;
        int branded = 0;
        for (SimulatedRecord record : records) {
            if (record.kind() == SimulatedRecord.Kind.MALFORMED) {
                continue;
            }
            Post post = parser.parse(record.value());
            TokenizedText text = TokenizedText.of(post.text());
            List<String> recognised = recognizer.recognize(post, text);
            assertThat(recognised).as(post.text()).isEqualTo(spotted(recognizer, text));
            posts++;
            branded += recognised.isEmpty() ? 0 : 1;
        }
        assertThat(posts).isGreaterThan(1_000);
        assertThat((double) branded / posts).isGreaterThan(0.8);
    }

    /** Every brand whose spelled-out name, alias, handle or hashtag the tokens hold, ambiguous or not. */
    private static List<String> spotted(CatalogBrandRecognizer recognizer, TokenizedText text) {
        List<String> ids = new ArrayList<>();
        for (Brand brand : recognizer.brands()) {
            List<String> spellings = new ArrayList<>(List.of(brand.name()));
            brand.aliases().forEach(alias -> spellings.add(alias.name()));
            spellings.addAll(brand.handles());
            spellings.addAll(brand.hashtags());
            if (spellings.stream().anyMatch(s -> contains(text.tokens(), TextNormalizer.tokens(s)))) {
                ids.add(brand.id());
            }
        }
        return ids;
    }

    private static boolean contains(List<String> tokens, List<String> phrase) {
        for (int i = 0; i + phrase.size() <= tokens.size(); i++) {
            if (tokens.subList(i, i + phrase.size()).equals(phrase)) {
                return true;
            }
        }
        return false;
    }
}
