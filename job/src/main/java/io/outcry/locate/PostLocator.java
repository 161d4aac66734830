package io.outcry.locate;

import io.outcry.locate.GazetteerRegionLocator;
import io.outcry.locate.Region;
import io.outcry.text.TextNormalizer;
import io.outcry.text.TokenizedText;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells where a post is from, and how sure that is: its coordinates, else the centre of its
 * place, else a place its text or hashtags name, else its author's profile location, else
 * unknown. Most posts carry no coordinates, so the text and profile steps do most of the work.
 *
 * <p>It runs inside the enrichment, on the text the enrichment has already tokenised: one
 * {@link Gazetteer} probe per token, no regex, and the text step runs only for posts without a
 * position. A town in the text counts when a locative word comes before it ("a Napoli",
 * "zona Bicocca", "provincia di Lecco"), when it is a hashtag ("#Milano"), or when it is a
 * chief town or region whose name is no common word ("Torino senza linea"); a two-letter
 * province code counts when written in capitals ("Sesto (MI)"). A town after a direction word
 * ("volo per Palermo", "flying to Rome") is where the writer goes, and does not count. A profile location is
 * matched whole, once per distinct string: profiles repeat, so answers are remembered.
 *
 * <p>It is the one place a post's region comes from: the windows (and so regional spikes,
 * boards and the crisis report), the care cases and the outage zones all read the same
 * {@link Location}. Coordinates and a platform place take the region of the nearest of the
 * world's places ({@link GazetteerRegionLocator}); the text and the profile steps know Italy's
 * names only. A window counts a post under its region only when the step that found it is at
 * least {@code minConfidence} sure ({@link #region(Location)}); below that the post counts in
 * the brand's {@code unknown} region, while a zone still weighs it by its confidence.
 * Not thread-safe: one per enrichment instance.
 */
public final class PostLocator {

    /** Words after which a town name means a position: Italian and English locatives. */
    private static final Set<String> LOCATIVES = Set.of(
            "a", "ad", "in", "da", "zona", "qui", "quartiere", "comune", "provincia", "at", "from", "near", "around");
    /** Words that may stand between a locative and the name: "provincia di Lecco", "zona del Vomero". */
    private static final Set<String> LINKS = Set.of("di", "del", "della", "dell", "de", "of");
    /** Words after which a town is where the writer is going, not where they are: "volo per Palermo", "flying to Rome". */
    private static final Set<String> DIRECTIONS = Set.of("per", "verso", "to", "towards");
    /** Capitals that are words far more often than province codes. */
    private static final Set<String> NOT_PROVINCE_CODES = Set.of("NO", "SI", "IT", "CI", "VS", "OT");
    private static final double UNCUED = 0.9;
    private static final double PROVINCE_CODE = 0.8;
    private static final double REGION = 0.5;
    private static final int PROFILE_CACHE = 8192;

    private final Gazetteer gazetteer;
    private final GazetteerRegionLocator regions;
    private final double minConfidence;
    private final Map<String, Location> profiles = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Location> eldest) {
            return size() > PROFILE_CACHE;
        }
    };

    /**
     * @param minConfidence the least confidence of a location's source for its region to count in
     *     the windows, in [0, 1]; {@link io.outcry.enrich.EnrichmentConfig#DEFAULT_MIN_LOCATION_CONFIDENCE} says why its default
     */
    public PostLocator(Gazetteer gazetteer, GazetteerRegionLocator regions, double minConfidence) {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("min location confidence is " + minConfidence + "; use a value in [0, 1]");
        }
        this.gazetteer = gazetteer;
        this.regions = regions;
        this.minConfidence = minConfidence;
    }

    public static PostLocator bundled(double minConfidence) {
        return new PostLocator(Gazetteer.bundled(), GazetteerRegionLocator.bundled(), minConfidence);
    }

    /** @param text the post's tokenised text */
    public Location locate(Post post, TokenizedText text) {
        GeoPoint coordinates = post.coordinates();
        if (coordinates != null && coordinates.isValid()) {
            return new Location(LocationSource.COORDINATES, LocationSource.COORDINATES.confidence(), coordinates,
                    null, null, regionCode(coordinates));
        }
        if (post.place() != null && post.place().centre() != null && post.place().centre().isValid()) {
            GeoPoint centre = post.place().centre();
            return new Location(LocationSource.PLACE, LocationSource.PLACE.confidence(), centre,
                    post.place().name(), null, regionCode(centre));
        }
        Location fromText = inText(text);
        if (fromText != null) {
            return fromText;
        }
        String profile = post.author() == null ? null : post.author().location();
        return profile == null || profile.isBlank() ? Location.UNKNOWN : profiles.computeIfAbsent(profile, this::inProfile);
    }

    /**
     * The region a window counts the post in: the location's when its source is sure enough,
     * else {@link Region#UNKNOWN}. The source's confidence, not the location's: a region named
     * in the text is a coarse point for a zone but an exact region for a window.
     */
    public Region region(Location location) {
        return location.source().confidence() >= minConfidence ? regions.region(location.regionCode()) : Region.UNKNOWN;
    }

    private String regionCode(GeoPoint position) {
        Region region = regions.locate(position);
        return region.centre() == null ? null : region.code();
    }

    /** The surest place the text names, the first one on a tie; null when none. */
    Location inText(TokenizedText text) {
        List<String> tokens = text.tokens();
        Gazetteer.Place best = null;
        double bestConfidence = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (text.is(i, TokenizedText.MENTION) || text.is(i, TokenizedText.URL)) {
                continue;
            }
            String token = tokens.get(i);
            Gazetteer.Match match = gazetteer.mayStartName(token) ? gazetteer.longestAt(tokens, i) : null;
            double confidence = 0;
            Gazetteer.Place place = null;
            if (match != null && i >= 1 && DIRECTIONS.contains(tokens.get(i - 1))) {
                i += match.length() - 1;
            } else if (match != null) {
                place = match.place();
                if (text.is(i, TokenizedText.HASHTAG) || locativeBefore(tokens, i) && !Gazetteer.isLocativePhrase(match, tokens)) {
                    confidence = 1;
                } else if (place.major() && !Gazetteer.isCommonWord(match, tokens)) {
                    confidence = UNCUED;
                }
                if (place.kind() == Gazetteer.Kind.REGION) {
                    confidence *= REGION;
                }
                if (confidence > 0) {
                    i += match.length() - 1;
                }
            } else if (token.length() == 2 && text.is(i, TokenizedText.ALL_CAPS)) {
                String code = token.toUpperCase(Locale.ROOT);
                place = NOT_PROVINCE_CODES.contains(code) ? null : gazetteer.province(code);
                confidence = place == null ? 0 : PROVINCE_CODE;
            }
            if (confidence > bestConfidence) {
                best = place;
                bestConfidence = confidence;
            }
        }
        return best == null ? null : located(LocationSource.TEXT, bestConfidence, best);
    }

    private Location inProfile(String profile) {
        List<String> tokens = TextNormalizer.tokens(profile);
        Gazetteer.Place region = null;
        for (int i = 0; i < tokens.size(); i++) {
            Gazetteer.Match match = gazetteer.longestAt(tokens, i);
            if (match == null) {
                continue;
            }
            if (match.place().kind() != Gazetteer.Kind.REGION) {
                return located(LocationSource.PROFILE, 1, match.place());
            }
            if (region == null) {
                region = match.place();
            }
            i += match.length() - 1;
        }
        return region == null ? Location.UNKNOWN : located(LocationSource.PROFILE, REGION, region);
    }

    private static Location located(LocationSource source, double factor, Gazetteer.Place place) {
        double confidence = Math.round(source.confidence() * factor * 100) / 100.0;
        return new Location(source, confidence, place.point(), place.name(), place.provinceCode(), place.regionCode());
    }

    private static boolean locativeBefore(List<String> tokens, int i) {
        if (i >= 1 && LOCATIVES.contains(tokens.get(i - 1))) {
            return true;
        }
        return i >= 2 && LINKS.contains(tokens.get(i - 1)) && LOCATIVES.contains(tokens.get(i - 2));
    }
}
