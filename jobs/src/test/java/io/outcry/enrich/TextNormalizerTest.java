package io.outcry.enrich;

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
}
