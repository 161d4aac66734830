package io.outcry.enrich;

import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Locates a post by its position: the post's coordinates, else the centre of the place the
 * platform attached, else nothing. The position goes to the nearest gazetteer place within
 * {@link #MAX_DISTANCE_KM} and the post gets that place's admin-1 region; farther than that
 * (at sea, in a desert) it is {@link Region#UNKNOWN}.
 *
 * <p>The gazetteer is GeoNames' places of 1000+ inhabitants (about 171,000), bundled as
 * {@code geo/places.tsv.gz} by {@link GazetteerBuilder}. Places are bucketed in a
 * {@value #CELL_DEGREES}-degree grid and a lookup walks rings of cells outwards from the
 * position's cell, stopping as soon as no farther cell can hold a nearer place: a few
 * dozen distance computations per lookup, never a scan. Immutable and thread-safe; the
 * bundled one is loaded once per class loader and shared.
 */
public final class GazetteerRegionLocator implements RegionLocator {

    public static final String PLACES_FILE = "places.tsv.gz";
    public static final String ADMIN1_FILE = "admin1.tsv";
    static final String BUNDLED_DIRECTORY = "geo/";

    /** Beyond this the nearest place says little about where the post was written. */
    public static final double MAX_DISTANCE_KM = 50;

    static final double CELL_DEGREES = 0.25;
    private static final int ROWS = (int) Math.round(180 / CELL_DEGREES);
    private static final int COLUMNS = (int) Math.round(360 / CELL_DEGREES);
    private static final double EARTH_RADIUS_KM = 6371.0088;
    private static final double KM_PER_DEGREE = Math.toRadians(1) * EARTH_RADIUS_KM;

    /** Start of each cell's places in the arrays below; cell c holds [cellStart[c], cellStart[c + 1]). */
    private final int[] cellStart;
    private final float[] latitudes;
    private final float[] longitudes;
    private final Region[] regions;

    private GazetteerRegionLocator(int[] cellStart, float[] latitudes, float[] longitudes, Region[] regions) {
        this.cellStart = cellStart;
        this.latitudes = latitudes;
        this.longitudes = longitudes;
        this.regions = regions;
    }

    /** The gazetteer bundled in the jar, loaded on first use. */
    public static GazetteerRegionLocator bundled() {
        return Bundled.INSTANCE;
    }

    @Override
    public Region locate(Post post) {
        GeoPoint position = post.coordinates();
        if (position == null || !position.isValid()) {
            position = post.place() == null ? null : post.place().centre();
        }
        return position == null || !position.isValid() ? Region.UNKNOWN : locate(position);
    }

    /** The admin-1 region of the nearest place within {@link #MAX_DISTANCE_KM} of {@code position}. */
    public Region locate(GeoPoint position) {
        if (position == null || !position.isValid()) {
            return Region.UNKNOWN;
        }
        double lat = position.lat();
        double lon = position.lon();
        double cosLat = Math.cos(Math.toRadians(lat));
        int row = row(lat);
        int column = column(lon);
        int nearest = -1;
        double nearestKm = Double.POSITIVE_INFINITY;
        for (int ring = 0; ; ring++) {
            for (int r = row - ring; r <= row + ring; r++) {
                if (r < 0 || r >= ROWS) {
                    continue;
                }
                boolean edgeRow = r == row - ring || r == row + ring;
                int step = edgeRow || ring == 0 ? 1 : 2 * ring;
                for (int c = column - ring; c <= column + ring; c += step) {
                    int cell = r * COLUMNS + Math.floorMod(c, COLUMNS);
                    for (int i = cellStart[cell], end = cellStart[cell + 1]; i < end; i++) {
                        double km = approximateKm(lat, lon, cosLat, latitudes[i], longitudes[i]);
                        if (km < nearestKm) {
                            nearestKm = km;
                            nearest = i;
                        }
                    }
                }
            }
            // every place outside the rings walked so far is at least this far away
            double covered = ring * CELL_DEGREES * KM_PER_DEGREE
                    * Math.cos(Math.toRadians(Math.min(90, Math.abs(lat) + (ring + 1) * CELL_DEGREES)));
            if (nearestKm <= covered || covered >= MAX_DISTANCE_KM || 2 * ring + 1 >= COLUMNS) {
                break;
            }
        }
        return nearest >= 0 && nearestKm <= MAX_DISTANCE_KM ? regions[nearest] : Region.UNKNOWN;
    }

    /** Number of places in the gazetteer. */
    public int size() {
        return latitudes.length;
    }

    /**
     * Equirectangular distance: within the 50 km that matter it is within a fraction of a
     * percent of the great-circle one, at the cost of one multiplication per place.
     */
    private static double approximateKm(double lat, double lon, double cosLat, double placeLat, double placeLon) {
        double dLon = Math.abs(lon - placeLon);
        if (dLon > 180) {
            dLon = 360 - dLon;
        }
        double x = dLon * cosLat;
        double y = lat - placeLat;
        return Math.sqrt(x * x + y * y) * KM_PER_DEGREE;
    }

    private static int row(double lat) {
        return Math.min(ROWS - 1, (int) ((lat + 90) / CELL_DEGREES));
    }

    private static int column(double lon) {
        return Math.floorMod((int) Math.floor((lon + 180) / CELL_DEGREES), COLUMNS);
    }

    /** Loads a gazetteer written by {@link GazetteerBuilder} from {@code places} and {@code admin1}. */
    static GazetteerRegionLocator load(InputStream places, InputStream admin1, String source) throws IOException {
        Map<String, String> regionNames = readAdmin1(admin1);
        List<float[]> positions = new ArrayList<>(180_000);
        List<String> regionCodes = new ArrayList<>(180_000);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(places, 1 << 16), StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 6) {
                    throw new CatalogException(source + " line " + lineNumber
                            + ": expected 6 tab-separated columns, found " + fields.length
                            + "; regenerate it with GazetteerBuilder");
                }
                try {
                    positions.add(new float[] {Float.parseFloat(fields[1]), Float.parseFloat(fields[2])});
                } catch (NumberFormatException e) {
                    throw new CatalogException(source + " line " + lineNumber + ": bad coordinate; "
                            + "regenerate it with GazetteerBuilder", e);
                }
                regionCodes.add(fields[4].isEmpty() ? null : fields[3] + "." + fields[4]);
            }
        }
        return index(positions, regionCodes, regionNames);
    }

    private static Map<String, String> readAdmin1(InputStream admin1) throws IOException {
        Map<String, String> names = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(admin1, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (!line.startsWith("#") && tab > 0) {
                    names.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return names;
    }

    private static GazetteerRegionLocator index(
            List<float[]> positions, List<String> regionCodes, Map<String, String> regionNames) {
        Map<String, Region> regions = regions(positions, regionCodes, regionNames);
        int count = positions.size();
        int[] cellOf = new int[count];
        int[] cellStart = new int[ROWS * COLUMNS + 1];
        for (int i = 0; i < count; i++) {
            float[] p = positions.get(i);
            cellOf[i] = row(p[0]) * COLUMNS + column(p[1]);
            cellStart[cellOf[i] + 1]++;
        }
        for (int cell = 0; cell < ROWS * COLUMNS; cell++) {
            cellStart[cell + 1] += cellStart[cell];
        }
        int[] next = cellStart.clone();
        float[] latitudes = new float[count];
        float[] longitudes = new float[count];
        Region[] regionOf = new Region[count];
        for (int i = 0; i < count; i++) {
            int slot = next[cellOf[i]]++;
            latitudes[slot] = positions.get(i)[0];
            longitudes[slot] = positions.get(i)[1];
            String code = regionCodes.get(i);
            regionOf[slot] = code == null ? Region.UNKNOWN : regions.get(code);
        }
        return new GazetteerRegionLocator(cellStart, latitudes, longitudes, regionOf);
    }

    /**
     * One {@link Region} per admin-1 code, centred on the mean of its places' unit vectors so
     * that a region across the antimeridian is not centred on the other side of the world.
     */
    private static Map<String, Region> regions(
            List<float[]> positions, List<String> regionCodes, Map<String, String> regionNames) {
        Map<String, double[]> sums = new HashMap<>();
        for (int i = 0; i < positions.size(); i++) {
            String code = regionCodes.get(i);
            if (code == null) {
                continue;
            }
            double lat = Math.toRadians(positions.get(i)[0]);
            double lon = Math.toRadians(positions.get(i)[1]);
            double[] sum = sums.computeIfAbsent(code, c -> new double[3]);
            sum[0] += Math.cos(lat) * Math.cos(lon);
            sum[1] += Math.cos(lat) * Math.sin(lon);
            sum[2] += Math.sin(lat);
        }
        Map<String, Region> regions = new HashMap<>();
        sums.forEach((code, sum) -> {
            double lat = Math.toDegrees(Math.atan2(sum[2], Math.hypot(sum[0], sum[1])));
            double lon = Math.toDegrees(Math.atan2(sum[1], sum[0]));
            GeoPoint centre = new GeoPoint(round(lat), round(lon));
            // a handful of GeoNames codes have no name in admin1.json: the code stands in
            String name = regionNames.getOrDefault(code, code);
            regions.put(code, new Region(code, name, code.substring(0, code.indexOf('.')), centre));
        });
        return regions;
    }

    private static double round(double degrees) {
        return Math.round(degrees * 10_000) / 10_000.0;
    }

    private static final class Bundled {

        static final GazetteerRegionLocator INSTANCE = loadBundled();

        private static GazetteerRegionLocator loadBundled() {
            ClassLoader loader = GazetteerRegionLocator.class.getClassLoader();
            String places = BUNDLED_DIRECTORY + PLACES_FILE;
            String admin1 = BUNDLED_DIRECTORY + ADMIN1_FILE;
            try (InputStream placesIn = loader.getResourceAsStream(places);
                    InputStream admin1In = loader.getResourceAsStream(admin1)) {
                if (placesIn == null || admin1In == null) {
                    throw new CatalogException("classpath:" + places + " or classpath:" + admin1
                            + " missing (broken build?); regenerate them with GazetteerBuilder");
                }
                return load(placesIn, admin1In, "classpath:" + places);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled gazetteer classpath:" + places, e);
            }
        }
    }
}
