package io.outcry.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.outcry.post.GeoPoint;
import io.outcry.post.Place;
import io.outcry.post.Post;
import java.util.List;
import org.junit.jupiter.api.Test;

class GazetteerRegionLocatorTest {

    private static final GazetteerRegionLocator GAZETTEER = GazetteerRegionLocator.bundled();

    // codes and names as GeoNames' admin1.json has them
    @Test
    void findsTheAdmin1RegionOfItalianCities() {
        assertThat(GAZETTEER.locate(new GeoPoint(45.4642, 9.19))).extracting(Region::code, Region::name, Region::countryCode)
                .containsExactly("IT.09", "Lombardy", "IT");
        assertThat(GAZETTEER.locate(new GeoPoint(40.8518, 14.2681)).code()).isEqualTo("IT.04");
        assertThat(GAZETTEER.locate(new GeoPoint(40.8518, 14.2681)).name()).isEqualTo("Campania");
        assertThat(GAZETTEER.locate(new GeoPoint(41.9028, 12.4964)).code()).isEqualTo("IT.07");
        assertThat(GAZETTEER.locate(new GeoPoint(45.0703, 7.6869))).extracting(Region::code, Region::name)
                .containsExactly("IT.12", "Piedmont");
    }

    @Test
    void findsRegionsElsewhereInTheWorld() {
        assertThat(GAZETTEER.locate(new GeoPoint(51.5072, -0.1276)).code()).isEqualTo("GB.ENG");
        assertThat(GAZETTEER.locate(new GeoPoint(-33.8688, 151.2093)).code()).isEqualTo("AU.02");
    }

    @Test
    void knowsNothingFarFromAnyPlace() {
        assertThat(GAZETTEER.locate(new GeoPoint(35.0, -40.0))).isEqualTo(Region.UNKNOWN);
        assertThat(GAZETTEER.locate(new GeoPoint(39.5, 17.8))).isEqualTo(Region.UNKNOWN);
        assertThat(GAZETTEER.locate(new GeoPoint(91, 0))).isEqualTo(Region.UNKNOWN);
    }

    @Test
    void centresARegionOnItsPlaces() {
        GeoPoint centre = GAZETTEER.locate(new GeoPoint(45.4642, 9.19)).centre();
        assertThat(centre.lat()).isCloseTo(45.6, within(0.4));
        assertThat(centre.lon()).isCloseTo(9.8, within(0.6));
    }

    @Test
    void locatesAPostByItsCoordinatesElseItsPlace() {
        Place napoli = new Place("Napoli", "IT", new GeoPoint(40.8518, 14.2681));
        Post both = Posts.post("a", "ciao", "it", List.of(), List.of(), new GeoPoint(45.4642, 9.19), napoli);
        Post placeOnly = Posts.post("a", "ciao", "it", List.of(), List.of(), null, napoli);
        Post neither = Posts.post("a", "ciao", "it", List.of(), List.of(), null, new Place("Napoli", "IT", null));
        assertThat(GAZETTEER.locate(both).code()).isEqualTo("IT.09");
        assertThat(GAZETTEER.locate(placeOnly).code()).isEqualTo("IT.04");
        assertThat(GAZETTEER.locate(neither)).isEqualTo(Region.UNKNOWN);
    }

    @Test
    void holdsTheWholeGazetteer() {
        assertThat(GAZETTEER.size()).isEqualTo(171_075);
    }
}
