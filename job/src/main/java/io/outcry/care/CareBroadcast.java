package io.outcry.care;

import io.outcry.detect.AlertEvent;

/**
 * What every subtask of the case tracker learns whatever the conversations it holds: the job's
 * alerts (to tell incident cases) and the brands' clocks. Exactly one is set.
 */
public record CareBroadcast(AlertEvent alert, BrandClock clock) {

    public CareBroadcast {
        if ((alert == null) == (clock == null)) {
            throw new IllegalArgumentException("a care broadcast is an alert or a brand's clock, exactly one");
        }
    }

    public static CareBroadcast of(AlertEvent alert) {
        return new CareBroadcast(alert, null);
    }

    public static CareBroadcast of(BrandClock clock) {
        return new CareBroadcast(null, clock);
    }
}
