package io.outcry.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.text.TokenizedText;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HashedFeaturesTest {

    /** One view, no lexicon: the n-grams alone. */
    private static final HashedFeatures FEATURES = new HashedFeatures(18, 3, 5);

    private static int[] buckets(String text, String lang) {
        FeatureVector x = new FeatureVector();
        FEATURES.extract(TokenizedText.of(text), lang, x);
        int[] buckets = new int[x.size()];
        for (int i = 0; i < x.size(); i++) {
            buckets[i] = x.index(i) * (x.value(i) < 0 ? -1 : 1);
        }
        return buckets;
    }

    @Test
    void hashesTheSameWayOnEveryRunSoThatModelFilesStayValid() {
        // pinned: if this changes, HashedFeatures.SCHEME must change too
        assertThat(Arrays.copyOf(buckets("ok", null), 4)).containsExactly(154220, -168669, 26671, 155793);
        assertThat(HashedFeatures.mix(1)).isEqualTo(1364076727);
    }

    @Test
    void emitsWordsBigramsCharacterGramsAndTheLanguage() {
        // "ok" between marks is 4 characters: the word, 2 trigrams and 1 four-gram
        FeatureVector x = new FeatureVector();
        FEATURES.extract(TokenizedText.of("ok"), null, x);
        assertThat(x.size()).isEqualTo(1 + 2 + 1);
        FEATURES.extract(TokenizedText.of("ok ok"), "it", x);
        assertThat(x.size()).isEqualTo(2 * 4 + 1 + 1);
        double norm = 0;
        for (int i = 0; i < x.size(); i++) {
            norm += x.value(i) * x.value(i);
        }
        assertThat(norm).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void foldsElongatedWordsAndCountsTheElongation() {
        int[] plain = buckets("soo slow", "en");
        int[] elongated = buckets("sooooo slow", "en");
        assertThat(elongated).hasSize(plain.length + 1).contains(plain);
        assertThat(buckets("so slow", "en")).isNotEqualTo(buckets("soo slow", "en"));
    }

    @Test
    void marksTheWordsAfterANegator() {
        int[] good = buckets("good", "en");
        int[] notGood = buckets("not good", "en");
        assertThat(notGood).doesNotContain(good[0]);
        assertThat(buckets("non funziona", "it")).doesNotContain(buckets("funziona", "it")[0]);
    }

    @Test
    void reusesItsBuffersForLongPosts() {
        FeatureVector x = new FeatureVector();
        String longPost = "disservizio ".repeat(200) + "a".repeat(300);
        FEATURES.extract(TokenizedText.of(longPost), "it", x);
        assertThat(x.size()).isGreaterThan(512);
    }

    @Test
    void readsEveryHandleAsOneUserAndEveryLinkAsOneUrl() {
        assertThat(buckets("@united lost my bag https://t.co/abc", "en"))
                .containsExactlyInAnyOrder(buckets("@delta lost my bag http://bit.ly/xyz", "en"));
    }

    @Test
    void writesAWordsOnlyViewIntoItsOwnBucketsEachViewAtUnitLength() {
        HashedFeatures views = new HashedFeatures(18, 3, 5, true, false);
        assertThat(views.views()).isEqualTo(2);
        assertThat(views.buckets()).isEqualTo(2 << 18);
        FeatureVector x = new FeatureVector();
        views.extract(TokenizedText.of("ok ok"), "it", x);
        // view 0: 2 words, 2 x 3 character n-grams, 1 bigram, the language; view 1: no n-grams
        assertThat(x.size()).isEqualTo(10 + 4);
        double first = 0;
        double second = 0;
        for (int i = 0; i < x.size(); i++) {
            assertThat(x.index(i) < 1 << 18).isEqualTo(i < 10);
            if (i < 10) {
                first += x.value(i) * x.value(i);
            } else {
                second += x.value(i) * x.value(i);
            }
        }
        assertThat(first).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(second).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(new HashedFeatures(18, 0, 0, true, false).views()).isEqualTo(1);
    }

    @Test
    void writesAPolarityViewOfTheWordsTheLexiconsKnowAndNothingOfTheTopic() {
        HashedFeatures features = new HashedFeatures(14, 3, 5, false, false, true);
        assertThat(features.views()).isEqualTo(2);
        int[] train = polarityView(features, "Vodafone è in ritardo, che schifo");
        int[] bill = polarityView(features, "Fastweb è in ritardo, che schifo");
        assertThat(train).isNotEmpty().containsExactly(bill);
        assertThat(polarityView(features, "Vodafone non è uno schifo")).isNotEqualTo(polarityView(features, "Vodafone è uno schifo"));
        // a post with no word the lexicons know keeps its language alone
        assertThat(polarityView(features, "Vodafone")).hasSize(1).containsExactly(polarityView(features, "Fastweb"));
    }

    @Test
    void readsTheWordsOfItalianPostsAsTheirStemsWhenAsked() {
        HashedFeatures stems = new HashedFeatures(18, 0, 0, false, false, false, true);
        HashedFeatures words = new HashedFeatures(18, 0, 0, false, false, false, false);
        assertThat(features(stems, "clienti arrabbiati", "it")).containsExactly(features(stems, "cliente arrabbiato", "it"));
        assertThat(features(words, "clienti arrabbiati", "it")).isNotEqualTo(features(words, "cliente arrabbiato", "it"));
        // English words keep their endings: the stemmer is Italian
        assertThat(features(stems, "delayed flights", "en")).containsExactly(features(words, "delayed flights", "en"));
        // a negator is still told by its whole form
        assertThat(features(stems, "nessuno risponde", "it")).doesNotContain(features(stems, "risponde", "it")[0]);
    }

    @Test
    void letsThePolarityViewKnowAWordByTheStemOfALexiconWord() {
        HashedFeatures stems = new HashedFeatures(14, 0, 0, false, false, true, true);
        HashedFeatures words = new HashedFeatures(14, 0, 0, false, false, true, false);
        // "deludente" is in the lexicon, "deludenti" is not
        assertThat(polarityView(words, "risultati deludenti")).hasSize(1);
        assertThat(polarityView(stems, "risultati deludenti")).hasSize(3)
                .containsExactly(polarityView(stems, "risultato deludente"));
    }

    private static int[] features(HashedFeatures features, String text, String lang) {
        FeatureVector x = new FeatureVector();
        features.extract(TokenizedText.of(text), lang, x);
        return IntStream.range(0, x.size()).map(i -> x.index(i) * (x.value(i) < 0 ? -1 : 1)).toArray();
    }

    /** The buckets of the polarity view, the last of the views, with their signs. */
    private static int[] polarityView(HashedFeatures features, String text) {
        FeatureVector x = new FeatureVector();
        features.extract(TokenizedText.of(text), "it", x);
        int from = (features.views() - 1) << features.bits();
        return IntStream.range(0, x.size()).filter(i -> x.index(i) >= from)
                .map(i -> x.index(i) * (x.value(i) < 0 ? -1 : 1)).toArray();
    }

    @Test
    void addsTheLexiconPolarityOfThePost() {
        HashedFeatures lexicon = new HashedFeatures(18, 3, 5, false, true);
        FeatureVector angry = new FeatureVector();
        FeatureVector happy = new FeatureVector();
        lexicon.extract(TokenizedText.of("servizio pessimo"), "it", angry);
        lexicon.extract(TokenizedText.of("servizio ottimo"), "it", happy);
        FeatureVector plain = new FeatureVector();
        FEATURES.extract(TokenizedText.of("servizio pessimo"), "it", plain);
        // a level and a value after the n-grams, which keep their own unit length
        assertThat(angry.size()).isEqualTo(plain.size() + 2);
        assertThat(angry.index(angry.size() - 2)).isNotEqualTo(happy.index(happy.size() - 2));
        int polarity = angry.size() - 1;
        assertThat(angry.index(polarity)).isEqualTo(happy.index(happy.size() - 1));
        assertThat(Math.signum(angry.value(polarity))).isEqualTo(-Math.signum(happy.value(happy.size() - 1)));
    }

    @Test
    void weighsEmojiCapitalsAndPunctuation() {
        assertThat(buckets("late again 😡", "en")).hasSizeGreaterThan(buckets("late again", "en").length);
        assertThat(buckets("LATE again", "en")).isNotEqualTo(buckets("late again", "en"));
        assertThat(buckets("late again!!!", "en")).isNotEqualTo(buckets("late again", "en"));
    }
}
