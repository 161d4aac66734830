package io.outcry.post;

/** A WGS84 position in decimal degrees. */
public record GeoPoint(double lat, double lon) {

    public boolean isValid() {
        return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && !Double.isNaN(lat) && !Double.isNaN(lon);
    }
}
