package io.outcry.locate;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.post.GeoPoint;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GazetteerTest {

    @Test
    void theNearestTownFromTheGridIsTheOneAScanOfEveryTownFinds() {
        Gazetteer g = Gazetteer.bundled();
        Random random = new Random(7);
        int found = 0;
        for (int i = 0; i < 2_000; i++) {
            // Italy and its seas, so that some points have no town within reach
            GeoPoint point = new GeoPoint(36 + random.nextDouble() * 11.5, 6 + random.nextDouble() * 13);
            double maxKm = 1 + random.nextDouble() * 30;
            Gazetteer.Place expected = scan(g, point, maxKm);
            assertThat(g.nearestTown(point, maxKm)).as("nearest town to %s within %.1f km", point, maxKm).isEqualTo(expected);
            found += expected == null ? 0 : 1;
        }
        assertThat(found).as("points with a town within reach").isBetween(500, 1_990);
    }

    /** The nearest town by distance to every town, the later of two at the same distance. */
    private static Gazetteer.Place scan(Gazetteer g, GeoPoint point, double maxKm) {
        Gazetteer.Place nearest = null;
        double best = maxKm;
        for (Gazetteer.Place town : g.towns()) {
            double km = Geo.km(point, town.point());
            if (km <= best) {
                best = km;
                nearest = town;
            }
        }
        return nearest;
    }
}
