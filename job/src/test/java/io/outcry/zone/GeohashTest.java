package io.outcry.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeohashTest {

    @Test
    void encodesKnownCells() {
        assertThat(Geohash.encode(57.64911, 10.40744, 11)).isEqualTo("u4pruydqqvj");
        assertThat(Geohash.encode(45.4643, 9.1895, 5)).isEqualTo("u0nd9");
    }

    @Test
    void aCellsCentreEncodesToItself() {
        String cell = Geohash.encode(40.85, 14.27, 4);
        assertThat(Geohash.encode(Geohash.centre(cell).lat(), Geohash.centre(cell).lon(), 4)).isEqualTo(cell);
        double[] b = Geohash.bounds(cell);
        assertThat(b[3] - b[1]).isCloseTo(360.0 / 1024, within(1e-9));
        assertThat(b[2] - b[0]).isCloseTo(180.0 / 1024, within(1e-9));
    }

    @Test
    void neighboursTouchAndFartherCellsDoNot() {
        String cell = Geohash.encode(45.4643, 9.1895, 4);
        double step = 360.0 / 1024;
        assertThat(Geohash.adjacent(cell, Geohash.encode(45.4643, 9.1895 + step, 4))).isTrue();
        assertThat(Geohash.adjacent(cell, Geohash.encode(45.4643 + 0.17, 9.1895 + step, 4))).isTrue();
        assertThat(Geohash.adjacent(cell, Geohash.encode(45.4643, 9.1895 + 2 * step, 4))).isFalse();
        assertThat(ZoneDetector.components(java.util.List.of(cell, Geohash.encode(45.4643, 9.1895 + 2 * step, 4))))
                .hasSize(2);
    }
}
