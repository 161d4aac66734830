package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.text.Vocabulary;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.evaldata.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NgramLanguageIdentifierTest {

    private static final NgramLanguageIdentifier IDENTIFIER = NgramLanguageIdentifier.bundled();

    private static String identify(String text, String declared) {
        return IDENTIFIER.identify(TokenizedText.of(text), declared);
    }

    @Test
    void knowsTheSixLanguagesOfTheBundledProfiles() {
        assertThat(IDENTIFIER.languages()).containsExactlyInAnyOrder("it", "en", "es", "fr", "de", "pt");
    }

    @Test
    void identifiesEachLanguageOfItsOwnFixtureWithoutADeclaredLanguage() {
        Map<String, int[]> perLanguage = new TreeMap<>();
        for (Map<String, String> row : Csv.resource("enrich/languages.csv")) {
            int[] counts = perLanguage.computeIfAbsent(row.get("lang"), l -> new int[2]);
            counts[1]++;
            if (identify(row.get("text"), null).equals(row.get("lang"))) {
                counts[0]++;
            }
        }
        assertThat(perLanguage).hasSize(6);
        perLanguage.forEach((lang, counts) ->
                assertThat(counts[0] / (double) counts[1]).as("accuracy on %s (%d/%d)", lang, counts[0], counts[1])
                        .isGreaterThanOrEqualTo(0.9));
    }

    @Test
    void overridesADeclaredLanguageThatTheTextClearlyContradicts() {
        assertThat(identify("non riesco a collegarmi da stamattina, qualcuno sa cosa succede alla rete?", "en"))
                .isEqualTo("it");
    }

    @Test
    void keepsTheDeclaredLanguageWhenTheTextIsTooShortToSay() {
        assertThat(identify("ok", "pt")).isEqualTo("pt");
        assertThat(identify("Vodafone", "it")).isEqualTo("it");
    }

    @Test
    void readsAWordRegisteredAfterItWasBuiltAsItReadItUnregistered() {
        NgramLanguageIdentifier identifier = NgramLanguageIdentifier.bundled();
        String text = "sfrigolavano arrivederciamoci raccontandovelo";
        TokenizedText unregistered = TokenizedText.of(text);
        assertThat(unregistered.ids()).containsOnly(Vocabulary.UNKNOWN);
        String read = identifier.identify(unregistered, null);
        assertThat(read).isEqualTo("it");

        // as a catalog loaded later registers its words
        unregistered.tokens().forEach(Vocabulary::intern);
        TokenizedText registered = TokenizedText.of(text);

        assertThat(registered.ids()).doesNotContain(Vocabulary.UNKNOWN);
        assertThat(identifier.identify(registered, null)).isEqualTo(read);
    }

    @Test
    void readsRegionalAndUpperCaseDeclaredCodes() {
        assertThat(identify("the network is down again", "EN-gb")).isEqualTo("en");
    }

    @Test
    void keepsADeclaredLanguageItHasNoProfileFor() {
        assertThat(identify("het netwerk ligt er weer uit", "nl")).isEqualTo("nl");
    }

    @Test
    void isUndeterminedWithoutWordsOrWithOnlyANameAndNoDeclaredLanguage() {
        assertThat(identify("😡😡😡 12345 https://t.co/xY7", null)).isEqualTo(LanguageIdentifier.UNDETERMINED);
        assertThat(identify("😡😡😡", "it")).isEqualTo(LanguageIdentifier.UNDETERMINED);
        assertThat(identify("@tim", null)).isEqualTo(LanguageIdentifier.UNDETERMINED);
    }

    @Test
    void treatsPlatformCodesForNoLanguageAsUndeclared() {
        assertThat(identify("perché la linea non funziona ancora", "und")).isEqualTo("it");
        assertThat(identify("@tim", "zxx")).isEqualTo(LanguageIdentifier.UNDETERMINED);
    }

    @Test
    void identifiesTheItalianTweetsOfSentipolcAsItalian() {
        assertAccuracy("sentipolc16_train.csv", "it", 0.95);
    }

    @Test
    void identifiesTheEnglishAirlineTweetsAsEnglish() {
        assertAccuracy("airline_tweets_dev.csv", "en", 0.95);
    }

    /** Eval-only data: read from ../shared/data when present, never copied into the project. */
    private static void assertAccuracy(String file, String lang, double floor) {
        Path path = SharedData.file(file);
        List<Map<String, String>> rows = Csv.read(path);
        Map<String, Integer> answers = new TreeMap<>();
        for (Map<String, String> row : rows) {
            answers.merge(identify(row.get("text"), null), 1, Integer::sum);
        }
        double accuracy = answers.getOrDefault(lang, 0) / (double) rows.size();
        System.out.printf("%s: %d rows, %.4f identified as %s; answers %s%n", file, rows.size(), accuracy, lang, answers);
        assertThat(accuracy).as("share of %s identified as %s, answers %s", file, lang, answers)
                .isGreaterThanOrEqualTo(floor);
    }
}
