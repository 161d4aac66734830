package io.outcry.locate;

import io.outcry.text.CatalogException;
import io.outcry.text.TextNormalizer;
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
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Italy's places by name, for finding a position in a text or a profile: the bundled
 * GeoNames places of Italy ({@code geo/places.tsv.gz}), their Italian names where GeoNames
 * gives the English one ({@code geo/place-aliases-it.tsv}), the provinces
 * ({@code geo/provinces-it.tsv}, each name standing for its chief town, each two-letter code
 * for the province) and the regions (standing for their centroid).
 *
 * <p>Names are a trie of folded tokens, as {@link TextNormalizer} folds them, so a lookup is
 * one hash probe per token of the text and never a regex. A name that two places more than
 * {@value #SAME_PLACE_KM} km apart share is ambiguous and locates nothing, unless a province
 * or an alias settles it ("Roma" is Rome, not a hamlet of the same name).
 */
public final class Gazetteer {

    static final String PLACES = "geo/places.tsv.gz";
    static final String ADMIN1 = "geo/admin1.tsv";
    static final String PROVINCES = "geo/provinces-it.tsv";
    static final String ALIASES = "geo/place-aliases-it.tsv";
    static final String COUNTRY = "IT";
    static final double SAME_PLACE_KM = 15;

    /**
     * Chief towns whose name is also a common word ("fermo" is "stopped", "potenza" signal
     * strength): they locate only after a locative word or as a hashtag, like any small place.
     */
    private static final Set<String> COMMON_WORDS = Set.of(
            "fermo", "potenza", "prato", "massa", "latina", "lodi", "como", "brindisi", "cuneo", "bari",
            "marche", "imperia", "reggio", "aquila", "terni", "enna", "asti");
    /**
     * Towns named like words that follow a locative all the time ("da ora", "in centro", "in
     * montagna": Montagna is a town in Valtellina, "in montagna" anywhere in the mountains): only
     * a hashtag locates them.
     */
    private static final Set<String> LOCATIVE_PHRASES = Set.of(
            "ora", "centro", "paese", "casa", "breve", "volte", "tempo", "tanto", "montagna", "campagna");

    /** How coarse a named thing is: a town, a province (by its code), a whole region. */
    public enum Kind { TOWN, PROVINCE, REGION }

    /**
     * A named thing with a position.
     *
     * @param major a chief town, an alias or a region: its name locates even without a locative word
     */
    public record Place(String name, GeoPoint point, String provinceCode, String regionCode, Kind kind, boolean major) {}

    /** A name found in a token list. */
    public record Match(Place place, int start, int length) {}

    private static final class Node {
        Map<String, Node> next;
        Place place;
        boolean ambiguous;
    }

    private final Node root = new Node();
    /**
     * One bit per hash of every word a name starts with: most tokens of a post start no name,
     * and this small table tells so without a probe into the much bigger trie root.
     */
    private final long[] firstWords = new long[1 << (FIRST_WORD_BITS - 6)];
    private static final int FIRST_WORD_BITS = 16;
    private final List<Place> towns = new ArrayList<>();
    /** Indices into {@link #towns} per grid cell of {@value #CELL_DEGREES} degrees, so a nearest town is not a scan of all of them. */
    private final Map<Long, int[]> townGrid = new HashMap<>();
    private static final double CELL_DEGREES = 0.1;
    /** Kilometres per degree of latitude, a little under the true ~111.2 so the cells searched always cover maxKm. */
    private static final double KM_PER_DEGREE = 110;
    private final Map<String, Place> provincesByCode = new HashMap<>();
    private final Map<String, String> provinceNames = new HashMap<>();
    private final Map<String, String> regionNames = new HashMap<>();

    private Gazetteer() {}

    /** The bundled gazetteer, loaded on first use and shared. */
    public static Gazetteer bundled() {
        return Bundled.INSTANCE;
    }

    /** False when no name starts with {@code token}; true when one may. */
    public boolean mayStartName(String token) {
        int bit = spread(token.hashCode());
        return (firstWords[bit >>> 6] & 1L << bit) != 0;
    }

    private static int spread(int hash) {
        return (hash * 0x9E3779B9) >>> (32 - FIRST_WORD_BITS);
    }

    /** The longest name starting at token {@code start}, or null. */
    public Match longestAt(List<String> tokens, int start) {
        Node node = root;
        Node found = null;
        int length = 0;
        for (int i = start; i < tokens.size() && node.next != null; i++) {
            node = node.next.get(tokens.get(i));
            if (node == null) {
                break;
            }
            if (node.place != null || node.ambiguous) {
                found = node;
                length = i - start + 1;
            }
        }
        return found == null || found.ambiguous ? null : new Match(found.place, start, length);
    }

    /** The province of a two-letter code such as {@code MI}, upper case, or null. */
    public Place province(String code) {
        return provincesByCode.get(code);
    }

    /** Whether a name is a common word too, so that it takes a locative word before it. */
    public static boolean isCommonWord(Match match, List<String> tokens) {
        return match.length() == 1 && COMMON_WORDS.contains(tokens.get(match.start()));
    }

    /** Whether a name reads as a word even after a locative, so that only a hashtag makes it a place. */
    public static boolean isLocativePhrase(Match match, List<String> tokens) {
        return match.length() == 1 && LOCATIVE_PHRASES.contains(tokens.get(match.start()));
    }

    /**
     * The town nearest to {@code point} within {@code maxKm}, or null; of two at the same
     * distance, the later in the gazetteer. Looks only in the grid cells {@code maxKm} can reach.
     */
    public Place nearestTown(GeoPoint point, double maxKm) {
        int latSpan = (int) Math.ceil(maxKm / KM_PER_DEGREE / CELL_DEGREES);
        // a degree of longitude is shortest at the highest latitude the search reaches
        double highestLat = Math.min(89, Math.abs(point.lat()) + latSpan * CELL_DEGREES);
        int lonSpan = (int) Math.ceil(maxKm / (KM_PER_DEGREE * Math.cos(Math.toRadians(highestLat))) / CELL_DEGREES);
        int row = cellOf(point.lat());
        int column = cellOf(point.lon());
        int nearest = -1;
        double best = maxKm;
        for (int r = row - latSpan; r <= row + latSpan; r++) {
            for (int c = column - lonSpan; c <= column + lonSpan; c++) {
                int[] inCell = townGrid.get(cellKey(r, c));
                if (inCell == null) {
                    continue;
                }
                for (int index : inCell) {
                    double km = Geo.km(point, towns.get(index).point());
                    if (km < best || km == best && index > nearest) {
                        best = km;
                        nearest = index;
                    }
                }
            }
        }
        return nearest < 0 ? null : towns.get(nearest);
    }

    /** Every town, in the gazetteer's order. */
    List<Place> towns() {
        return towns;
    }

    private static int cellOf(double degrees) {
        return (int) Math.floor(degrees / CELL_DEGREES);
    }

    private static long cellKey(int row, int column) {
        return (long) row << 32 | column & 0xffffffffL;
    }

    private void indexTowns() {
        Map<Long, List<Integer>> cells = new HashMap<>();
        for (int i = 0; i < towns.size(); i++) {
            GeoPoint point = towns.get(i).point();
            cells.computeIfAbsent(cellKey(cellOf(point.lat()), cellOf(point.lon())), k -> new ArrayList<>()).add(i);
        }
        cells.forEach((key, indices) -> townGrid.put(key, indices.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** The province's name ({@code IT.09.MI} is Milano), or null. */
    public String provinceName(String provinceCode) {
        return provinceCode == null ? null : provinceNames.get(provinceCode);
    }

    /** The region's GeoNames name ({@code IT.09} is Lombardy), or null. */
    public String regionName(String regionCode) {
        return regionCode == null ? null : regionNames.get(regionCode);
    }

    private void add(String name, Place place, boolean settles) {
        List<String> tokens = TextNormalizer.tokens(name);
        if (tokens.isEmpty()) {
            return;
        }
        int bit = spread(tokens.get(0).hashCode());
        firstWords[bit >>> 6] |= 1L << bit;
        Node node = root;
        for (String token : tokens) {
            if (node.next == null) {
                node.next = new HashMap<>(4);
            }
            node = node.next.computeIfAbsent(token, t -> new Node());
        }
        if (settles) {
            node.place = place;
            node.ambiguous = false;
        } else if (node.place == null && !node.ambiguous) {
            node.place = place;
        } else if (node.place != null && !node.place.major() && Geo.km(node.place.point(), place.point()) > SAME_PLACE_KM) {
            node.place = null;
            node.ambiguous = true;
        }
    }

    private static Gazetteer load() throws IOException {
        Gazetteer g = new Gazetteer();
        Map<String, double[]> regionSums = new HashMap<>();
        Map<String, Place> townByNameAndProvince = new HashMap<>();
        read(PLACES, true, f -> {
            if (!COUNTRY.equals(f[3]) || f[4].isEmpty()) {
                return;
            }
            String region = f[3] + '.' + f[4];
            String province = f[5].isEmpty() ? null : region + '.' + f[5];
            GeoPoint point = new GeoPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2]));
            Place town = new Place(f[0], point, province, region, Kind.TOWN, false);
            g.towns.add(town);
            townByNameAndProvince.putIfAbsent(TextNormalizer.fold(f[0]) + '|' + province, town);
            double[] sum = regionSums.computeIfAbsent(region, r -> new double[3]);
            sum[0] += point.lat();
            sum[1] += point.lon();
            sum[2]++;
        });
        for (Place town : g.towns) {
            g.add(town.name(), town, false);
        }
        g.indexTowns();
        read(ADMIN1, false, f -> {
            if (f[0].startsWith(COUNTRY + '.')) {
                g.regionNames.put(f[0], f[1]);
            }
        });
        Map<String, Place> regions = new HashMap<>();
        regionSums.forEach((code, s) -> regions.put(code, new Place(g.regionNames.getOrDefault(code, code),
                new GeoPoint(s[0] / s[2], s[1] / s[2]), null, code, Kind.REGION, true)));
        regions.values().forEach(region -> g.add(region.name(), region, true));
        Map<String, String> aliasTarget = new HashMap<>();
        read(ALIASES, false, f -> {
            if (f[2].chars().filter(c -> c == '.').count() == 1) {
                Place region = regions.get(f[2]);
                if (region != null) {
                    g.add(f[0], region, true);
                }
            } else {
                aliasTarget.put(f[2], f[1]);
                Place town = townByNameAndProvince.get(TextNormalizer.fold(f[1]) + '|' + f[2]);
                if (town != null) {
                    g.add(f[0], major(town), true);
                }
            }
        });
        read(PROVINCES, false, f -> {
            String code = f[0];
            g.provinceNames.put(code, f[1]);
            Place capital = townByNameAndProvince.get(TextNormalizer.fold(f[1]) + '|' + code);
            if (capital == null && aliasTarget.containsKey(code)) {
                capital = townByNameAndProvince.get(TextNormalizer.fold(aliasTarget.get(code)) + '|' + code);
            }
            if (capital != null) {
                g.add(f[1], major(capital), true);
                g.provincesByCode.put(code.substring(code.lastIndexOf('.') + 1),
                        new Place(f[1], capital.point(), code, capital.regionCode(), Kind.PROVINCE, true));
            }
        });
        return g;
    }

    private static Place major(Place town) {
        return new Place(town.name(), town.point(), town.provinceCode(), town.regionCode(), Kind.TOWN, true);
    }

    private static void read(String resource, boolean gzip, Consumer<String[]> row) throws IOException {
        InputStream in = Gazetteer.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new CatalogException("classpath:" + resource + " missing (broken build?)");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                gzip ? new GZIPInputStream(in, 1 << 16) : in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    row.accept(line.split("\t", -1));
                }
            }
        }
    }

    private static final class Bundled {
        static final Gazetteer INSTANCE;

        static {
            try {
                INSTANCE = load();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled gazetteer", e);
            }
        }
    }
}
