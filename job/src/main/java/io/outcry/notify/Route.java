package io.outcry.notify;

import io.outcry.detect.AlertEvent;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * One rule of a routing file: the alerts it takes (an empty set takes any brand, level or
 * kind) and the destinations, by name, they go to.
 */
public record Route(String name, Set<String> brands, Set<String> levels, Set<AlertKind> kinds, int minSeverity,
        List<String> to) implements Serializable {

    public Route {
        brands = Set.copyOf(brands);
        levels = Set.copyOf(levels);
        kinds = Set.copyOf(kinds);
        to = List.copyOf(to);
    }

    /** Whether this alert event is one this route takes; severity as it is in this event. */
    public boolean matches(AlertEvent event) {
        return (brands.isEmpty() || brands.contains(event.brand()))
                && (levels.isEmpty() || levels.contains(event.level()))
                && (kinds.isEmpty() || kinds.contains(AlertKind.of(event)))
                && event.severity() >= minSeverity;
    }
}
