package io.outcry.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.outcry.locate.Region;
import io.outcry.text.TokenizedText;
import io.outcry.post.Author;
import io.outcry.post.GeoPoint;
import io.outcry.post.Place;
import io.outcry.post.Post;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostLocatorTest {

    private static final GeoPoint MILAN = new GeoPoint(45.4643, 9.1895);
    private static final GeoPoint NAPLES = new GeoPoint(40.8522, 14.2681);

    private final PostLocator locator = PostLocator.bundled(0.4);

    private static Post post(String text, GeoPoint coordinates, Place place, String profile) {
        return new Post("1", "twitter", 0, new Author("a", "a", 10, false, profile), text, "it", coordinates, place,
                null, null, null, List.of(), List.of());
    }

    private Location locate(String text, String profile) {
        Post post = post(text, null, null, profile);
        return locator.locate(post, TokenizedText.of(text));
    }

    @Test
    void coordinatesWinWithFullConfidence() {
        Post post = post("a Napoli niente linea", MILAN, new Place("Roma", "IT", new GeoPoint(41.9, 12.5)), "Torino");
        Location location = locator.locate(post, TokenizedText.of(post.text()));
        assertThat(location.source()).isEqualTo(LocationSource.COORDINATES);
        assertThat(location.confidence()).isEqualTo(1.0);
        assertThat(location.point()).isEqualTo(MILAN);
        assertThat(location.regionCode()).isEqualTo("IT.09");
    }

    @Test
    void placeCentreComesNext() {
        Post post = post("a Napoli niente linea", null, new Place("Roma", "IT", new GeoPoint(41.9, 12.5)), null);
        Location location = locator.locate(post, TokenizedText.of(post.text()));
        assertThat(location.source()).isEqualTo(LocationSource.PLACE);
        assertThat(location.place()).isEqualTo("Roma");
        assertThat(location.confidence()).isEqualTo(0.8);
        assertThat(location.regionCode()).isEqualTo("IT.07");
    }

    @Test
    void coordinatesAnywhereInTheWorldHaveARegionButNoItalianTown() {
        Post post = post("Vodafone down in London", new GeoPoint(51.5072, -0.1276), null, null);
        Location location = locator.locate(post, TokenizedText.of(post.text()));
        assertThat(location.regionCode()).isEqualTo("GB.ENG");
        assertThat(location.place()).isNull();
        assertThat(locator.region(location).name()).isEqualTo("England");
    }

    @Test
    void aPlaceWithoutACentreLeavesTheTextToTell() {
        Post post = post("a Napoli niente linea", null, new Place("Napoli", "IT", null), null);
        assertThat(locator.locate(post, TokenizedText.of(post.text())).source()).isEqualTo(LocationSource.TEXT);
    }

    @Test
    void findsATownAfterALocativeWord() {
        Location location = locate("WindTre a Napoli non funziona niente", null);
        assertThat(location.source()).isEqualTo(LocationSource.TEXT);
        assertThat(Geo.km(location.point(), NAPLES)).isLessThan(1);
        assertThat(location.provinceCode()).isEqualTo("IT.04.NA");
        assertThat(location.regionCode()).isEqualTo("IT.04");
        assertThat(location.confidence()).isEqualTo(0.6);
    }

    @Test
    void findsAHashtagAndASmallTownAfterZonaOrProvinciaDi() {
        assertThat(Geo.km(locate("fibra morta #Milano", null).point(), MILAN)).isLessThan(1);
        assertThat(locate("zona Pozzuoli senza rete", null).place()).isEqualTo("Pozzuoli");
        assertThat(locate("in provincia di Lecco nessun segnale", null).place()).isEqualTo("Lecco");
        assertThat(locate("#MilanoDown iliad", null).place()).isEqualTo("Milan");
    }

    @Test
    void aChiefTownNeedsNoLocativeButACommonWordDoes() {
        assertThat(locate("Torino senza linea da ore", null).place()).isEqualTo("Turin");
        assertThat(locate("Torino senza linea da ore", null).confidence()).isEqualTo(0.54);
        assertThat(locate("servizio fermo da stamattina, che potenza", null).isKnown()).isFalse();
        assertThat(locate("sono a Fermo e non va", null).place()).isEqualTo("Fermo");
    }

    @Test
    void commonPhrasesAfterALocativeLocateNothing() {
        for (String text : List.of("sono a casa senza internet", "da ora non va", "in centro non prende",
                "a breve risolveremo", "in paese niente linea", "a volte funziona")) {
            assertThat(locate(text, null).isKnown()).as(text).isFalse();
        }
    }

    @Test
    void aTownTheWriterIsGoingToIsNotWhereTheyAre() {
        assertThat(locate("Volo @ryanair per Palermo in ritardo di 3 ore", null).isKnown()).isFalse();
        assertThat(locate("Flying ITA Airways to Palermo tomorrow", null).isKnown()).isFalse();
        assertThat(locate("Volo per Palermo cancellato, sono a Torino", null).place()).isEqualTo("Turin");
    }

    @Test
    void inTheMountainsOrTheCountrysideIsNoTown() {
        assertThat(locate("connessione perfetta anche in montagna", null).isKnown()).isFalse();
        assertThat(locate("in campagna non prende", null).isKnown()).isFalse();
        assertThat(locate("linea giù #Montagna", null).place()).isEqualTo("Montagna");
    }

    @Test
    void aProvinceCodeInCapitalsLocatesToItsChiefTown() {
        Location location = locate("Sesto (MI) tutto fermo", null);
        assertThat(location.provinceCode()).isEqualTo("IT.09.MI");
        assertThat(Geo.km(location.point(), MILAN)).isLessThan(1);
        assertThat(location.confidence()).isEqualTo(0.48);
        assertThat(locate("mi hanno lasciato senza linea", null).isKnown()).isFalse();
        assertThat(locate("NO non funziona", null).isKnown()).isFalse();
    }

    @Test
    void aRegionIsCoarseAndHalfAsSure() {
        Location location = locate("in Campania niente rete", null);
        assertThat(location.regionCode()).isEqualTo("IT.04");
        assertThat(location.provinceCode()).isNull();
        assertThat(location.confidence()).isEqualTo(0.3);
    }

    @Test
    void theProfileLocatesWhenTheTextDoesNot() {
        Location location = locate("non funziona niente", "Napoli, Campania 🇮🇹");
        assertThat(location.source()).isEqualTo(LocationSource.PROFILE);
        assertThat(Geo.km(location.point(), NAPLES)).isLessThan(1);
        assertThat(location.confidence()).isEqualTo(0.4);
        Location region = locate("non funziona niente", "Lombardia");
        assertThat(region.regionCode()).isEqualTo("IT.09");
        assertThat(region.confidence()).isEqualTo(0.2);
        assertThat(Geo.km(region.point(), MILAN)).isLessThan(80);
    }

    @Test
    void aWindowCountsARegionOnlyWhenItsSourceIsSureEnough() {
        Location profile = locate("non funziona niente", "Napoli");
        Location text = locate("a Napoli non funziona niente", null);
        PostLocator strict = PostLocator.bundled(0.5);
        assertThat(locator.region(profile).code()).isEqualTo("IT.04");
        assertThat(strict.region(profile)).isEqualTo(Region.UNKNOWN);
        assertThat(strict.region(text).code()).isEqualTo("IT.04");
        assertThat(locator.region(Location.UNKNOWN)).isEqualTo(Region.UNKNOWN);
        assertThat(PostLocator.bundled(0).region(Location.UNKNOWN)).isEqualTo(Region.UNKNOWN);
    }

    /** A region named in the text is a coarse point for a zone, yet the region itself is sure. */
    @Test
    void aRegionNamedInTheTextCountsAsTextForTheWindows() {
        Location location = locate("in Campania niente rete", null);
        assertThat(location.confidence()).isEqualTo(0.3);
        assertThat(PostLocator.bundled(0.6).region(location).name()).isEqualTo("Campania");
    }

    @Test
    void refusesAMinimumConfidenceOutsideZeroToOne() {
        assertThatThrownBy(() -> PostLocator.bundled(1.5)).hasMessageContaining("min location confidence is 1.5");
        assertThatThrownBy(() -> PostLocator.bundled(Double.NaN)).hasMessageContaining("[0, 1]");
    }

    @Test
    void nothingToGoOnIsUnknown() {
        assertThat(locate("non funziona niente", null)).isEqualTo(Location.UNKNOWN);
        assertThat(locate("non funziona niente", "the moon")).isEqualTo(Location.UNKNOWN);
    }

    @Test
    void theGazetteerNamesTheNearestTownAndItsProvince() {
        Gazetteer g = Gazetteer.bundled();
        Gazetteer.Place town = g.nearestTown(MILAN, 10);
        assertThat(town.name()).isEqualTo("Milan");
        assertThat(g.provinceName(town.provinceCode())).isEqualTo("Milano");
        assertThat(g.regionName(town.regionCode())).isEqualTo("Lombardy");
        assertThat(town.point().lat()).isCloseTo(45.46, within(0.01));
    }
}
