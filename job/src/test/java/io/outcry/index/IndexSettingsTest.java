package io.outcry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.pipeline.RunJob;
import java.time.Duration;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class IndexSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void byDefaultATemplateHasOneShardNoReplicaAndARefreshEverySecondTheWindowsEveryHalfAndTheCasesEveryFive() throws Exception {
        JsonNode windows = settings(WindowDocuments.indexTemplate("outcry-windows", IndexSettings.defaults()));
        JsonNode alerts = settings(AlertDocuments.indexTemplates("outcry-alerts", IndexSettings.defaults()).get(0));
        JsonNode cases = settings(CareDocuments.casesTemplate("outcry-care-cases", IndexSettings.defaults()));

        assertThat(windows.path("number_of_shards").asInt()).isEqualTo(1);
        assertThat(windows.path("number_of_replicas").asInt()).isZero();
        assertThat(windows.path("refresh_interval").asText()).isEqualTo("500ms");
        assertThat(alerts.path("refresh_interval").asText()).isEqualTo("1s");
        assertThat(cases.path("refresh_interval").asText()).isEqualTo("5s");
    }

    @Test
    void theJobsIndexFlagsReachEveryTemplate() throws Exception {
        IndexSettings flags = RunJob.fromArgs("--index-shards", "3", "--index-replicas", "2", "--index-refresh-interval", "1m")
                .indexSettings();

        for (IndexTemplate template : ZoneDocuments.indexTemplates("outcry-zones", flags)) {
            JsonNode settings = settings(template);
            assertThat(settings.path("number_of_shards").asInt()).as(template.name()).isEqualTo(3);
            assertThat(settings.path("number_of_replicas").asInt()).as(template.name()).isEqualTo(2);
            assertThat(settings.path("refresh_interval").asText()).as(template.name()).isEqualTo("1m");
        }
    }

    @Test
    void onlyTheHistoryAndTheDailyIndicesAreDaily() {
        assertThat(AlertDocuments.indexTemplates("outcry-alerts", IndexSettings.defaults()))
                .extracting(IndexTemplate::name, IndexTemplate::daily)
                .containsExactly(Tuple.tuple("outcry-alerts", false),
                        Tuple.tuple("outcry-alerts-history", true));
        assertThat(CareDocuments.casesTemplate("outcry-care-cases", IndexSettings.defaults()).daily()).isFalse();
        assertThat(CareDocuments.windowsTemplate("outcry-care", IndexSettings.defaults()).daily()).isTrue();
    }

    @Test
    void aValueOutOfRangeNamesItsFlag() {
        assertThatThrownBy(() -> RunJob.fromArgs("--index-shards", "0").indexSettings())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--index-shards is 0");
        assertThatThrownBy(() -> new IndexSettings(1, -1, null)).hasMessageStartingWith("--index-replicas is -1");
        assertThatThrownBy(() -> new IndexSettings(1, 0, Duration.ZERO)).hasMessageStartingWith("--index-refresh-interval");
    }

    private static JsonNode settings(IndexTemplate template) throws Exception {
        return JSON.readTree(template.body()).at("/template/settings");
    }
}
