package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.detect.DetectorSettings;
import io.outcry.enrich.EnrichmentConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

    static final DetectorSettings QUIETER = new DetectorSettings(60, 30, 8, 3, 10, 2, 2, 5, 30, 10, Duration.ofDays(14), 20_000);

    @Test
    void defaultsToOneMinuteWindowsFiveMinutesLatenessAndTheBundledCatalogs() {
        JobOptions defaults = JobOptions.defaults();

        assertThat(defaults.windowSize()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.allowedLateness()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.sourceIdleness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.maxExamplePosts()).isEqualTo(5);
        assertThat(defaults.enrichment()).isEqualTo(EnrichmentConfig.defaults());
        assertThat(defaults.indexPrefix()).isEqualTo("outcry-windows");
    }

    @Test
    void changesOneSettingPerWither() {
        JobOptions changed = JobOptions.defaults()
                .withWindowSize(Duration.ofMinutes(5))
                .withAllowedLateness(Duration.ZERO)
                .withMaxOutOfOrderness(Duration.ofSeconds(5))
                .withSourceIdleness(Duration.ofSeconds(10))
                .withMaxExamplePosts(2)
                .withEnrichment(EnrichmentConfig.defaults().withBrandCatalog("/etc/outcry/brands.yaml"))
                .withIndexPrefix("acme")
                .withDetector(QUIETER);

        assertThat(changed).isEqualTo(new JobOptions(Duration.ofMinutes(5), Duration.ZERO, Duration.ofSeconds(5),
                Duration.ofSeconds(10), 2, new EnrichmentConfig("/etc/outcry/brands.yaml", null, null, null,
                        EnrichmentConfig.DEFAULT_MIN_LOCATION_CONFIDENCE), "acme", QUIETER));
    }

    @Test
    void refusesAWindowOfNoLength() {
        assertThatThrownBy(() -> JobOptions.defaults().withWindowSize(Duration.ZERO))
                .hasMessageContaining("window size is PT0S");
    }

    @Test
    void refusesNegativeLateness() {
        assertThatThrownBy(() -> JobOptions.defaults().withAllowedLateness(Duration.ofSeconds(-1)))
                .hasMessageContaining("allowed lateness");
    }

    @Test
    void refusesAnIndexPrefixElasticsearchWouldRefuse() {
        assertThatThrownBy(() -> JobOptions.defaults().withIndexPrefix("Outcry Windows"))
                .hasMessageContaining("not a valid Elasticsearch index name");
    }
}
