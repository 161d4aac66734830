package io.outcry.enrich;

import io.outcry.text.CatalogException;
import io.outcry.locate.Region;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.locate.Location;
import io.outcry.locate.LocationSource;
import io.outcry.post.Author;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogEnricherTest {

    private static final Enricher ENRICHER = CatalogEnricher.load(EnrichmentConfig.defaults());

    @TempDir
    Path dir;

    @Test
    void enrichesAnItalianOutageComplaint() {
        Post post = Posts.post("mario", "@tim_official la linea non funziona da due giorni, vergogna!", "it",
                List.of("tim_official"), List.of(), new GeoPoint(45.4642, 9.19), null);
        EnrichedPost enriched = ENRICHER.enrich(post);
        assertThat(enriched.post()).isSameAs(post);
        assertThat(enriched.brands()).containsExactly("tim");
        assertThat(enriched.region().code()).isEqualTo("IT.09");
        assertThat(enriched.topics()).containsExactly("outage");
        assertThat(enriched.negative()).isTrue();
        assertThat(enriched.polarity()).isNegative();
        assertThat(enriched.complaint()).isTrue();
    }

    @Test
    void enrichesAnEnglishBaggageComplaintWithoutLanguage() {
        EnrichedPost enriched = ENRICHER.enrich(Posts.post("jane", "@Ryanair lost my luggage, worst airline ever",
                null, List.of("ryanair"), List.of(), null, null));
        assertThat(enriched.brands()).containsExactly("ryanair");
        assertThat(enriched.region()).isEqualTo(Region.UNKNOWN);
        assertThat(enriched.topics()).containsExactly("baggage");
        assertThat(enriched.complaint()).isTrue();
    }

    @Test
    void aCueMakesAComplaintEvenWhenTheWordsReadPolite() {
        EnrichedPost enriched = ENRICHER.enrich(Posts.text("Fastweb, sto ancora aspettando il tecnico. Grazie eh"));
        assertThat(enriched.negative()).isFalse();
        assertThat(enriched.complaint()).isTrue();
    }

    @Test
    void isNoComplaintWithoutABrandOrWhenTheBrandSpeaks() {
        assertThat(ENRICHER.enrich(Posts.text("che schifo di giornata, pessima")).complaint()).isFalse();
        Post apology = Posts.post("TIM_official", "Ci scusiamo per il disservizio, TIM sta lavorando al guasto",
                "it", List.of(), List.of(), null, null);
        assertThat(ENRICHER.enrich(apology).brands()).containsExactly("tim");
        assertThat(ENRICHER.enrich(apology).complaint()).isFalse();
    }

    @Test
    void isNoComplaintWhenHappy() {
        EnrichedPost enriched = ENRICHER.enrich(Posts.text("Grazie Iliad, ottima assistenza"));
        assertThat(enriched.brands()).containsExactly("iliad");
        assertThat(enriched.topics()).containsExactly("customer_service");
        assertThat(enriched.complaint()).isFalse();
    }

    @Test
    void aPostWithOnlyATownInItsTextLandsInThatTownsRegion() {
        EnrichedPost enriched = ENRICHER.enrich(Posts.text("WindTre a Napoli non funziona niente da stamattina"));
        assertThat(enriched.location().source()).isEqualTo(LocationSource.TEXT);
        assertThat(enriched.region()).extracting(Region::code, Region::name).containsExactly("IT.04", "Campania");
    }

    @Test
    void aPostLocatedOnlyByItsProfileCountsInItsRegionUnlessTheMinimumIsAboveAProfile() {
        Post post = new Post("1", "twitter", 1_700_000_000_000L, new Author("42", "mario", 10, false, "Torino, Italia"),
                "WindTre non funziona niente da stamattina", "it", null, null, null, null, null, List.of(), List.of());
        Enricher strict = CatalogEnricher.load(EnrichmentConfig.defaults().withMinLocationConfidence(0.5));

        assertThat(ENRICHER.enrich(post).region().code()).isEqualTo("IT.12");
        EnrichedPost unsure = strict.enrich(post);
        assertThat(unsure.region()).isEqualTo(Region.UNKNOWN);
        // the zones still get the position, weighed by its confidence
        assertThat(unsure.location()).extracting(Location::source, Location::confidence, Location::regionCode)
                .containsExactly(LocationSource.PROFILE, 0.4, "IT.12");
    }

    @Test
    void aPostNamingNoBrandIsNotLocated() {
        EnrichedPost enriched = ENRICHER.enrich(Posts.post("mario", "che pioggia oggi a Napoli", "it", List.of(), List.of(),
                new GeoPoint(40.8518, 14.2681), null));
        assertThat(enriched.location()).isEqualTo(Location.UNKNOWN);
        assertThat(enriched.region()).isEqualTo(Region.UNKNOWN);
    }

    @Test
    void loadsCatalogsFromFilesAndFailsFastOnABadOne() throws Exception {
        Path brands = Files.writeString(dir.resolve("brands.yaml"),
                "brands:\n  - {id: acme, name: ACME, industry: delivery, official_accounts: [acme_care]}\n");
        Enricher custom = CatalogEnricher.load(EnrichmentConfig.defaults().withBrandCatalog(brands.toString()));
        assertThat(custom.enrich(Posts.text("@acme_care worst delivery ever")).brands()).containsExactly("acme");

        Path topics = Files.writeString(dir.resolve("topics.yaml"), "topics: []\n");
        assertThatThrownBy(() -> CatalogEnricher.load(EnrichmentConfig.defaults().withTopicTaxonomy(topics.toString())))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(topics.toString())
                .hasMessageContaining("no topics");
    }
}
