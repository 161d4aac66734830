package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.pipeline.RunJob;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The job's care flags as the settings the case tracker and the care windows run with. */
class CareFlagsTest {

    @Test
    void defaultsToAnHourOfSlaAroundTheClockAWeekOfMemoryAndHourlyWindowsWithoutAlerts() {
        CareSettings settings = RunJob.fromArgs().careSettings();
        assertThat(settings).isEqualTo(CareSettings.defaults());
        assertThat(settings.sla()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.hours()).isNull();
        assertThat(settings.ttl()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.window()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.alertThreshold()).isZero();
        assertThat(settings.openOnAnyPost()).isFalse();
    }

    @Test
    void readsEveryCareFlag() {
        CareSettings settings = RunJob.fromArgs("--care-sla", "2h", "--care-brand-sla", "tim=30m,vodafone=45m",
                "--care-hours", "08:00-20:00@Europe/Rome", "--care-brand-hours", "ryanair=06:00-23:00@Europe/Dublin",
                "--care-ttl", "3d", "--care-window", "15m", "--care-any-post", "--care-alerts", "5").careSettings();

        assertThat(settings.sla()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.brandSla()).containsEntry("tim", Duration.ofMinutes(30)).containsEntry("vodafone", Duration.ofMinutes(45));
        assertThat(settings.hours()).hasToString("08:00-20:00@Europe/Rome");
        assertThat(settings.brandHours().get("ryanair")).hasToString("06:00-23:00@Europe/Dublin");
        assertThat(settings.ttl()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.openOnAnyPost()).isTrue();
        assertThat(settings.alertThreshold()).isEqualTo(5);
        long nineteenFifty = Instant.parse("2026-11-20T19:50:00+01:00").toEpochMilli();
        assertThat(settings.deadline("tim", nineteenFifty)).isEqualTo(Instant.parse("2026-11-21T08:20:00+01:00").toEpochMilli());
        assertThat(settings.deadline("ryanair", nineteenFifty)).isEqualTo(nineteenFifty + Duration.ofHours(2).toMillis());
    }

    @Test
    void aMalformedFlagSaysWhatToWrite() {
        assertThatThrownBy(() -> RunJob.fromArgs("--care-hours", "9 to 5").careSettings()).hasMessageContaining("08:00-20:00@Europe/Rome");
        assertThatThrownBy(() -> RunJob.fromArgs("--care-brand-sla", "tim=soon").careSettings()).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> RunJob.fromArgs("--care-alerts", "-1").careSettings()).hasMessageContaining("0 (off)");
    }
}
