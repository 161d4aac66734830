package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private static final BusinessHours ROME = BusinessHours.parse("08:00-20:00@Europe/Rome");

    private static long at(String time) {
        return Instant.parse(time).toEpochMilli();
    }

    @Test
    void aQuestionAt1950WithAnHourIsDueAt0850TheNextDay() {
        assertThat(ROME.deadline(at("2026-11-20T18:50:00Z"), Duration.ofHours(1))).isEqualTo(at("2026-11-21T07:50:00Z"));
    }

    @Test
    void aQuestionAtNightCountsFromTheOpening() {
        assertThat(ROME.deadline(at("2026-11-20T23:30:00Z"), Duration.ofMinutes(30))).isEqualTo(at("2026-11-21T07:30:00Z"));
        assertThat(ROME.deadline(at("2026-11-20T05:00:00Z"), Duration.ofMinutes(30))).isEqualTo(at("2026-11-20T07:30:00Z"));
    }

    @Test
    void anSlaLongerThanADaySpansSeveralDays() {
        assertThat(ROME.deadline(at("2026-11-20T09:00:00Z"), Duration.ofHours(24))).isEqualTo(at("2026-11-22T09:00:00Z"));
    }

    @Test
    void theHoursFollowTheZonesClockChange() {
        // 19:30 in Rome, the last day of summer time; 08:00 the next morning is 07:00 UTC, no longer 06:00
        assertThat(ROME.deadline(at("2026-10-24T17:30:00Z"), Duration.ofHours(1))).isEqualTo(at("2026-10-25T07:30:00Z"));
    }

    @Test
    void refusesHoursThatAreNotHours() {
        assertThatThrownBy(() -> BusinessHours.parse("8-20")).hasMessageContaining("08:00-20:00@Europe/Rome");
        assertThatThrownBy(() -> BusinessHours.parse("20:00-08:00@Europe/Rome")).hasMessageContaining("open before they close");
        assertThatThrownBy(() -> BusinessHours.parse("08:00-20:00@Mars/Olympus")).hasMessageContaining("not business hours");
    }
}
