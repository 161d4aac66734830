package io.outcry.zone;

import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Intent;
import io.outcry.locate.Gazetteer;
import io.outcry.locate.Location;
import io.outcry.locate.LocationSource;
import io.outcry.post.Author;
import io.outcry.post.CitedPost;
import io.outcry.post.Post;
import io.outcry.window.TextFingerprint;
import io.outcry.window.WindowAggregate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Picks what the zone detector reads from the enriched posts: located posts on the outage
 * topic, and "service restored" posts, once per brand they name. Posts located by coordinates
 * or a platform place get the name of the nearest gazetteer town (so that one town has one
 * name), remembered per ~1 km cell. An outage post carries itself as a zone would cite it, with
 * the window key the windows counted it under (its region, the outage topic, its window).
 */
public class ZonePosts extends RichFlatMapFunction<EnrichedPost, ZonePost> {

    private static final long serialVersionUID = 1L;
    public static final String OUTAGE_TOPIC = "outage";
    private static final double NEAREST_TOWN_KM = 15;
    private static final int TOWN_CACHE = 20_000;

    private final long windowMs;
    private transient Gazetteer gazetteer;
    private transient Map<String, Gazetteer.Place> towns;

    /** With the job's default window of one minute. */
    public ZonePosts() {
        this(ZoneSettings.defaults().window());
    }

    /** @param window the windows' length, for the window key of the posts a zone cites */
    public ZonePosts(Duration window) {
        this.windowMs = window.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        gazetteer = Gazetteer.bundled();
        towns = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Gazetteer.Place> eldest) {
                return size() > TOWN_CACHE;
            }
        };
    }

    @Override
    public void flatMap(EnrichedPost enriched, Collector<ZonePost> out) {
        Location location = enriched.location();
        boolean restored = enriched.intent() == Intent.RESTORED;
        if (location == null || !location.isKnown() || !restored && !enriched.topics().contains(OUTAGE_TOPIC)) {
            return;
        }
        String place = location.place();
        String provinceCode = location.provinceCode();
        String regionCode = location.regionCode();
        if (location.source() == LocationSource.COORDINATES || location.source() == LocationSource.PLACE) {
            Gazetteer.Place town = towns.computeIfAbsent(
                    Geohash.encode(location.point().lat(), location.point().lon(), 6),
                    cell -> gazetteer.nearestTown(Geohash.centre(cell), NEAREST_TOWN_KM));
            if (town != null) {
                place = town.name();
                provinceCode = town.provinceCode();
                regionCode = regionCode == null ? town.regionCode() : regionCode;
            }
        }
        Post post = enriched.post();
        long campaign = campaign(post);
        String province = gazetteer.provinceName(provinceCode);
        String region = gazetteer.regionName(regionCode);
        CitedPost example = restored ? null : new CitedPost(post.id(), post.platform(), post.createdAt(),
                post.author().followers(), enriched.complaint(), post.text(), post.permalink(), enriched.region().code(),
                enriched.region().name(), OUTAGE_TOPIC, post.createdAt() - Math.floorMod(post.createdAt(), windowMs));
        // enrichers may repeat a brand (two aliases matched): one post per brand
        for (String brand : new LinkedHashSet<>(enriched.brands())) {
            out.collect(new ZonePost(brand, post.id(), post.author().id(), post.createdAt(), location.point().lat(),
                    location.point().lon(), location.confidence(), location.source().id(), post.isRetweet(), restored, place,
                    province, region, campaign, example));
        }
    }

    private static long campaign(Post post) {
        Author author = post.author();
        return WindowAggregate.lowReach(author.verified(), author.followers()) ? TextFingerprint.of(post.text()) : 0;
    }
}
