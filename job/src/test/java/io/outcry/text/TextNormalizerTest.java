package io.outcry.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void lowerCasesStripsAccentsAndSplitsOnEverythingButLettersAndDigits() {
        assertThat(TextNormalizer.tokens("Perché TIM non-funziona?! @tim_official #Wind3 l'app"))
                .containsExactly("perche", "tim", "non", "funziona", "tim", "official", "wind3", "l", "app");
    }

    @Test
    void foldsLettersBeyondLatin1AndCombiningAccents() {
        assertThat(TextNormalizer.tokens("ŁÓDŹ Straße cafe\u0301")).containsExactly("lodz", "strasse", "cafe");
    }

    @Test
    void givesNoTokensForNothing() {
        assertThat(TextNormalizer.tokens(null)).isEmpty();
        assertThat(TextNormalizer.tokens(" ?! 🙄 ")).isEmpty();
    }

    @Test
    void foldsAPhraseToItsCanonicalKey() {
        assertThat(TextNormalizer.fold("  Città   DELLA Pieve ")).isEqualTo("citta della pieve");
    }

    @Test
    void keepsTheRawTextAndFlagsCapitalsHandlesAndLinks() {
        TokenizedText text = TokenizedText.of("WORST service @TIM_Official see https://t.co/Ab1 Ok");
        assertThat(text.raw()).isEqualTo("WORST service @TIM_Official see https://t.co/Ab1 Ok");
        assertThat(text.tokens()).containsExactly("worst", "service", "tim", "official", "see", "https", "t", "co", "ab1", "ok");
        assertThat(text.is(0, TokenizedText.ALL_CAPS)).isTrue();
        assertThat(text.is(1, TokenizedText.ALL_CAPS)).isFalse();
        assertThat(text.is(9, TokenizedText.ALL_CAPS)).as("one capital is no shouting").isFalse();
        assertThat(text.is(2, TokenizedText.MENTION)).isTrue();
        assertThat(text.is(3, TokenizedText.MENTION)).isTrue();
        assertThat(text.is(4, TokenizedText.MENTION)).isFalse();
        assertThat(text.is(6, TokenizedText.URL)).isTrue();
        assertThat(text.is(8, TokenizedText.URL)).isTrue();
        assertThat(text.is(9, TokenizedText.URL)).isFalse();
    }

    @Test
    void splitsCamelCaseHashtagsIntoWords() {
        TokenizedText text = TokenizedText.of("#NeverAgain #TIMItalia #Wind3");
        assertThat(text.tokens()).containsExactly("never", "again", "tim", "italia", "wind3");
        assertThat(text.is(0, TokenizedText.HASHTAG)).isTrue();
        assertThat(text.is(4, TokenizedText.HASHTAG)).isTrue();
        assertThat(text.is(2, TokenizedText.ALL_CAPS)).isTrue();
    }

    @Test
    void splitsJoinedLowerCaseHashtagsAgainstTheLexiconVocabulary() {
        assertThat(TokenizedText.of("#pessimoservizio #neveragain").tokens())
                .containsExactly("pessimo", "servizio", "never", "again");
        assertThat(TokenizedText.of("#xqzvbnk #amore").tokens()).as("unknown or whole words stay whole")
                .containsExactly("xqzvbnk", "amore");
    }

    @Test
    void cutsElongatedLettersToTwoAndFlagsThem() {
        TokenizedText text = TokenizedText.of("sooooo baaaad 1000 good");
        assertThat(text.tokens()).containsExactly("soo", "baad", "1000", "good");
        assertThat(text.is(0, TokenizedText.ELONGATED)).isTrue();
        assertThat(text.is(2, TokenizedText.ELONGATED)).as("digits are not letters").isFalse();
        assertThat(text.is(3, TokenizedText.ELONGATED)).isFalse();
    }

    @Test
    void collectsEmojiEmoticonsAndPunctuationRuns() {
        TokenizedText text = TokenizedText.of("ancora down!!! perché??? 😡😡🏻 :( ma :Disney no, https://x.it/a:b");
        assertThat(text.emoji()).containsExactly("😡", "😡", ":(");
        assertThat(text.exclamations()).isEqualTo(3);
        assertThat(text.questions()).isEqualTo(3);
        assertThat(text.tokens()).contains("disney");
    }

    @Test
    void marksTokensThatOpenAClause() {
        TokenizedText text = TokenizedText.of("non va. funziona, anzi no-problem\nok");
        assertThat(text.tokens()).containsExactly("non", "va", "funziona", "anzi", "no", "problem", "ok");
        assertThat(text.is(0, TokenizedText.CLAUSE_START)).isFalse();
        assertThat(text.is(2, TokenizedText.CLAUSE_START)).isTrue();
        assertThat(text.is(3, TokenizedText.CLAUSE_START)).isTrue();
        assertThat(text.is(5, TokenizedText.CLAUSE_START)).as("a hyphen joins").isFalse();
        assertThat(text.is(6, TokenizedText.CLAUSE_START)).as("a line break ends a clause").isTrue();
    }
}
