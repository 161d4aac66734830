package io.outcry.care;

import io.outcry.state.BufferedSerializer;
import io.outcry.state.BufferedType;
import io.outcry.state.ListsByTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Each brand's care queue, keyed by brand, from the case tracker's events: the cases waiting for
 * a first answer, counted within and past their SLA, with the few a desk acts on next. One
 * {@link BrandQueue} per brand and event-time minute in which the queue changed, instead of a
 * document per case.
 *
 * <p>The tracker stamps each event at the end of its time's span plus the lateness and emits it
 * as the watermark reaches that stamp; its span divides a minute and the lateness, so a stamp
 * less the lateness falls in the minute of the event's time. Events are filed under that minute
 * and applied when the watermark passes its end plus the lateness, sorted by case and sequence:
 * a brand's tracker may run ahead of the others, and the queue of a minute must hold that
 * minute's events and no later ones, whatever came first.
 *
 * <p>Cases within their SLA are kept (at most the SLA's worth of cases); past it they are only
 * counted per minute of opening, as they may wait up to the TTL (7 days by default), and the
 * latest {@link #BREACHED_KEPT} of them are kept for the list. With no case waiting, the brand's
 * state is cleared.
 */
public class CareQueue extends KeyedProcessFunction<String, CareCase, BrandQueue> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "care-queue";
    public static final String NAME = "Care queue per brand";

    /** Cases in each of the two lists of a queue. */
    public static final int LISTED = 10;

    /**
     * Breached cases kept for the latest-breached list: more than it shows, so that answers to a
     * few of them leave it full. Past this many answered before the next breaches, it shows fewer.
     */
    static final int BREACHED_KEPT = 100;

    static final long MINUTE = 60_000;

    private static final Comparator<CareCase> BY_CASE =
            Comparator.comparing(CareCase::caseId).thenComparingInt(CareCase::sequence);
    private static final Comparator<QueuedCase> SOONEST_DUE =
            Comparator.comparingLong(QueuedCase::slaDeadline).thenComparing(QueuedCase::caseId);
    private static final Comparator<QueuedCase> LATEST_BREACHED =
            Comparator.comparingLong(QueuedCase::slaDeadline).reversed().thenComparing(QueuedCase::caseId);

    private final long latenessMs;

    /** The events of each minute not yet applied, under the minute's timer. */
    private transient ListsByTime<CareCase> pending;
    private transient MapState<String, QueuedCase> withinSla;
    private transient MapState<Long, Long> pastSlaByOpenMinute;
    private transient ValueState<Long> pastSla;
    private transient ValueState<List<QueuedCase>> breached;
    /**
     * What a minute's queue reads of each brand's state, kept in step with it: keyed state can
     * only be iterated unordered, and a scan of every case within its SLA each minute (up to an
     * hour of a brand's questions) was half of this operator's CPU. Not state itself: an
     * instance (after a restore or a rescale, a new one) rebuilds a brand's from its state on
     * the brand's first minute, so what a checkpoint holds is unchanged.
     */
    private transient Map<String, Waiting> waitingByBrand;

    /** @param lateness how far the tracker's stamps are after its events' time: the job's allowed lateness */
    public CareQueue(Duration lateness) {
        this.latenessMs = lateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        TypeInformation<CareCase> cases = TypeInformation.of(CareCase.class);
        pending = ListsByTime.of(getRuntimeContext(), "pending", BufferedType.of(Types.LIST(cases)));
        withinSla = getRuntimeContext().getMapState(new MapStateDescriptor<>("within-sla", IdSerializer.INSTANCE,
                new BufferedSerializer<>(QueuedCaseSerializer.INSTANCE)));
        pastSlaByOpenMinute = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("past-sla-by-open-minute", Types.LONG, Types.LONG));
        pastSla = getRuntimeContext().getState(new ValueStateDescriptor<>("past-sla", Types.LONG));
        breached = getRuntimeContext().getState(new ValueStateDescriptor<>("breached",
                new BufferedSerializer<>(new ListSerializer<>(QueuedCaseSerializer.INSTANCE))));
        waitingByBrand = new HashMap<>();
    }

    @Override
    public void processElement(CareCase c, Context ctx, Collector<BrandQueue> out) throws Exception {
        // a later reply, or the withdrawal of an answered case, changes no queue: no document for it
        if (CareCase.REPLIED.equals(c.event()) || CareCase.DELETED.equals(c.event()) && c.isAnswered()) {
            return;
        }
        Long timestamp = ctx.timestamp();
        long stamp = timestamp != null ? timestamp : c.eventTime() + latenessMs;
        long timer = Math.floorDiv(stamp - latenessMs, MINUTE) * MINUTE + MINUTE - 1 + latenessMs;
        pending.add(timer, c);
        ctx.timerService().registerEventTimeTimer(timer);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<BrandQueue> out) throws Exception {
        List<CareCase> due = pending.take(timestamp);
        if (due.isEmpty()) {
            return;
        }
        due.sort(BY_CASE);
        String brand = ctx.getCurrentKey();
        Waiting waiting = waiting(brand);
        List<QueuedCase> breachedNow = breached.value() == null ? new ArrayList<>() : new ArrayList<>(breached.value());
        for (CareCase c : due) {
            apply(c, breachedNow, waiting);
        }
        breachedNow.sort(LATEST_BREACHED);
        List<QueuedCase> kept = breachedNow.subList(0, Math.min(BREACHED_KEPT, breachedNow.size()));
        BrandQueue queue = queue(brand, timestamp - latenessMs + 1, kept, waiting);
        out.collect(queue);
        if (queue.waiting() == 0) {
            waitingByBrand.remove(brand);
            withinSla.clear();
            pastSlaByOpenMinute.clear();
            pastSla.clear();
            breached.clear();
        } else {
            breached.update(kept.isEmpty() ? null : new ArrayList<>(kept));
        }
    }

    private void apply(CareCase c, List<QueuedCase> breachedNow, Waiting waiting) throws Exception {
        switch (c.event()) {
            case CareCase.OPENED -> {
                QueuedCase q = QueuedCase.of(c);
                waiting.leftSla(withinSla.get(c.caseId()));
                withinSla.put(c.caseId(), q);
                waiting.enteredSla(q);
            }
            case CareCase.BREACHED -> {
                QueuedCase q = withinSla.get(c.caseId());
                if (q != null) {
                    withinSla.remove(c.caseId());
                    waiting.leftSla(q);
                }
                long minute = openMinute(c);
                Long n = pastSlaByOpenMinute.get(minute);
                pastSlaByOpenMinute.put(minute, n == null ? 1 : n + 1);
                waiting.pastSlaMinutes.add(minute);
                pastSla.update(pastSlaCount() + 1);
                breachedNow.removeIf(b -> b.caseId().equals(c.caseId()));
                breachedNow.add(QueuedCase.of(c));
            }
            case CareCase.ANSWERED, CareCase.EXPIRED, CareCase.DELETED -> leave(c, breachedNow, waiting);
            default -> { }
        }
    }

    /** A case no longer waits: answered, expired or withdrawn. */
    private void leave(CareCase c, List<QueuedCase> breachedNow, Waiting waiting) throws Exception {
        QueuedCase q = withinSla.get(c.caseId());
        if (q != null) {
            withinSla.remove(c.caseId());
            waiting.leftSla(q);
            return;
        }
        if (!passedSla(c)) {
            // opened before this queue's state began (a restore without it): it was never counted
            return;
        }
        long minute = openMinute(c);
        Long n = pastSlaByOpenMinute.get(minute);
        if (n == null) {
            return;
        }
        if (n == 1) {
            pastSlaByOpenMinute.remove(minute);
            waiting.pastSlaMinutes.remove(minute);
        } else {
            pastSlaByOpenMinute.put(minute, n - 1);
        }
        pastSla.update(pastSlaCount() - 1);
        breachedNow.removeIf(b -> b.caseId().equals(c.caseId()));
    }

    /** Whether the tracker had marked the case breached before this event, as it does at the deadline, in event-time order. */
    private static boolean passedSla(CareCase c) {
        return switch (c.event()) {
            case CareCase.ANSWERED -> c.answeredAfterSla();
            case CareCase.EXPIRED -> c.slaDeadline() <= c.eventTime();
            // a deletion at the deadline comes before it
            default -> c.slaDeadline() < c.eventTime();
        };
    }

    private BrandQueue queue(String brand, long asOf, List<QueuedCase> latestBreached, Waiting waiting) throws Exception {
        List<QueuedCase> due = new ArrayList<>(LISTED);
        for (QueuedCase q : waiting.bySoonestDue) {
            if (due.size() == LISTED) {
                break;
            }
            due.add(q);
        }
        long within = waiting.bySoonestDue.size();
        long oldest = waiting.openedAt.isEmpty() ? Long.MAX_VALUE : waiting.openedAt.firstKey();
        long past = pastSlaCount();
        if (past > 0 && !waiting.pastSlaMinutes.isEmpty()) {
            oldest = Math.min(oldest, waiting.pastSlaMinutes.first());
        }
        return new BrandQueue(brand, asOf, within + past, within, past, oldest == Long.MAX_VALUE ? -1 : oldest, due,
                latestBreached.subList(0, Math.min(LISTED, latestBreached.size())));
    }

    /** The brand's index of what it holds, read from its state the first time this instance sees the brand. */
    private Waiting waiting(String brand) throws Exception {
        Waiting waiting = waitingByBrand.get(brand);
        if (waiting == null) {
            waiting = new Waiting();
            for (Map.Entry<String, QueuedCase> entry : withinSla.entries()) {
                waiting.enteredSla(entry.getValue());
            }
            for (Long minute : pastSlaByOpenMinute.keys()) {
                waiting.pastSlaMinutes.add(minute);
            }
            waitingByBrand.put(brand, waiting);
        }
        return waiting;
    }

    private long pastSlaCount() throws Exception {
        Long n = pastSla.value();
        return n == null ? 0 : n;
    }

    private static long openMinute(CareCase c) {
        return Math.floorDiv(c.openedAt(), MINUTE) * MINUTE;
    }

    /** A brand's cases within their SLA in deadline order and by opening time, and the minutes of opening past it. */
    private static final class Waiting {

        /** Ordered as the next-due list shows them; a case id is in it once, so no two compare equal. */
        final TreeSet<QueuedCase> bySoonestDue = new TreeSet<>(SOONEST_DUE);
        /** How many of them opened at each time, for the oldest. */
        final TreeMap<Long, Integer> openedAt = new TreeMap<>();
        final TreeSet<Long> pastSlaMinutes = new TreeSet<>();

        void enteredSla(QueuedCase q) {
            bySoonestDue.add(q);
            openedAt.merge(q.openedAt(), 1, Integer::sum);
        }

        void leftSla(QueuedCase q) {
            if (q == null) {
                return;
            }
            bySoonestDue.remove(q);
            openedAt.computeIfPresent(q.openedAt(), (at, n) -> n == 1 ? null : n - 1);
        }
    }
}
