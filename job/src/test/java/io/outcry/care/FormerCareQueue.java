package io.outcry.care;

import io.outcry.state.BufferedSerializer;
import io.outcry.state.BufferedType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link CareQueue} as it was before it kept its brands' waiting cases indexed (2026-12-07): each
 * minute's queue a scan of every case within its SLA, its cases written by Flink's Pojo
 * serializer. The equivalence tests hold the current one to its documents and state.
 */
class FormerCareQueue extends KeyedProcessFunction<String, CareCase, BrandQueue> {

    private static final long serialVersionUID = 1L;

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
    private transient MapState<Long, List<CareCase>> pending;
    private transient MapState<String, QueuedCase> withinSla;
    private transient MapState<Long, Long> pastSlaByOpenMinute;
    private transient ValueState<Long> pastSla;
    private transient ValueState<List<QueuedCase>> breached;

    /** @param lateness how far the tracker's stamps are after its events' time: the job's allowed lateness */
    FormerCareQueue(Duration lateness) {
        this.latenessMs = lateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        TypeInformation<CareCase> cases = TypeInformation.of(CareCase.class);
        TypeInformation<QueuedCase> queued = TypeInformation.of(QueuedCase.class);
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, BufferedType.of(Types.LIST(cases))));
        withinSla = getRuntimeContext().getMapState(new MapStateDescriptor<>("within-sla", IdSerializer.INSTANCE,
                new BufferedSerializer<>(getRuntimeContext().createSerializer(queued))));
        pastSlaByOpenMinute = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("past-sla-by-open-minute", Types.LONG, Types.LONG));
        pastSla = getRuntimeContext().getState(new ValueStateDescriptor<>("past-sla", Types.LONG));
        breached = getRuntimeContext().getState(new ValueStateDescriptor<>("breached", BufferedType.of(Types.LIST(queued))));
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
        List<CareCase> filed = pending.get(timer);
        if (filed == null) {
            filed = new ArrayList<>(1);
        }
        filed.add(c);
        pending.put(timer, filed);
        ctx.timerService().registerEventTimeTimer(timer);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<BrandQueue> out) throws Exception {
        List<CareCase> due = pending.get(timestamp);
        if (due == null) {
            return;
        }
        pending.remove(timestamp);
        due.sort(BY_CASE);
        List<QueuedCase> breachedNow = breached.value() == null ? new ArrayList<>() : new ArrayList<>(breached.value());
        for (CareCase c : due) {
            apply(c, breachedNow);
        }
        breachedNow.sort(LATEST_BREACHED);
        List<QueuedCase> kept = breachedNow.subList(0, Math.min(BREACHED_KEPT, breachedNow.size()));
        BrandQueue queue = queue(ctx.getCurrentKey(), timestamp - latenessMs + 1, kept);
        out.collect(queue);
        if (queue.waiting() == 0) {
            withinSla.clear();
            pastSlaByOpenMinute.clear();
            pastSla.clear();
            breached.clear();
        } else {
            breached.update(kept.isEmpty() ? null : new ArrayList<>(kept));
        }
    }

    private void apply(CareCase c, List<QueuedCase> breachedNow) throws Exception {
        switch (c.event()) {
            case CareCase.OPENED -> withinSla.put(c.caseId(), QueuedCase.of(c));
            case CareCase.BREACHED -> {
                withinSla.remove(c.caseId());
                long minute = openMinute(c);
                Long n = pastSlaByOpenMinute.get(minute);
                pastSlaByOpenMinute.put(minute, n == null ? 1 : n + 1);
                pastSla.update(pastSlaCount() + 1);
                breachedNow.removeIf(q -> q.caseId().equals(c.caseId()));
                breachedNow.add(QueuedCase.of(c));
            }
            case CareCase.ANSWERED, CareCase.EXPIRED, CareCase.DELETED -> leave(c, breachedNow);
            default -> { }
        }
    }

    /** A case no longer waits: answered, expired or withdrawn. */
    private void leave(CareCase c, List<QueuedCase> breachedNow) throws Exception {
        if (withinSla.contains(c.caseId())) {
            withinSla.remove(c.caseId());
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
        } else {
            pastSlaByOpenMinute.put(minute, n - 1);
        }
        pastSla.update(pastSlaCount() - 1);
        breachedNow.removeIf(q -> q.caseId().equals(c.caseId()));
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

    private BrandQueue queue(String brand, long asOf, List<QueuedCase> latestBreached) throws Exception {
        PriorityQueue<QueuedCase> nextDue = new PriorityQueue<>(LISTED + 1, SOONEST_DUE.reversed());
        long within = 0;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<String, QueuedCase> entry : withinSla.entries()) {
            QueuedCase q = entry.getValue();
            within++;
            oldest = Math.min(oldest, q.openedAt());
            nextDue.add(q);
            if (nextDue.size() > LISTED) {
                nextDue.poll();
            }
        }
        long past = pastSlaCount();
        if (past > 0) {
            for (Long minute : pastSlaByOpenMinute.keys()) {
                oldest = Math.min(oldest, minute);
            }
        }
        List<QueuedCase> due = new ArrayList<>(nextDue);
        due.sort(SOONEST_DUE);
        return new BrandQueue(brand, asOf, within + past, within, past, oldest == Long.MAX_VALUE ? -1 : oldest, due,
                latestBreached.subList(0, Math.min(LISTED, latestBreached.size())));
    }

    private long pastSlaCount() throws Exception {
        Long n = pastSla.value();
        return n == null ? 0 : n;
    }

    private static long openMinute(CareCase c) {
        return Math.floorDiv(c.openedAt(), MINUTE) * MINUTE;
    }
}
