package io.outcry.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DailyIndexTest {

    private static final Instant NOW = Instant.parse("2026-12-05T22:40:00Z");
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    @Test
    void readsTheDayAtTheEndOfTheName() {
        assertThat(DailyIndex.parse("outcry-windows-2026.11.20")).contains(new DailyIndex("outcry-windows-2026.11.20", LocalDate.of(2026, 11, 20)));
        assertThat(DailyIndex.parse("outcry-alerts-history-2026.01.02")).map(DailyIndex::day).contains(LocalDate.of(2026, 1, 2));
    }

    @Test
    void aNameWithoutARealDateIsNotDaily() {
        assertThat(DailyIndex.parse("outcry-alerts")).isEmpty();
        assertThat(DailyIndex.parse("outcry-care-cases")).isEmpty();
        assertThat(DailyIndex.parse("outcry-windows-2026.13.01")).isEmpty();
        assertThat(DailyIndex.parse("outcry-windows-2026.02.30")).isEmpty();
        assertThat(DailyIndex.parse("outcry-windows-2026.11.20-restored")).isEmpty();
        assertThat(DailyIndex.parse("2026.11.20")).isEmpty();
    }

    @Test
    void aDayIsPastTheHorizonOnlyWhenItsLastDocumentIsOlderThanTheRetention() {
        // now - 30 days = 2026-11-05T22:40Z: the 4th ended before it, the 5th is partly within it.
        assertThat(day(2026, 11, 4).pastHorizon(NOW, THIRTY_DAYS)).isTrue();
        assertThat(day(2026, 11, 5).pastHorizon(NOW, THIRTY_DAYS)).isFalse();
        assertThat(day(2026, 12, 5).pastHorizon(NOW, THIRTY_DAYS)).isFalse();
        assertThat(day(2026, 11, 5).pastHorizon(Instant.parse("2026-12-06T00:00:00Z"), THIRTY_DAYS))
                .as("a day ending exactly at the horizon").isTrue();
    }

    private static DailyIndex day(int year, int month, int day) {
        return new DailyIndex("outcry-windows", LocalDate.of(year, month, day));
    }
}
