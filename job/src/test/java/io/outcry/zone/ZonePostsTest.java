package io.outcry.zone;

import static io.outcry.post.TestPosts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Intent;
import io.outcry.locate.Region;
import io.outcry.locate.Location;
import io.outcry.locate.LocationSource;
import io.outcry.post.GeoPoint;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

class ZonePostsTest {

    private static final GeoPoint MILAN = new GeoPoint(45.4642, 9.19);
    private static final Location IN_MILAN = new Location(LocationSource.COORDINATES, 1.0, MILAN, null, null, "IT.09");
    private static final Region LOMBARDY = new Region("IT.09", "Lombardy", "IT", null);

    private static List<ZonePost> zonePosts(EnrichedPost enriched) {
        ZonePosts zones = new ZonePosts();
        zones.open(null);
        List<ZonePost> out = new ArrayList<>();
        zones.flatMap(enriched, new ListCollector<>(out));
        return out;
    }

    @Test
    void aRestoredPostReachesTheZonesOncePerBrandWhateverTopicsItNames() {
        EnrichedPost restored = new EnrichedPost(post("1").at(MILAN).text("di nuovo linea").build(),
                List.of("tim", "vodafone", "tim"), LOMBARDY, List.of("outage", "billing"), "it", Intent.RESTORED, 0.5,
                false, false, IN_MILAN);

        assertThat(zonePosts(restored)).extracting(ZonePost::brand, ZonePost::restored)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tim", true), org.assertj.core.groups.Tuple.tuple("vodafone", true));
        assertThat(zonePosts(restored)).extracting(ZonePost::place).containsOnly("Milan");
    }

    @Test
    void anOutagePostCarriesItselfAsAZoneWouldCiteItUnderTheWindowKeyItWasCountedIn() {
        long at = 1_790_000_123_456L;
        EnrichedPost outage = new EnrichedPost(post("7").at(at).at(MILAN).by("anna", 1_234).text("senza linea da un'ora").build(),
                List.of("tim"), LOMBARDY, List.of("outage"), "it", Intent.COMPLAINT, -0.5, true, true, IN_MILAN);
        ZonePosts fiveMinutes = new ZonePosts(java.time.Duration.ofMinutes(5));
        fiveMinutes.open(null);
        List<ZonePost> out = new ArrayList<>();
        fiveMinutes.flatMap(outage, new ListCollector<>(out));

        assertThat(out).singleElement().extracting(ZonePost::example).satisfies(cited -> {
            assertThat(cited.id()).isEqualTo("7");
            assertThat(cited.text()).isEqualTo("senza linea da un'ora");
            assertThat(cited.permalink()).isEqualTo(outage.post().permalink());
            assertThat(cited.followers()).isEqualTo(1_234);
            assertThat(cited.complaint()).isTrue();
            assertThat(cited.regionCode()).isEqualTo("IT.09");
            assertThat(cited.regionName()).isEqualTo("Lombardy");
            assertThat(cited.topic()).isEqualTo("outage");
            assertThat(cited.windowStart()).isEqualTo(at - at % 300_000);
        });
        EnrichedPost restored = new EnrichedPost(post("8").at(MILAN).text("di nuovo linea").build(), List.of("tim"), LOMBARDY,
                List.of("outage"), "it", Intent.RESTORED, 0.5, false, false, IN_MILAN);
        assertThat(zonePosts(restored)).extracting(ZonePost::example).as("never an example").containsOnlyNulls();
    }

    @Test
    void onlyOutagePostsThatArePlacedReachTheZones() {
        EnrichedPost outage = new EnrichedPost(post("2").at(MILAN).text("senza linea").build(), List.of("tim"), LOMBARDY,
                List.of("billing", "outage"), "it", Intent.COMPLAINT, -0.5, true, true, IN_MILAN);
        EnrichedPost billing = new EnrichedPost(post("3").at(MILAN).text("bolletta").build(), List.of("tim"), LOMBARDY,
                List.of("billing"), "it", Intent.COMPLAINT, -0.5, true, true, IN_MILAN);
        EnrichedPost nowhere = new EnrichedPost(post("4").text("senza linea").build(), List.of("tim"), Region.UNKNOWN,
                List.of("outage"), "it", Intent.COMPLAINT, -0.5, true, true, Location.UNKNOWN);

        assertThat(zonePosts(outage)).extracting(ZonePost::postId).containsExactly("2");
        assertThat(zonePosts(billing)).isEmpty();
        assertThat(zonePosts(nowhere)).isEmpty();
    }
}
