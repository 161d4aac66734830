package io.outcry.deletion;

import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import java.util.List;
import java.util.Set;

/** An alert event shows its explanation's example posts; its key is the alert id. */
public final class AlertExamples implements ShowsPosts<AlertEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public String key(AlertEvent a) {
        return a.alertId();
    }

    @Override
    public List<String> postIds(AlertEvent a) {
        return a.explanation() == null ? List.of() : a.explanation().examplePostIds();
    }

    @Override
    public AlertEvent without(AlertEvent a, Set<String> deleted) {
        Explanation e = a.explanation();
        Explanation less = e.withExamples(e.examples().stream().filter(example -> !deleted.contains(example.id())).toList());
        return new AlertEvent(a.alertId(), a.event(), a.sequence(), a.status(), a.level(), a.brand(), a.regionCode(),
                a.regionName(), a.topic(), a.onset(), a.detectedAt(), a.eventTime(), a.lastAnomalousEnd(), a.severity(),
                a.peakSeverity(), a.crisisScore(), a.observed(), a.expected(), a.score(), a.peakObserved(),
                a.anomalousWindows(), a.scaleMinutes(), less);
    }

    @Override
    public long time(AlertEvent a) {
        return a.eventTime();
    }
}
