package io.outcry.care;

import java.util.ArrayList;
import java.util.List;

/**
 * Case counts of one window, for all cases or one side of the incident split. A mutable POJO
 * so Flink serializes it without Kryo; the response times are kept whole (one per case
 * answered in the window) so that percentiles are exact.
 */
public class CareTally {

    public long opened;
    public long answeredWithinSla;
    public long answeredAfterSla;
    public long unansweredAfterSla;
    public long expired;
    public List<Long> responseSeconds = new ArrayList<>();

    public CareTally() {}

    void add(CareFact fact) {
        switch (fact.kind()) {
            case CareFact.OPENED -> opened++;
            case CareFact.ANSWERED_WITHIN_SLA -> {
                answeredWithinSla++;
                responseSeconds.add(fact.seconds());
            }
            case CareFact.ANSWERED_AFTER_SLA -> {
                answeredAfterSla++;
                responseSeconds.add(fact.seconds());
            }
            case CareFact.UNANSWERED_AFTER_SLA -> unansweredAfterSla++;
            case CareFact.EXPIRED -> expired++;
            default -> { }
        }
    }

    void addAll(CareTally other) {
        opened += other.opened;
        answeredWithinSla += other.answeredWithinSla;
        answeredAfterSla += other.answeredAfterSla;
        unansweredAfterSla += other.unansweredAfterSla;
        expired += other.expired;
        responseSeconds.addAll(other.responseSeconds);
    }
}
