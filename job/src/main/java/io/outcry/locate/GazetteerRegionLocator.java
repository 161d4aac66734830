package io.outcry.locate;

import io.outcry.text.CatalogException;
import io.outcry.post.GeoPoint;
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
 * The admin-1 region of a position, anywhere in the world: the position goes to the nearest
 * gazetteer place within {@link #MAX_DISTANCE_KM} and gets that place's region; farther than
 * that (at sea, in a desert) it is {@link Region#UNKNOWN}. The {@link io.outcry.locate.PostLocator}
 * asks it for a post's coordinates or platform place, and turns any location's region code
 * into its {@link Region} through {@link #region(String)}.
 *
 * <p>The gazetteer is GeoNames' places of 1000+ inhabitants (about 171,000), bundled as
 * {@code geo/places.tsv.gz} by {@code GazetteerBuilder} (tools). Places are bucketed in a
 * {@value #CELL_DEGREES}-degree grid and a lookup walks rings of cells outwards from the
 * position's cell, passing over the cells that cannot hold a place nearer than the nearest
 * found so far and stopping as soon as no farther cell can: usually the position's own cell
 * and maybe a neighbour, a few dozen distance computations per lookup, never a scan. The
 * bounds are exact lower bounds of the distance below, so the answer is the one a scan of
 * every place gives. Immutable and thread-safe; the
 * bundled one is loaded once per class loader and shared.
 */
public final class GazetteerRegionLocator {

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
    /**
     * Bounds are taken this much short of a cell's edge: a place's cell comes from rounded
     * arithmetic on its coordinates, so it may sit a hair (1e-14 degrees) outside the edge.
     */
    private static final double EDGE_SLACK_DEGREES = 1e-9;

    /** Start of each cell's places in the arrays below; cell c holds [cellStart[c], cellStart[c + 1]). */
    private final int[] cellStart;
    private final float[] latitudes;
    private final float[] longitudes;
    private final Region[] regions;
    private final Map<String, Region> regionsByCode;

    private GazetteerRegionLocator(
            int[] cellStart, float[] latitudes, float[] longitudes, Region[] regions, Map<String, Region> regionsByCode) {
        this.cellStart = cellStart;
        this.latitudes = latitudes;
        this.longitudes = longitudes;
        this.regions = regions;
        this.regionsByCode = regionsByCode;
    }

    /** The gazetteer bundled in the jar, loaded on first use. */
    public static GazetteerRegionLocator bundled() {
        return Bundled.INSTANCE;
    }

    /** The region of an admin-1 code such as {@code IT.09}; {@link Region#UNKNOWN} for null or a code the gazetteer lacks. */
    public Region region(String code) {
        Region region = code == null ? null : regionsByCode.get(code);
        return region == null ? Region.UNKNOWN : region;
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
        // squared degrees compare as the distances do, without a square root per place
        double nearestSquare = Double.POSITIVE_INFINITY;
        double nearestKm = Double.POSITIVE_INFINITY;
        for (int ring = 0; ; ring++) {
            for (int r = row - ring; r <= row + ring; r++) {
                if (r < 0 || r >= ROWS) {
                    continue;
                }
                boolean edgeRow = r == row - ring || r == row + ring;
                int step = edgeRow || ring == 0 ? 1 : 2 * ring;
                double latGap = latGap(lat, r);
                for (int c = column - ring; c <= column + ring; c += step) {
                    int cellColumn = Math.floorMod(c, COLUMNS);
                    // most cells of a ring are farther than the place found so far: their places
                    // cannot win, and in a dense region a cell holds dozens of them
                    double lonGap = lonGap(lon, cellColumn) * cosLat;
                    double cellKm = Math.sqrt(latGap * latGap + lonGap * lonGap) * KM_PER_DEGREE;
                    if (cellKm >= nearestKm || cellKm > MAX_DISTANCE_KM) {
                        continue;
                    }
                    int cell = r * COLUMNS + cellColumn;
                    for (int i = cellStart[cell], end = cellStart[cell + 1]; i < end; i++) {
                        double square = squaredDegrees(lat, lon, cosLat, latitudes[i], longitudes[i]);
                        if (square < nearestSquare) {
                            nearestSquare = square;
                            nearest = i;
                        }
                    }
                    nearestKm = Math.sqrt(nearestSquare) * KM_PER_DEGREE;
                }
            }
            double outsideKm = outsideKm(lat, lon, cosLat, row, column, ring);
            if (nearestKm <= outsideKm || outsideKm > MAX_DISTANCE_KM || 2 * ring + 1 >= COLUMNS) {
                break;
            }
        }
        return nearest >= 0 && nearestKm <= MAX_DISTANCE_KM ? regions[nearest] : Region.UNKNOWN;
    }

    /**
     * A lower bound of the distance from the position to every place outside the
     * {@code ring} rings of cells around its cell: the nearest edge of that square of cells,
     * where an edge past the pole or around the whole globe counts as none.
     */
    private static double outsideKm(double lat, double lon, double cosLat, int row, int column, int ring) {
        double south = row - ring <= 0 ? Double.POSITIVE_INFINITY : lat - southEdge(row - ring);
        double north = row + ring >= ROWS - 1 ? Double.POSITIVE_INFINITY : southEdge(row + ring + 1) - lat;
        // the position lies in its column, but rounding may put it a hair west of it: around to near 360
        double offset = eastwardOffset(lon, column);
        double intoColumn = offset > 180 ? 0 : Math.min(offset, CELL_DEGREES);
        double lonGap = 2 * ring + 1 >= COLUMNS ? Double.POSITIVE_INFINITY
                : Math.min(intoColumn + ring * CELL_DEGREES, (ring + 1) * CELL_DEGREES - intoColumn);
        return (Math.min(Math.min(south, north), lonGap * cosLat) - EDGE_SLACK_DEGREES) * KM_PER_DEGREE;
    }

    /** Degrees of latitude from {@code lat} to the nearest place row {@code r} can hold; 0 inside it. */
    private static double latGap(double lat, int r) {
        double gap = Math.max(southEdge(r) - lat, lat - southEdge(r + 1));
        return Math.max(0, gap - EDGE_SLACK_DEGREES);
    }

    /** Degrees of longitude, around either way, from {@code lon} to column {@code c}; 0 inside it. */
    private static double lonGap(double lon, int c) {
        double offset = eastwardOffset(lon, c);
        double gap = offset < CELL_DEGREES ? 0 : Math.min(offset - CELL_DEGREES, 360 - offset);
        return Math.max(0, gap - EDGE_SLACK_DEGREES);
    }

    /** Degrees east from the west edge of column {@code c} to {@code lon}, in [0, 360). */
    private static double eastwardOffset(double lon, int c) {
        double offset = (lon - (c * CELL_DEGREES - 180)) % 360;
        return offset < 0 ? offset + 360 : offset;
    }

    private static double southEdge(int row) {
        return row * CELL_DEGREES - 90;
    }

    /** Number of places in the gazetteer. */
    public int size() {
        return latitudes.length;
    }

    /**
     * The square of the equirectangular distance, in degrees: within the 50 km that matter the
     * distance is within a fraction of a percent of the great-circle one, and its square orders
     * places alike, so the root is taken only for the nearest.
     */
    private static double squaredDegrees(double lat, double lon, double cosLat, double placeLat, double placeLon) {
        double dLon = Math.abs(lon - placeLon);
        if (dLon > 180) {
            dLon = 360 - dLon;
        }
        double x = dLon * cosLat;
        double y = lat - placeLat;
        return x * x + y * y;
    }

    private static int row(double lat) {
        return Math.min(ROWS - 1, (int) ((lat + 90) / CELL_DEGREES));
    }

    private static int column(double lon) {
        return Math.floorMod((int) Math.floor((lon + 180) / CELL_DEGREES), COLUMNS);
    }

    /** Loads a gazetteer written by {@code GazetteerBuilder} (tools) from {@code places} and {@code admin1}. */
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
        return new GazetteerRegionLocator(cellStart, latitudes, longitudes, regionOf, Map.copyOf(regions));
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
