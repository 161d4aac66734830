package io.outcry.enrich;

import static org.assertj.core.api.Assertions.assertThat;

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
}
