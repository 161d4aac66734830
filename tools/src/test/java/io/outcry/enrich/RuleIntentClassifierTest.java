package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.text.CatalogException;
import io.outcry.sentiment.Sentiment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.post.Author;
import io.outcry.post.Post;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleIntentClassifierTest {

    private static final RuleIntentClassifier INTENTS = RuleIntentClassifier.bundled();
    private static final Sentiment NEGATIVE = new Sentiment(-0.6, true);
    private static final Sentiment POSITIVE = new Sentiment(0.3, false);

    private static Intent intent(String text, String lang, List<String> brands, Sentiment sentiment, boolean complaint) {
        return intent(Posts.text(text), lang, brands, sentiment, complaint);
    }

    private static Intent intent(Post post, String lang, List<String> brands, Sentiment sentiment, boolean complaint) {
        return INTENTS.classify(post, TokenizedText.of(post.text()), lang, brands, sentiment, complaint);
    }

    @Test
    void serviceBackIsRestoredEvenWhenItAlsoReadsAsPraise() {
        assertThat(intent("Finalmente funziona di nuovo! Grazie @tim", "it", List.of("tim"), POSITIVE, false))
                .isEqualTo(Intent.RESTORED);
        assertThat(intent("è tornata la linea dopo due giorni", "it", List.of(), Sentiment.NEUTRAL, false))
                .isEqualTo(Intent.RESTORED);
        assertThat(intent("Internet is back up and running, thanks @comcast", "en", List.of("comcast"), POSITIVE, false))
                .isEqualTo(Intent.RESTORED);
    }

    @Test
    void restoredWinsOverAComplaintInTheSamePost() {
        assertThat(intent("finalmente il segnale è di nuovo online, ma tre giorni senza linea sono una vergogna",
                "it", List.of("tim"), NEGATIVE, true)).isEqualTo(Intent.RESTORED);
    }

    @Test
    void askingWhenServiceReturnsIsAQuestionNotRestored() {
        assertThat(intent("quando tornerà la linea?", "it", List.of(), Sentiment.NEUTRAL, false)).isEqualTo(Intent.QUESTION);
        assertThat(intent("@tim la linea è tornata?", "it", List.of("tim"), Sentiment.NEUTRAL, false)).isEqualTo(Intent.QUESTION);
        assertThat(intent("it's back up?", "en", List.of(), Sentiment.NEUTRAL, false)).isEqualTo(Intent.QUESTION);
    }

    @Test
    void aLineBreakEndsTheQuestionBeforeARestoredLine() {
        assertThat(intent("linea giù da ieri, quando torna?\nora funziona, grazie", "it", List.of(), Sentiment.NEUTRAL,
                false)).isEqualTo(Intent.RESTORED);
        assertThat(intent("linea giù da ieri, quando torna? ora funziona, grazie", "it", List.of(), Sentiment.NEUTRAL,
                false)).isEqualTo(Intent.RESTORED);
    }

    @Test
    void textTokenisedFromSomethingElseReadsThePostAsOneSentence() {
        Post post = Posts.text("linea giù da ieri, quando torna? ora funziona");
        TokenizedText other = TokenizedText.of("ora funziona");
        assertThat(INTENTS.classify(post, other, "it", List.of(), Sentiment.NEUTRAL, false)).isEqualTo(Intent.QUESTION);
    }

    @Test
    void aNegatedRestoredPhraseIsAComplaint() {
        assertThat(intent("@tim non funziona ancora", "it", List.of("tim"), NEGATIVE, true)).isEqualTo(Intent.COMPLAINT);
        assertThat(intent("@tim la linea non è ancora tornata, non è risolto niente", "it", List.of("tim"), NEGATIVE, true))
                .isEqualTo(Intent.COMPLAINT);
        assertThat(intent("@AmericanAir wifi still isn't working again", "en", List.of("american"), NEGATIVE, true))
                .isEqualTo(Intent.COMPLAINT);
    }

    @Test
    void aTroubleThatIsBackIsNotServiceRestored() {
        assertThat(intent("great, the outage is back", "en", List.of(), Sentiment.NEUTRAL, false)).isEqualTo(Intent.OTHER);
    }

    @Test
    void aRetweetOfServiceBackStillSaysRestored() {
        Post retweet = new Post("2", "twitter", 1_700_000_000_000L, new Author("7", "fan", 10, false, null),
                "RT @vodafone_uk: it works again, thanks for your patience", "en", null, null, null, null, "1",
                List.of("vodafone_uk"), List.of());
        assertThat(intent(retweet, "en", List.of("vodafone"), POSITIVE, false)).isEqualTo(Intent.RESTORED);
    }

    @Test
    void aQuestionMarkInsideAUrlAsksNothing() {
        assertThat(intent("working again https://status.example.com/page?id=3", "en", List.of(), Sentiment.NEUTRAL, false))
                .isEqualTo(Intent.RESTORED);
        assertThat(intent("guardate qui https://example.com/a?b=1", "it", List.of(), Sentiment.NEUTRAL, false))
                .isEqualTo(Intent.OTHER);
    }

    @Test
    void aQuestionThatComplainsIsAQuestionBecauseItNeedsAnAnswer() {
        assertThat(intent("@TIM perché internet non funziona da stamattina?", "it", List.of("tim"), NEGATIVE, true))
                .isEqualTo(Intent.QUESTION);
        assertThat(intent("@united why is my flight delayed again?", "en", List.of("united"), NEGATIVE, true))
                .isEqualTo(Intent.QUESTION);
    }

    @Test
    void aRhetoricalQuestionIsStillAComplaint() {
        assertThat(intent("@tim ma state scherzando?! tre giorni senza rete", "it", List.of("tim"), NEGATIVE, true))
                .isEqualTo(Intent.COMPLAINT);
    }

    @Test
    void anInterrogativeOpenerAsksWithoutAQuestionMark() {
        assertThat(intent("qualcuno sa se c'è un guasto a Milano", "it", List.of(), Sentiment.NEUTRAL, false))
                .isEqualTo(Intent.QUESTION);
        assertThat(intent("@Delta how do I change my seat", "en", List.of("delta"), Sentiment.NEUTRAL, false))
                .isEqualTo(Intent.QUESTION);
        assertThat(intent("Come al solito @tim non funziona", "it", List.of("tim"), NEGATIVE, true))
                .isEqualTo(Intent.COMPLAINT);
    }

    @Test
    void thanksToABrandThatIsNotNegativeIsPraise() {
        assertThat(intent("grazie @tim, tecnico gentilissimo", "it", List.of("tim"), POSITIVE, false)).isEqualTo(Intent.PRAISE);
        assertThat(intent("@JetBlue you guys are awesome", "en", List.of("jetblue"), POSITIVE, false)).isEqualTo(Intent.PRAISE);
        assertThat(intent("grazie mamma per la cena", "it", List.of(), POSITIVE, false)).isEqualTo(Intent.OTHER);
        assertThat(intent("thanks for nothing @united", "en", List.of("united"), NEGATIVE, true)).isEqualTo(Intent.COMPLAINT);
    }

    @Test
    void aPostThatWantsNothingIsOther() {
        assertThat(intent("oggi piove a Torino", "it", List.of(), Sentiment.NEUTRAL, false)).isEqualTo(Intent.OTHER);
    }

    @Test
    void readsAPostInALanguageWithoutCuesWithEveryLanguagesCues() {
        assertThat(intent("funziona di nuovo", LanguageIdentifier.UNDETERMINED, List.of(), Sentiment.NEUTRAL, false))
                .isEqualTo(Intent.RESTORED);
        assertThat(intent("wieder online, funktioniert wieder", "de", List.of(), Sentiment.NEUTRAL, false))
                .isEqualTo(Intent.RESTORED);
    }

    @Test
    void refusesACuesFileWithAMultiWordNegation(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("intents.yaml");
        Files.writeString(file, "languages:\n  it:\n    restored: [risolto]\n    negations: [ancora non]\n");
        assertThatThrownBy(() -> RuleIntentClassifier.load(file.toString()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'ancora non' must be exactly one word");
    }

    @Test
    void keepsAFloorOnEachIntentOfItsLabelledFixture() {
        Map<Intent, int[]> counts = new EnumMap<>(Intent.class);
        for (Intent intent : Intent.values()) {
            counts.put(intent, new int[3]);
        }
        List<Map<String, String>> rows = Csv.resource("enrich/intents.csv");
        for (Map<String, String> row : rows) {
            List<String> brands = row.get("brands").isBlank() ? List.of() : List.of(row.get("brands").split(";"));
            Sentiment sentiment = new Sentiment(Double.parseDouble(row.get("polarity")), Double.parseDouble(row.get("polarity")) < -0.2);
            Intent expected = Intent.valueOf(row.get("intent").toUpperCase());
            Intent actual = intent(row.get("text"), row.get("lang"), brands, sentiment, Boolean.parseBoolean(row.get("complaint")));
            counts.get(expected)[2]++;
            counts.get(actual)[1]++;
            if (actual == expected) {
                counts.get(expected)[0]++;
            } else {
                System.out.printf("%s labelled %s, classified %s%n", row.get("text"), expected.id(), actual.id());
            }
        }
        StringBuilder report = new StringBuilder(rows.size() + " posts\n");
        counts.forEach((intent, c) -> report.append(String.format("%-9s precision %.2f recall %.2f (%d labelled)%n",
                intent.id(), c[0] / (double) Math.max(1, c[1]), c[0] / (double) Math.max(1, c[2]), c[2])));
        System.out.print(report);
        counts.forEach((intent, c) -> {
            assertThat(c[2]).as("labelled %s posts", intent.id()).isGreaterThanOrEqualTo(10);
            assertThat(c[0] / (double) c[1]).as("%s precision%n%s", intent.id(), report).isGreaterThanOrEqualTo(0.8);
            assertThat(c[0] / (double) c[2]).as("%s recall%n%s", intent.id(), report).isGreaterThanOrEqualTo(0.8);
        });
    }
}
