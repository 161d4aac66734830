package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.text.CatalogException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.post.Post;
import io.outcry.post.PostText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogBrandRecognizerTest {

    private static final CatalogBrandRecognizer BUNDLED = CatalogBrandRecognizer.load((String) null);

    @TempDir
    Path dir;

    private static List<String> brandsOf(Post post) {
        return BUNDLED.recognize(post, TokenizedText.of(post.text()));
    }

    /** A post as the parser reads it: mentions and hashtags taken from the text. */
    private static List<String> brandsOf(String text) {
        return brandsOf(Posts.post("someone", text, null, PostText.mentions(text), PostText.hashtags(text), null,
                null));
    }

    @Test
    void bundledCatalogHasTheBrandIdsTheSimulatorUses() {
        assertThat(BUNDLED.brands()).extracting(Brand::id).startsWith(
                "tim", "vodafone", "windtre", "iliad", "fastweb", "ita_airways", "ryanair", "poste");
    }

    @Test
    void bundledCatalogHasTheUsAirlinesOfTheEvaluationData() {
        assertThat(BUNDLED.brands()).extracting(Brand::id).contains(
                "virgin_america", "united", "southwest", "delta", "us_airways", "american", "jetblue");
        assertThat(brandsOf("@VirginAmerica @united @SouthwestAir @JetBlue @USAirways @AmericanAir @Delta"))
                .containsExactly("virgin_america", "united", "southwest", "delta", "us_airways", "american",
                        "jetblue");
    }

    @Test
    void tellsTheOperatorTreFromTheNumberByContext() {
        assertThat(brandsOf("Ho tre figli e tre gatti")).isEmpty();
        assertThat(brandsOf("Tre non ha segnale da ieri")).containsExactly("windtre");
        assertThat(brandsOf("passo a Tre, l'offerta è migliore")).containsExactly("windtre");
        assertThat(brandsOf("tre ore di attesa #windtre")).containsExactly("windtre");
        assertThat(brandsOf("3 Italia e Tre Italia sono lo stesso operatore")).containsExactly("windtre");
    }

    @Test
    void tellsTimTheOperatorFromTimThePerson() {
        assertThat(brandsOf("Stasera cena con Tim e Anna")).isEmpty();
        assertThat(brandsOf("tim non ha linea a Milano")).containsExactly("tim");
        assertThat(brandsOf("Tim, la fibra quando arriva?")).containsExactly("tim");
        assertThat(brandsOf("TIM ha alzato i prezzi")).containsExactly("tim");
        assertThat(brandsOf("Tim ha alzato i prezzi")).isEmpty();
    }

    @Test
    void tellsThePostOfficeFromOtherPoste() {
        assertThat(brandsOf("Le poste in gioco sono alte")).isEmpty();
        assertThat(brandsOf("Alle poste un'ora di fila per una raccomandata")).containsExactly("poste");
        assertThat(brandsOf("Poste Italiane ha perso il mio pacco")).containsExactly("poste");
    }

    @Test
    void tellsAirlinesFromEverydayEnglish() {
        assertThat(brandsOf("United we stand, and the wind is strong today")).isEmpty();
        assertThat(brandsOf("United lost my bag again")).containsExactly("united");
        assertThat(brandsOf("American flight 123 delayed three hours")).containsExactly("american");
        assertThat(brandsOf("The American dream")).isEmpty();
    }

    @Test
    void matchesUnambiguousNamesAlone() {
        assertThat(brandsOf("vodafone")).containsExactly("vodafone");
        assertThat(brandsOf("jetblue")).containsExactly("jetblue");
    }

    @Test
    void recognisesListedAndDerivedMisspellings() {
        assertThat(brandsOf("Vodaphone non va")).containsExactly("vodafone");
        assertThat(brandsOf("vodaffone non va")).containsExactly("vodafone");
        assertThat(brandsOf("volo Ryan Air cancellato")).containsExactly("ryanair");
        assertThat(brandsOf("ryannair cancella tutto")).containsExactly("ryanair");
        assertThat(brandsOf("Illiad non prende")).containsExactly("iliad");
        assertThat(brandsOf("Wind-Tre e poi windtre")).containsExactly("windtre");
        assertThat(brandsOf("posteitaliane chiuse")).containsExactly("poste");
        assertThat(brandsOf("Southwest Air lost my bag")).containsExactly("southwest");
        assertThat(brandsOf("Jet Blue again")).containsExactly("jetblue");
    }

    @Test
    void derivedMisspellingsGiveWayToSpelledOutPhrasesAndToEachOther() throws Exception {
        Path catalog = write("""
                brands:
                  - {id: fastweb, name: Fastweb, industry: telco}
                  - {id: other, name: Fasttweb, industry: telco}
                  - {id: alpha, name: Marlon, industry: telco}
                  - {id: beta, name: Marrlonn, industry: telco}
                """);
        CatalogBrandRecognizer recognizer = CatalogBrandRecognizer.load(catalog.toString());
        assertThat(recognize(recognizer, "fasttweb")).containsExactly("other");
        assertThat(recognize(recognizer, "fastwebb")).containsExactly("fastweb");
        // "marrlon" and "marlonn" are derived from both Marlon and Marrlonn: nobody gets them
        assertThat(recognize(recognizer, "marrlon marlonn")).isEmpty();
        assertThat(recognize(recognizer, "marllon")).containsExactly("alpha");
        assertThat(recognize(recognizer, "marrlonn")).containsExactly("beta");
    }

    @Test
    void knowsEachBrandsIndustry() {
        assertThat(BUNDLED.industry("tim")).isEqualTo("telco");
        assertThat(BUNDLED.industry("ryanair")).isEqualTo("airline");
        assertThat(BUNDLED.industry("poste")).isEqualTo("delivery");
        assertThat(BUNDLED.industry("nobody")).isNull();
        assertThat(BUNDLED.industry(null)).isNull();
    }

    @Test
    void confirmsAnAmbiguousAliasByItsOwnBrandAndIndustryContext() throws Exception {
        Path catalog = write("""
                industry_context:
                  bank: [conto]
                brands:
                  - id: sole
                    name: Banca Sole
                    industry: bank
                    context: [bonifico]
                    aliases: [{name: Sole, ambiguous: true, context: [mutuo]}]
                """);
        CatalogBrandRecognizer recognizer = CatalogBrandRecognizer.load(catalog.toString());
        assertThat(recognize(recognizer, "che bel sole oggi")).isEmpty();
        assertThat(recognize(recognizer, "Sole mi blocca il conto")).containsExactly("sole");
        assertThat(recognize(recognizer, "bonifico fermo con Sole")).containsExactly("sole");
        assertThat(recognize(recognizer, "il mutuo di Sole")).containsExactly("sole");
    }

    @Test
    void rejectsAnAmbiguousAliasNothingCanConfirm() throws Exception {
        Path catalog = write("""
                brands:
                  - {id: sole, name: Banca Sole, industry: bank, aliases: [{name: Sole, ambiguous: true}]}
                """);
        assertThatThrownBy(() -> CatalogBrandRecognizer.load(catalog.toString()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("ambiguous alias 'Sole' can never be confirmed");
    }

    @Test
    void rejectsAContextOfMoreThanOneWord() throws Exception {
        Path catalog = write("""
                brands:
                  - {id: sole, name: Banca Sole, industry: bank, context: [conto corrente]}
                """);
        assertThatThrownBy(() -> CatalogBrandRecognizer.load(catalog.toString()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("context word 'conto corrente' must be one word");
    }

    @Test
    void recognisesNamesAndAliasesIgnoringCaseAndAccents() {
        assertThat(brandsOf("Ma TELECOM ITALIA e' ancora giu'")).containsExactly("tim");
        assertThat(brandsOf("wind tre non prende, passo a ILIAD")).containsExactly("windtre", "iliad");
        assertThat(brandsOf("Wind3 ha problemi")).containsExactly("windtre");
        assertThat(brandsOf("Volo ITA Airways cancellato")).containsExactly("ita_airways");
        assertThat(brandsOf("Pòste Italiane: pacco perso")).containsExactly("poste");
    }

    @Test
    void respectsWordBoundaries() {
        assertThat(brandsOf("sono timido e vodafoneria non esiste, windtrek neanche")).isEmpty();
        assertThat(brandsOf("TIM!")).containsExactly("tim");
    }

    @Test
    void recognisesHandlesAndHashtagsInTextAndInThePostsFields() {
        assertThat(brandsOf("@itaairways dove è la mia valigia")).containsExactly("ita_airways");
        assertThat(brandsOf("#VodafoneIT down")).containsExactly("vodafone");
        Post tagged = Posts.post("someone", "ancora niente linea", "it", List.of("windtre"), List.of("fastweb"), null,
                null);
        assertThat(brandsOf(tagged)).containsExactly("windtre", "fastweb");
    }

    @Test
    void listsEachBrandOnceInCatalogOrder() {
        assertThat(brandsOf("Ryanair, poi TIM, poi ancora Ryanair e #tim")).containsExactly("tim", "ryanair");
    }

    @Test
    void knowsTheBrandsOfficialAccounts() {
        assertThat(BUNDLED.isOfficialAccount("twitter", "tim", "@TIM_Official")).isTrue();
        assertThat(BUNDLED.isOfficialAccount("twitter", "vodafone", "tim_official")).isFalse();
        assertThat(BUNDLED.isOfficialAccount("twitter", "tim", "mario_rossi")).isFalse();
        assertThat(BUNDLED.isOfficialAccount("twitter", "tim", null)).isFalse();
    }

    @Test
    void aBrandsAccountsOnAPlatformAreLookedUpForThatPlatformsPostsAndItsHandlesEverywhereElse() throws Exception {
        CatalogBrandRecognizer catalog = CatalogBrandRecognizer.load(write("""
                brands:
                  - id: tim
                    name: TIM
                    industry: telco
                    handles: [tim_official]
                    official_accounts: [timrisponde]
                    accounts:
                      bluesky: {handles: [tim.bsky.social], official_accounts: [timrisponde.bsky.social]}
                      mastodon: {official_accounts: [tim@mastodon.uno]}
                  - {id: iliad, name: Iliad, industry: telco, handles: [iliad_italia], official_accounts: [iliad_italia]}
                """).toString());

        assertThat(catalog.recognize(mentioning("bluesky", "tim.bsky.social"), TokenizedText.of("giù"))).containsExactly("tim");
        assertThat(catalog.recognize(mentioning("twitter", "tim.bsky.social"), TokenizedText.of("giù"))).isEmpty();
        assertThat(catalog.recognize(mentioning("mastodon", "tim@mastodon.uno"), TokenizedText.of("giù"))).containsExactly("tim");
        assertThat(catalog.recognize(mentioning("reddit", "tim_official"), TokenizedText.of("giù"))).containsExactly("tim");
        // a brand that lists no Bluesky accounts keeps its handles there
        assertThat(catalog.recognize(mentioning("bluesky", "iliad_italia"), TokenizedText.of("giù"))).containsExactly("iliad");

        assertThat(catalog.brandsOfAccount("bluesky", "@TimRisponde.bsky.social")).containsExactly("tim");
        assertThat(catalog.brandsOfAccount("twitter", "timrisponde.bsky.social")).isEmpty();
        assertThat(catalog.brandsOfAccount("twitter", "timrisponde")).containsExactly("tim");
        assertThat(catalog.brandsOfAccount("bluesky", "timrisponde")).isEmpty();
        assertThat(catalog.isOfficialAccount("mastodon", "tim", "tim@mastodon.uno")).isTrue();
        assertThat(catalog.isOfficialAccount("bluesky", "iliad", "iliad_italia")).isTrue();
    }

    @Test
    void rejectsAHandleTwoBrandsClaimOnTheSamePlatform() throws Exception {
        Path catalog = write("""
                brands:
                  - {id: tim, name: TIM, industry: telco, accounts: {bluesky: {handles: [tim.bsky.social]}}}
                  - {id: vodafone, name: Vodafone, industry: telco, accounts: {bluesky: {handles: [tim.bsky.social]}}}
                """);
        assertThatThrownBy(() -> CatalogBrandRecognizer.load(catalog.toString()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("brand 'vodafone' on bluesky: handle 'tim.bsky.social' already belongs to brand 'tim'");
    }

    private static Post mentioning(String platform, String handle) {
        return new Post("1", platform, 1_700_000_000_000L, new io.outcry.post.Author("42", "someone", 10, false, null),
                "giù", null, null, null, null, null, null, List.of(handle), List.of());
    }

    @Test
    void rejectsADuplicateBrandIdNamingTheFile() throws Exception {
        Path catalog = write("""
                brands:
                  - {id: tim, name: TIM, industry: telco}
                  - {id: tim, name: Timmy, industry: telco}
                """);
        assertThatThrownBy(() -> CatalogBrandRecognizer.load(catalog.toString()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(catalog.toString())
                .hasMessageContaining("duplicate brand id 'tim'");
    }

    @Test
    void aCompetitorSetIsTheBrandAndItsCompetitorsAndAnUnknownCompetitorIsRefused() throws Exception {
        Path catalog = write("""
                brands:
                  - {id: tim, name: TIM, industry: telco, competitors: [vodafone]}
                  - {id: vodafone, name: Vodafone, industry: telco}
                  - {id: poste, name: Poste, industry: delivery}
                """);
        assertThat(CatalogBrandRecognizer.load(catalog.toString()).competitorSets())
                .isEqualTo(Map.of("tim", List.of("tim"), "vodafone", List.of("tim")));

        Path wrong = write("""
                brands:
                  - {id: tim, name: TIM, industry: telco, competitors: [vodafon]}
                  - {id: vodafone, name: Vodafone, industry: telco}
                """);
        assertThatThrownBy(() -> CatalogBrandRecognizer.load(wrong.toString()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(wrong.toString())
                .hasMessageContaining("brand 'tim': competitor 'vodafon' is not another brand of the catalog");
    }

    @Test
    void rejectsAnUnknownKeyNamingItsLine() throws Exception {
        Path catalog = write("""
                brands:
                  - id: tim
                    name: TIM
                    industry: telco
                    hashtag: [tim]
                """);
        assertThatThrownBy(() -> CatalogBrandRecognizer.load(catalog.toString()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(catalog.toString())
                .hasMessageContaining("\"hashtag\"")
                .hasMessageContaining("at brands[0].hashtag");
    }

    @Test
    void rejectsAPhraseThatNamesTwoBrands() throws Exception {
        Path catalog = write("""
                brands:
                  - {id: wind, name: Wind, industry: telco}
                  - {id: windtre, name: WindTre, industry: telco, aliases: [WIND]}
                """);
        assertThatThrownBy(() -> CatalogBrandRecognizer.load(catalog.toString()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'WIND' already names brand 'wind'");
    }

    @Test
    void rejectsABadIdAndAMissingFile() throws Exception {
        Path catalog = write("brands:\n  - {id: Ita Airways, name: ITA, industry: airline}\n");
        assertThatThrownBy(() -> CatalogBrandRecognizer.load(catalog.toString()))
                .hasMessageContaining("'id' must be set and match [a-z0-9_]+");
        assertThatThrownBy(() -> CatalogBrandRecognizer.load(dir.resolve("absent.yaml").toString()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("absent.yaml: file not found");
    }

    private static List<String> recognize(CatalogBrandRecognizer recognizer, String text) {
        return recognizer.recognize(Posts.text(text), TokenizedText.of(text));
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("brands.yaml"), yaml);
    }
}
