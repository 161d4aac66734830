package io.outcry.zone;

import io.outcry.post.GeoPoint;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Geohash cells: a base-32 string per cell, one character more per level (precision 4 is about
 * 39 × 20 km, 5 about 4.9 × 4.9 km). Cells of one precision tile the world, so counting posts
 * per cell and joining hot neighbours is all zone detection needs.
 */
public final class Geohash {

    private static final char[] BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz".toCharArray();
    private static final int[] DECODE = new int[128];

    static {
        java.util.Arrays.fill(DECODE, -1);
        for (int i = 0; i < BASE32.length; i++) {
            DECODE[BASE32[i]] = i;
        }
    }

    private Geohash() {}

    public static String encode(double lat, double lon, int precision) {
        double minLat = -90, maxLat = 90, minLon = -180, maxLon = 180;
        char[] hash = new char[precision];
        boolean even = true;
        int bit = 0;
        int ch = 0;
        for (int i = 0; i < precision; ) {
            if (even) {
                double mid = (minLon + maxLon) / 2;
                if (lon >= mid) {
                    ch = ch << 1 | 1;
                    minLon = mid;
                } else {
                    ch <<= 1;
                    maxLon = mid;
                }
            } else {
                double mid = (minLat + maxLat) / 2;
                if (lat >= mid) {
                    ch = ch << 1 | 1;
                    minLat = mid;
                } else {
                    ch <<= 1;
                    maxLat = mid;
                }
            }
            even = !even;
            if (++bit == 5) {
                hash[i++] = BASE32[ch];
                bit = 0;
                ch = 0;
            }
        }
        return new String(hash);
    }

    /** {@code {minLat, minLon, maxLat, maxLon}} of the cell. */
    public static double[] bounds(String hash) {
        double minLat = -90, maxLat = 90, minLon = -180, maxLon = 180;
        boolean even = true;
        for (int i = 0; i < hash.length(); i++) {
            char c = hash.charAt(i);
            int value = c < 128 ? DECODE[c] : -1;
            if (value < 0) {
                throw new IllegalArgumentException("'" + hash + "' is not a geohash");
            }
            for (int b = 4; b >= 0; b--) {
                boolean one = (value >> b & 1) == 1;
                if (even) {
                    double mid = (minLon + maxLon) / 2;
                    if (one) {
                        minLon = mid;
                    } else {
                        maxLon = mid;
                    }
                } else {
                    double mid = (minLat + maxLat) / 2;
                    if (one) {
                        minLat = mid;
                    } else {
                        maxLat = mid;
                    }
                }
                even = !even;
            }
        }
        return new double[] {minLat, minLon, maxLat, maxLon};
    }

    public static GeoPoint centre(String hash) {
        double[] b = bounds(hash);
        return new GeoPoint((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
    }

    /** Whether two cells of the same precision touch, corners included (or are the same cell). */
    public static boolean adjacent(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        double[] x = bounds(a);
        double[] y = bounds(b);
        double eps = 1e-9;
        return x[0] <= y[2] + eps && y[0] <= x[2] + eps && x[1] <= y[3] + eps && y[1] <= x[3] + eps;
    }

    /** The cell and the cells around it, corners included, of the same precision. */
    public static List<String> neighbourhood(String hash) {
        double[] b = bounds(hash);
        double height = b[2] - b[0];
        double width = b[3] - b[1];
        Set<String> cells = new LinkedHashSet<>();
        for (int dLat = -1; dLat <= 1; dLat++) {
            for (int dLon = -1; dLon <= 1; dLon++) {
                double lat = (b[0] + b[2]) / 2 + dLat * height;
                double lon = (b[1] + b[3]) / 2 + dLon * width;
                if (lat > -90 && lat < 90) {
                    cells.add(encode(lat, lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon, hash.length()));
                }
            }
        }
        return List.copyOf(cells);
    }
}
