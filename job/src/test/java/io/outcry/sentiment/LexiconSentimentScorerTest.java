package io.outcry.sentiment;

import io.outcry.text.TokenizedText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LexiconSentimentScorerTest {

    private static final LexiconSentimentScorer SCORER = LexiconSentimentScorer.bundled();

    private static Sentiment score(String text, String lang) {
        return SCORER.score(TokenizedText.of(text), lang);
    }

    @Test
    void scoresItalian() {
        assertThat(score("Servizio pessimo, una vergogna", "it").negative()).isTrue();
        assertThat(score("Grazie, tecnico gentilissimo e problema risolto", "it").polarity()).isPositive();
    }

    @Test
    void scoresEnglish() {
        assertThat(score("Worst airline ever, awful and rude staff", "en").polarity()).isLessThan(-0.7);
        assertThat(score("Great flight, thanks for the help", "en").polarity()).isGreaterThan(0.5);
    }

    @Test
    void aNegatorFlipsTheNextValence() {
        assertThat(score("la linea non funziona", "it").negative()).isTrue();
        assertThat(score("la linea funziona", "it").negative()).isFalse();
        assertThat(score("the app doesn't work", "en").negative()).isTrue();
        assertThat(score("not bad at all", "en").polarity()).isPositive();
    }

    @Test
    void triesEveryLexiconWhenTheLanguageIsUnknown() {
        assertThat(score("servizio pessimo", null).negative()).isTrue();
        assertThat(score("terrible service", "xx").negative()).isTrue();
        assertThat(score("terrible service", "en-GB").negative()).isTrue();
    }

    @Test
    void staysInRangeAndNeutralWithoutValencedWords() {
        assertThat(score("the flight leaves at nine", "en")).isEqualTo(Sentiment.NEUTRAL);
        assertThat(score("bad bad bad awful awful terrible horrible hate hate", "en").polarity())
                .isGreaterThanOrEqualTo(-1).isLessThan(-0.95);
    }

    @Test
    void negationStopsAtTheEndOfTheClause() {
        assertThat(score("non lo so. servizio ottimo", "it").polarity()).isPositive();
        assertThat(score("not sure. great service", "en").polarity()).isPositive();
        assertThat(score("il servizio non è ottimo", "it").negative()).isTrue();
    }

    @Test
    void intensifiersAndDiminishersScaleTheNextWord() {
        assertThat(score("very bad service", "en").polarity()).isLessThan(score("bad service", "en").polarity());
        assertThat(score("slightly bad service", "en").polarity()).isGreaterThan(score("bad service", "en").polarity());
        assertThat(score("servizio molto lento", "it").polarity()).isLessThan(score("servizio lento", "it").polarity());
        assertThat(score("servizio un po' lento", "it").polarity()).isGreaterThan(score("servizio lento", "it").polarity());
    }

    @Test
    void whatFollowsButWeighsMore() {
        assertThat(score("the crew was nice but the delay was awful", "en").negative()).isTrue();
        assertThat(score("the delay was awful but the crew was great", "en").polarity()).isPositive();
        assertThat(score("il tecnico è gentile ma il servizio è pessimo", "it").negative()).isTrue();
        assertThat(score("servizio pessimo però il tecnico è bravissimo", "it").polarity()).isPositive();
    }

    @Test
    void capitalsStressAWordUnlessTheWholeTextIsInCapitals() {
        assertThat(score("the service is TERRIBLE", "en").polarity()).isLessThan(score("the service is terrible", "en").polarity());
        assertThat(score("servizio PESSIMO", "it").polarity()).isLessThan(score("servizio pessimo", "it").polarity());
        assertThat(score("THE SERVICE IS TERRIBLE", "en").polarity()).isEqualTo(score("the service is terrible", "en").polarity());
    }

    @Test
    void exclamationsAndRepeatedQuestionMarksPushFurtherFromNeutral() {
        assertThat(score("terrible service!!!", "en").polarity()).isLessThan(score("terrible service", "en").polarity());
        assertThat(score("perché è così lento???", "it").polarity()).isLessThan(score("perché è così lento?", "it").polarity());
        assertThat(score("the flight leaves at nine!!!", "en")).as("no valence to stress").isEqualTo(Sentiment.NEUTRAL);
    }

    @Test
    void emojiAndEmoticonsCarrySentiment() {
        assertThat(score("ancora senza linea 😡", "it").negative()).isTrue();
        assertThat(score("volo arrivato 😍", "it").polarity()).isPositive();
        assertThat(score("my bag is somewhere :(", "en").negative()).isTrue();
    }

    @Test
    void readsHashtagsAsTheirWords() {
        assertThat(score("ancora io #pessimoservizio", "it").negative()).isTrue();
        assertThat(score("landed #WorstAirlineEver", "en").negative()).isTrue();
    }

    @Test
    void findsInflectedItalianFormsOfLexiconLemmasAndStretchedWords() {
        assertThat(score("servizi bruttissimi", "it").negative()).isTrue();
        assertThat(score("so baaaad", "en").negative()).isTrue();
    }

    @Test
    void readsAnItalianWordItDoesNotListByTheStemOfTheWordsItDoes() {
        // AFINN lists "deludente" only
        assertThat(score("risposte deludenti", "it").negative()).isTrue();
        assertThat(SCORER.stemValence("deludent", "it")).isNegative();
        assertThat(SCORER.stemValence("deludent", "en")).isZero();
    }

    @Test
    void givesAStemTheValenceOfItsWordsOnlyWhenTheyAgree() {
        assertThat(LexiconSentimentScorer.Lexicon.stems(Map.of("deludente", -1.6, "schifoso", -2.5, "schifose", -1.5,
                "sereno", 2.0, "serena", -1.0))).containsOnly(Map.entry("deludent", -1.6), Map.entry("schifos", -2.0));
    }

    @Test
    void handlesAndLinksCarryNoSentiment() {
        assertThat(score("@BadAirline https://example.com/hate", "en")).isEqualTo(Sentiment.NEUTRAL);
    }
}
