package io.outcry.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outcry.enrich.CatalogEnricher;
import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Enricher;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.post.Author;
import io.outcry.post.GeoPoint;
import io.outcry.post.Place;
import io.outcry.post.Post;
import io.outcry.window.KeyedPost;
import io.outcry.zone.ZonePost;
import io.outcry.zone.ZonePosts;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

/** Windows and zones read one {@link Location}: the same post lands in the same region in both. */
class OneLocationModelTest {

    private static final String OUTAGE = "@tim_official la linea non funziona da due giorni";

    private static Post post(String text, GeoPoint coordinates, Place place, String profile) {
        return new Post("1", "twitter", 1_700_000_000_000L, new Author("42", "mario", 10, false, profile), text, "it",
                coordinates, place, null, null, null, List.of("tim_official"), List.of());
    }

    private static final List<Post> ONE_OF_EACH_SOURCE = List.of(
            post(OUTAGE, new GeoPoint(45.4642, 9.19), null, "Napoli"),
            post(OUTAGE, null, new Place("Bari", "IT", new GeoPoint(41.1171, 16.8719)), null),
            post(OUTAGE + " a Napoli", null, null, "Torino"),
            post(OUTAGE + ", Sesto (MI)", null, null, null),
            post(OUTAGE + " #Palermo", null, null, null),
            post(OUTAGE, null, null, "Firenze, Italia"));

    @Test
    void windowsAndZonesTakeTheSameRegionForTheSamePost() {
        Enricher enricher = CatalogEnricher.load(EnrichmentConfig.defaults());
        ZonePosts zones = new ZonePosts();
        zones.open(null);
        List<String> sources = new ArrayList<>();
        for (Post post : ONE_OF_EACH_SOURCE) {
            EnrichedPost enriched = enricher.enrich(post);
            List<ZonePost> zonePosts = new ArrayList<>();
            zones.flatMap(enriched, new ListCollector<>(zonePosts));

            assertThat(zonePosts).as(post.text()).isNotEmpty();
            for (ZonePost zonePost : zonePosts) {
                assertThat(zonePost.region()).as(post.text()).isNotNull().isEqualTo(enriched.region().name());
            }
            KeyedPost.fanOut(enriched).forEach(copy -> assertThat(copy.region()).isEqualTo(enriched.region()));
            sources.add(enriched.location().source().id());
        }
        assertThat(sources).containsExactly("coordinates", "place", "text", "text", "text", "profile");
    }

    @Test
    void aLocationBelowTheWindowsMinimumStillReachesTheZonesButCountsInUnknown() {
        Enricher strict = CatalogEnricher.load(EnrichmentConfig.defaults().withMinLocationConfidence(0.5));
        ZonePosts zones = new ZonePosts();
        zones.open(null);
        EnrichedPost enriched = strict.enrich(post(OUTAGE, null, null, "Firenze, Italia"));
        List<ZonePost> zonePosts = new ArrayList<>();
        zones.flatMap(enriched, new ListCollector<>(zonePosts));

        assertThat(enriched.region().code()).isEqualTo("unknown");
        assertThat(zonePosts).extracting(ZonePost::region, ZonePost::confidence).containsOnly(tuple("Tuscany", 0.4));
    }
}
