package io.outcry.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.outcry.post.GeoPoint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
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
    void namesTheSameRegionByItsCodeAsByAPositionInIt() {
        assertThat(GAZETTEER.region("IT.09")).isEqualTo(GAZETTEER.locate(new GeoPoint(45.4642, 9.19)));
        assertThat(GAZETTEER.region("GB.ENG")).isEqualTo(GAZETTEER.locate(new GeoPoint(51.5072, -0.1276)));
        assertThat(GAZETTEER.region("XX.99")).isEqualTo(Region.UNKNOWN);
        assertThat(GAZETTEER.region(null)).isEqualTo(Region.UNKNOWN);
    }

    /** The grid walk must find what a scan of every place finds. */
    @Test
    void agreesWithALinearScanOfEveryPlace() throws Exception {
        List<double[]> places = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                getClass().getClassLoader().getResourceAsStream("geo/places.tsv.gz")), StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.startsWith("#")).forEach(line -> {
                String[] f = line.split("\t", -1);
                places.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
                codes.add(f[4].isEmpty() ? Region.UNKNOWN.code() : f[3] + "." + f[4]);
            });
        }
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            double lat = 35 + random.nextDouble() * 25;
            double lon = -10 + random.nextDouble() * 40;
            int nearest = -1;
            double nearestKm = Double.POSITIVE_INFINITY;
            for (int p = 0; p < places.size(); p++) {
                double km = haversineKm(lat, lon, places.get(p)[0], places.get(p)[1]);
                if (km < nearestKm) {
                    nearestKm = km;
                    nearest = p;
                }
            }
            Region found = GAZETTEER.locate(new GeoPoint(lat, lon));
            if (nearestKm > GazetteerRegionLocator.MAX_DISTANCE_KM + 0.5) {
                assertThat(found).as("%f,%f is %.1f km from any place", lat, lon, nearestKm).isEqualTo(Region.UNKNOWN);
            } else if (nearestKm < GazetteerRegionLocator.MAX_DISTANCE_KM - 0.5) {
                assertThat(found.code()).as("region of %f,%f", lat, lon).isEqualTo(codes.get(nearest));
            }
        }
    }

    private static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
    }

    @Test
    void holdsTheWholeGazetteer() {
        assertThat(GAZETTEER.size()).isEqualTo(171_075);
    }
}
