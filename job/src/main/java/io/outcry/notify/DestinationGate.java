package io.outcry.notify;

import io.outcry.detect.AlertEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One destination's quiet hours and rate limit, keyed by destination name. An event that
 * arrives in quiet hours, past the hour's budget, or while earlier ones are held, is held; when
 * the quiet hours end or the budget allows, the held events go out as one digest (one message,
 * counted once against the budget). Nothing is dropped.
 *
 * <p>Time is the alert's event time, never the clock: a replay or a restore holds and releases
 * the same events at the same points of the stream, so the digest carries the same delivery id
 * and a receiver that drops repeats sees it once.
 *
 * <p>A resolve passes only where its alert was told (sent or held), so it reaches the
 * destinations the open reached. A PagerDuty resolve whose trigger went out is never held: an
 * incident must not page someone all night for an outage that is over. A PagerDuty digest is
 * its events each sent on its own at release, since one incident per alert ({@code dedup_key})
 * is what lets the resolve close it.
 *
 * <p>State per destination: the alerts told and not yet resolved, the held events, and the
 * send times of the last hour (only with a rate limit); all of it empties once the alerts
 * resolve and an hour passes without a message.
 */
public final class DestinationGate extends KeyedProcessFunction<String, Notice, Notification> {

    static final long HOUR = Duration.ofHours(1).toMillis();

    private final Map<String, RouteDestination> destinations;
    /** alert id -> whether its open was sent (false while it is held). */
    private transient MapState<String, Boolean> told;
    private transient ListState<AlertEvent> held;
    private transient ValueState<String> heldBy;
    private transient ValueState<Long> heldSince;
    private transient ListState<Long> sent;

    public DestinationGate(Map<String, RouteDestination> destinations) {
        this.destinations = destinations;
    }

    @Override
    public void open(OpenContext context) {
        told = getRuntimeContext().getMapState(new MapStateDescriptor<>("told", Types.STRING, Types.BOOLEAN));
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held", TypeInformation.of(AlertEvent.class)));
        heldBy = getRuntimeContext().getState(new ValueStateDescriptor<>("held-by", Types.STRING));
        heldSince = getRuntimeContext().getState(new ValueStateDescriptor<>("held-since", Types.LONG));
        sent = getRuntimeContext().getListState(new ListStateDescriptor<>("sent", Types.LONG));
    }

    @Override
    public void processElement(Notice notice, Context context, Collector<Notification> out) throws Exception {
        RouteDestination destination = destinations.get(context.getCurrentKey());
        AlertEvent event = notice.event();
        String alert = event.alertId();
        switch (event.event()) {
            case "open", "reopen" -> told.put(alert, false);
            case "update" -> {
                if (told.contains(alert)) {
                    return;
                }
                // An alert grew past this destination's routes: it opens here now.
                told.put(alert, false);
            }
            case "resolve" -> {
                Boolean triggered = told.get(alert);
                if (triggered == null) {
                    return;
                }
                told.remove(alert);
                if (destination.type() == DestinationType.PAGERDUTY && triggered) {
                    out.collect(Notification.of(destination.name(), event, "", 0));
                    return;
                }
            }
            default -> {
                return;
            }
        }
        long time = event.eventTime();
        String reason = held.get().iterator().hasNext() ? heldBy.value()
                : quiet(destination, time) ? Notification.QUIET_HOURS
                : overBudget(destination, time) ? Notification.RATE_LIMIT : null;
        if (reason != null) {
            hold(destination, event, reason, context);
            return;
        }
        out.collect(Notification.of(destination.name(), event, "", 0));
        sentNow(destination, event, time, context);
    }

    private void hold(RouteDestination destination, AlertEvent event, String reason, Context context) throws Exception {
        boolean first = !held.get().iterator().hasNext();
        held.add(event);
        if (!first) {
            return;
        }
        heldBy.update(reason);
        heldSince.update(event.eventTime());
        context.timerService().registerEventTimeTimer(releaseTime(destination, event.eventTime()));
    }

    /** When held events may go: the end of the quiet hours, or when the oldest send of the last hour leaves the budget. */
    private long releaseTime(RouteDestination destination, long time) throws Exception {
        if (quiet(destination, time)) {
            return destination.quiet().endAfter(time);
        }
        long oldest = Long.MAX_VALUE;
        for (long at : sent.get()) {
            oldest = Math.min(oldest, at);
        }
        return oldest == Long.MAX_VALUE ? time : oldest + HOUR;
    }

    private void sentNow(RouteDestination destination, AlertEvent event, long time, Context context) throws Exception {
        if (told.contains(event.alertId())) {
            told.put(event.alertId(), true);
        }
        if (destination.maxPerHour() > 0) {
            sent.add(time);
            // Forgets this send once it leaves the budget, so that the state empties.
            context.timerService().registerEventTimeTimer(time + HOUR);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Notification> out) throws Exception {
        RouteDestination destination = destinations.get(context.getCurrentKey());
        if (destination == null) {
            // Restored from a savepoint of a routing file that still had this destination: nobody to send to.
            told.clear();
            held.clear();
            heldBy.clear();
            heldSince.clear();
            sent.clear();
            return;
        }
        List<Long> recent = new ArrayList<>();
        for (long at : sent.get()) {
            if (at > timestamp - HOUR) {
                recent.add(at);
            }
        }
        sent.update(recent);
        List<AlertEvent> waiting = new ArrayList<>();
        held.get().forEach(waiting::add);
        if (waiting.isEmpty()) {
            return;
        }
        if (quiet(destination, timestamp) || overBudget(destination, timestamp)) {
            context.timerService().registerEventTimeTimer(releaseTime(destination, timestamp));
            return;
        }
        String reason = heldBy.value();
        long since = heldSince.value();
        held.clear();
        heldBy.clear();
        heldSince.clear();
        if (destination.type() == DestinationType.PAGERDUTY || waiting.size() == 1) {
            for (AlertEvent event : waiting) {
                out.collect(Notification.of(destination.name(), event, reason, since));
            }
        } else {
            out.collect(new Notification(destination.name(), destination.name() + "|digest|" + Instant.ofEpochMilli(timestamp),
                    waiting, reason, since, timestamp));
        }
        for (AlertEvent event : waiting) {
            if (told.contains(event.alertId())) {
                told.put(event.alertId(), true);
            }
        }
        if (destination.maxPerHour() > 0) {
            sent.add(timestamp);
            context.timerService().registerEventTimeTimer(timestamp + HOUR);
        }
    }

    private static boolean quiet(RouteDestination destination, long time) {
        return destination.quiet() != null && destination.quiet().covers(time);
    }

    private boolean overBudget(RouteDestination destination, long time) throws Exception {
        if (destination.maxPerHour() <= 0) {
            return false;
        }
        int count = 0;
        for (long at : sent.get()) {
            if (at > time - HOUR) {
                count++;
            }
        }
        return count >= destination.maxPerHour();
    }
}
