package io.outcry.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ItalianStemmerTest {

    @Test
    void bringsTheInflectionsOfAWordTogether() {
        assertThat(ItalianStemmer.stem("arrabbiato")).isEqualTo("arrabbiat");
        assertThat(ItalianStemmer.stem("arrabbiata")).isEqualTo("arrabbiat");
        assertThat(ItalianStemmer.stem("arrabbiati")).isEqualTo("arrabbiat");
        assertThat(ItalianStemmer.stem("arrabbiate")).isEqualTo("arrabbiat");
    }

    @Test
    void stripsThePluralsThatKeepAnHOrAnI() {
        assertThat(ItalianStemmer.stem("amiche")).isEqualTo("amic");
        assertThat(ItalianStemmer.stem("amici")).isEqualTo("amici");
        assertThat(ItalianStemmer.stem("banchi")).isEqualTo("banc");
        assertThat(ItalianStemmer.stem("negozio")).isEqualTo("negoz");
        assertThat(ItalianStemmer.stem("negozi")).isEqualTo("negoz");
        assertThat(ItalianStemmer.stem("bugie")).isEqualTo("bugie");
        assertThat(ItalianStemmer.stem("camicie")).isEqualTo("camic");
    }

    @Test
    void leavesShortWordsAndOtherEndingsAlone() {
        assertThat(ItalianStemmer.stem("casa")).isEqualTo("casa");
        assertThat(ItalianStemmer.stem("ritardo")).isEqualTo("ritard");
        assertThat(ItalianStemmer.stem("disservizio")).isEqualTo("disserviz");
        assertThat(ItalianStemmer.stem("internet")).isEqualTo("internet");
        assertThat(ItalianStemmer.stemLength("")).isZero();
    }

    @Test
    void givesAStemTheValenceOfItsLexiconWordsOnlyWhenTheyAgree() {
        Map<String, Double> stems = StemLexicon.build(Map.of("deludente", -1.6, "schifoso", -2.5, "schifose", -1.5,
                "sereno", 2.0, "serena", -1.0));
        assertThat(stems).containsOnly(Map.entry("deludent", -1.6), Map.entry("schifos", -2.0));
        assertThat(StemLexicon.valence("deludent")).isNegative();
        assertThat(StemLexicon.valence("vodafon")).isZero();
    }
}
