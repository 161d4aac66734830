package io.outcry.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The placeholder filling, case by case, as Kibana's es_query_parser.ts does it. */
class KibanaVegaQueryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FROM = Instant.parse("2026-11-20T17:00:00Z");
    private static final KibanaVegaQuery.TimeRange HOUR = KibanaVegaQuery.TimeRange.of(FROM, FROM.plus(Duration.ofHours(1)));

    @Test
    void contextAndTimefieldBecomeTheDashboardBoolWithTheTimeRangeInMust() throws Exception {
        KibanaVegaQuery.Request r = KibanaVegaQuery.fill(json("""
                {"index": "outcry-windows-*", "%context%": true, "%timefield%": "@timestamp", "body": {"size": 0}}"""),
                HOUR, KibanaVegaQuery.context(List.of(KibanaVegaQuery.phraseFilter("brand", "tim"))));
        assertThat(r.index()).isEqualTo("outcry-windows-*");
        assertThat(r.body().toString()).isEqualTo("{\"size\":0,\"query\":{\"bool\":{\"must\":[{\"range\":{\"@timestamp\":"
                + "{\"gte\":\"2026-11-20T17:00:00Z\",\"lte\":\"2026-11-20T18:00:00Z\",\"format\":\"strict_date_optional_time\"}}}],"
                + "\"filter\":[{\"match_phrase\":{\"brand\":\"tim\"}}],\"should\":[],\"must_not\":[]}}}");
    }

    @Test
    void timefieldAloneIsOnlyTheRange() throws Exception {
        KibanaVegaQuery.Request r = KibanaVegaQuery.fill(json("{\"index\": \"a\", \"%timefield%\": \"ts\"}"), HOUR,
                KibanaVegaQuery.emptyContext());
        assertThat(r.body().at("/query/range/ts/gte").asText()).isEqualTo("2026-11-20T17:00:00Z");
    }

    @Test
    void aBodyQueryWithContextIsRefusedAsKibanaRefusesIt() {
        assertThatThrownBy(() -> KibanaVegaQuery.fill(json("""
                {"index": "a", "%context%": true, "body": {"query": {"match_all": {}}}}"""), HOUR, KibanaVegaQuery.emptyContext()))
                .hasMessageContaining("must not be used when url.body.query is set");
    }

    @Test
    void dashboardClausePlaceholdersAndTimefilterAreSubstitutedInABodyQuery() throws Exception {
        KibanaVegaQuery.Request r = KibanaVegaQuery.fill(json("""
                {"index": "a", "body": {"query": {"bool": {"filter": ["%dashboard_context-filter_clause%",
                  {"range": {"ts": {"%timefilter%": true, "shift": -1, "unit": "hour"}}}], "must": ["%dashboard_context-must_clause%"]}}}}"""),
                HOUR, KibanaVegaQuery.context(List.of(KibanaVegaQuery.phraseFilter("brand", "tim"))));
        assertThat(r.body().at("/query/bool/filter/0/match_phrase/brand").asText()).isEqualTo("tim");
        assertThat(r.body().at("/query/bool/filter/1/range/ts/gte").asText()).isEqualTo("2026-11-20T16:00:00Z");
        assertThat(r.body().at("/query/bool/must")).isEmpty();
    }

    @Test
    void intervalsBecomeCalendarOrFixedAndAutoIntervalsRoundAsKibanaRounds() throws Exception {
        KibanaVegaQuery.Request r = KibanaVegaQuery.fill(json("""
                {"index": "a", "body": {"aggs": {
                  "t": {"date_histogram": {"field": "ts", "interval": {"%autointerval%": true},
                    "extended_bounds": {"min": {"%timefilter%": "min"}, "max": {"%timefilter%": "max"}}}},
                  "d": {"date_histogram": {"field": "ts", "interval": "1d"}},
                  "f": {"date_histogram": {"field": "ts", "interval": "12h"}}}}}"""), HOUR, KibanaVegaQuery.emptyContext());
        assertThat(r.body().at("/aggs/t/date_histogram/calendar_interval").asText()).isEqualTo("1m");
        assertThat(r.body().at("/aggs/t/date_histogram/extended_bounds/min").asLong()).isEqualTo(FROM.toEpochMilli());
        assertThat(r.body().at("/aggs/d/date_histogram/calendar_interval").asText()).isEqualTo("1d");
        assertThat(r.body().at("/aggs/f/date_histogram/fixed_interval").asText()).isEqualTo("12h");
        assertThat(r.body().at("/aggs/f/date_histogram").has("interval")).isFalse();

        assertThat(KibanaVegaQuery.autoInterval(range(Duration.ofMinutes(40)), 60)).isEqualTo("30s");
        assertThat(KibanaVegaQuery.autoInterval(range(Duration.ofHours(24)), 50)).isEqualTo("30m");
        assertThat(KibanaVegaQuery.autoInterval(range(Duration.ofDays(7)), 50)).isEqualTo("3h");
        assertThat(KibanaVegaQuery.autoInterval(range(Duration.ofDays(30)), 50)).isEqualTo("12h");
        assertThat(KibanaVegaQuery.autoInterval(range(Duration.ofDays(3650)), 50)).isEqualTo("1y");
    }

    private static KibanaVegaQuery.TimeRange range(Duration d) {
        return KibanaVegaQuery.TimeRange.of(FROM, FROM.plus(d));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
