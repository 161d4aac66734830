package io.outcry.backtest;

import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.enrich.CatalogEnricher;
import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Enricher;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.locate.GazetteerRegionLocator;
import io.outcry.locate.Region;
import io.outcry.text.TokenizedText;
import io.outcry.locate.Location;
import io.outcry.locate.LocationSource;
import io.outcry.locate.PostLocator;
import io.outcry.post.Author;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Where the posts about a brand in NDJSON files of canonical posts (as {@code outcry simulate}
 * writes them) get their region from, and how often each step of the locator names the region
 * the post was written in. The truth is the region of a post's own coordinates: for every post
 * that has them, the text step is asked again without the coordinates and place, and the
 * profile step without the text too, and their regions are compared with the coordinates' one.
 *
 * <pre>
 * outcry locations posts.ndjson [more.ndjson ...]
 * </pre>
 */
@Command(name = "locations", mixinStandardHelpOptions = true,
        description = "Where the posts about a brand in NDJSON files of canonical posts get their region from, and how "
                + "often the text and profile steps name the region of the posts' own coordinates.")
public final class LocationAgreementCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<posts.ndjson>", description = "Canonical posts, one JSON a line.")
    List<String> files;

    @Override
    public Integer call() throws Exception {
        Enricher enricher = CatalogEnricher.load(EnrichmentConfig.defaults());
        GazetteerRegionLocator regions = GazetteerRegionLocator.bundled();
        PostLocator locator = PostLocator.bundled(0);
        CanonicalPostJson parser = new CanonicalPostJson(Duration.ofDays(365 * 100));
        Map<LocationSource, long[]> bySource = new EnumMap<>(LocationSource.class);
        long posts = 0;
        long geotagRegion = 0;
        long chainRegion = 0;
        long[] text = new long[2];
        long[] profile = new long[2];
        for (String file : files) {
            try (BufferedReader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    Post post;
                    try {
                        post = parser.parse(line.getBytes(StandardCharsets.UTF_8));
                    } catch (InvalidRecordException malformed) {
                        continue;
                    }
                    EnrichedPost enriched = enricher.enrich(post);
                    if (enriched.brands().isEmpty()) {
                        continue;
                    }
                    posts++;
                    bySource.computeIfAbsent(enriched.location().source(), s -> new long[1])[0]++;
                    GeoPoint position = post.coordinates() != null && post.coordinates().isValid() ? post.coordinates()
                            : post.place() == null ? null : post.place().centre();
                    geotagRegion += regions.locate(position) != Region.UNKNOWN ? 1 : 0;
                    chainRegion += enriched.region() != Region.UNKNOWN ? 1 : 0;
                    if (post.coordinates() == null || !post.coordinates().isValid()) {
                        continue;
                    }
                    String truth = regions.locate(post.coordinates()).code();
                    Author author = post.author();
                    Post noGeo = new Post(post.id(), post.platform(), post.createdAt(), author, post.text(), post.lang(),
                            null, null, post.replyToId(), post.quotedId(), post.retweetedId(), post.mentions(), post.hashtags(),
                            post.url(), post.conversationId());
                    tally(text, locator.locate(noGeo, TokenizedText.of(post.text())), LocationSource.TEXT, truth);
                    tally(profile, locator.locate(noGeo, TokenizedText.of("")), LocationSource.PROFILE, truth);
                }
            }
        }
        System.out.printf(Locale.ROOT, "posts naming a brand: %,d%n", posts);
        for (LocationSource source : LocationSource.values()) {
            long n = bySource.getOrDefault(source, new long[1])[0];
            System.out.printf(Locale.ROOT, "  located by %-11s %7.1f %%%n", source.id(), 100.0 * n / posts);
        }
        System.out.printf(Locale.ROOT, "with a region from coordinates or place only (before): %.1f %%%n", 100.0 * geotagRegion / posts);
        System.out.printf(Locale.ROOT, "with a region from the chain at min confidence %.1f: %.1f %%%n",
                EnrichmentConfig.DEFAULT_MIN_LOCATION_CONFIDENCE, 100.0 * chainRegion / posts);
        System.out.printf(Locale.ROOT, "posts with coordinates: text step names their region %,d / %,d (%.3f)%n",
                text[0], text[1], (double) text[0] / text[1]);
        System.out.printf(Locale.ROOT, "posts with coordinates: profile step names their region %,d / %,d (%.3f)%n",
                profile[0], profile[1], (double) profile[0] / profile[1]);
        return 0;
    }

    private static void tally(long[] counts, Location location, LocationSource step, String truth) {
        if (location.source() == step && location.regionCode() != null) {
            counts[1]++;
            counts[0] += location.regionCode().equals(truth) ? 1 : 0;
        }
    }
}
