package io.outcry.notify;

import io.outcry.detect.AlertEvent;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Each alert event to the destinations its routes name. An open, a reopen or an update goes
 * where routes match it now (an update that reaches a route's minimum severity opens the alert
 * there); a resolve goes to every destination, and each destination's {@link DestinationGate}
 * passes it on only when it was told of the alert, so a resolve reaches exactly where the
 * open went though its severity, now 0, matches no route. That needs each alert's events in
 * order, as the detectors emit them (one subtask per alert, and this function chained to it).
 */
public final class RouteAlerts implements FlatMapFunction<AlertEvent, Notice> {

    private final Routing routing;

    public RouteAlerts(Routing routing) {
        this.routing = routing;
    }

    @Override
    public void flatMap(AlertEvent event, Collector<Notice> out) {
        switch (event.event()) {
            case "open", "reopen", "update" -> routing.destinationsFor(event).forEach(name -> out.collect(new Notice(name, event)));
            case "resolve" -> routing.destinations().keySet().forEach(name -> out.collect(new Notice(name, event)));
            default -> {
                // revise corrects examples of an alert already told; it is no news to a person.
            }
        }
    }
}
