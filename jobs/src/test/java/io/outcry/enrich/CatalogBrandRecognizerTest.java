package io.outcry.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.post.Post;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogBrandRecognizerTest {

    private static final CatalogBrandRecognizer BUNDLED = CatalogBrandRecognizer.load((String) null);

    @TempDir
    Path dir;

    private static List<String> brandsOf(Post post) {
        return BUNDLED.recognize(post, TokenizedText.of(post.text()));
    }

    private static List<String> brandsOf(String text) {
        return brandsOf(Posts.text(text));
    }

    @Test
    void bundledCatalogHasTheBrandIdsTheSimulatorUses() {
        assertThat(BUNDLED.brands()).extracting(Brand::id).containsExactly(
                "tim", "vodafone", "windtre", "iliad", "fastweb", "ita_airways", "ryanair", "poste");
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
        assertThat(BUNDLED.isOfficialAccount("tim", "@TIM_Official")).isTrue();
        assertThat(BUNDLED.isOfficialAccount("vodafone", "tim_official")).isFalse();
        assertThat(BUNDLED.isOfficialAccount("tim", "mario_rossi")).isFalse();
        assertThat(BUNDLED.isOfficialAccount("tim", null)).isFalse();
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

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("brands.yaml"), yaml);
    }
}
