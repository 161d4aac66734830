package io.outcry.text;

import static org.assertj.core.api.Assertions.assertThat;

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
}
