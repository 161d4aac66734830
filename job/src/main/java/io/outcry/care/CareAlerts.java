package io.outcry.care;

import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Unanswered-question alerts, keyed by brand, from the brand-scope care windows: a window in
 * which at least {@code threshold} cases passed their SLA unanswered opens an alert (level
 * {@value #LEVEL}), the next such windows update it, and the first window below the threshold,
 * or one with no care window at all, resolves it. Ids come from the brand and the first
 * window's start, so a replay never doubles an alert.
 *
 * <p>A window is judged once, when the watermark passes its end plus the lateness care waits
 * for late posts, which is when the care window comes ({@link CareWindows}): if a window
 * ever fired again, the latest firing would stand for it.
 */
public class CareAlerts extends KeyedProcessFunction<String, CareWindow, AlertEvent> {

    private static final long serialVersionUID = 1L;
    public static final String LEVEL = "care";

    private final int threshold;
    private final long windowMs;
    private final long latenessMs;
    private transient ValueState<AlertEvent> open;
    private transient MapState<Long, CareWindow> closing;

    /** Judging each window as the watermark passes its end, for windows that take no late posts. */
    public CareAlerts(int threshold, long windowMs) {
        this(threshold, windowMs, 0);
    }

    /** @param latenessMs how long after its end a care window comes: the lateness care waits for late posts */
    public CareAlerts(int threshold, long windowMs, long latenessMs) {
        if (threshold < 1) {
            throw new IllegalArgumentException("a care alert needs a threshold of 1 or more unanswered cases");
        }
        this.threshold = threshold;
        this.windowMs = windowMs;
        this.latenessMs = latenessMs;
    }

    @Override
    public void open(OpenContext openContext) {
        open = getRuntimeContext().getState(new ValueStateDescriptor<>("open-care-alert", TypeInformation.of(AlertEvent.class)));
        closing = getRuntimeContext().getMapState(new MapStateDescriptor<>("closing-care-windows", Types.LONG,
                TypeInformation.of(CareWindow.class)));
    }

    @Override
    public void processElement(CareWindow window, Context ctx, Collector<AlertEvent> out) throws Exception {
        if (!CareFact.BRAND.equals(window.scope())) {
            return;
        }
        // the latest firing stands for the window
        closing.put(window.windowStart(), window);
        ctx.timerService().registerEventTimeTimer(window.windowEnd() - 1 + latenessMs);
    }

    private void judge(CareWindow window, TimerService timers, Collector<AlertEvent> out) throws Exception {
        AlertEvent current = open.value();
        long unanswered = window.all().unansweredAfterSla();
        if (current != null && window.windowEnd() <= current.lastAnomalousEnd() - windowMs) {
            return;
        }
        if (unanswered >= threshold) {
            AlertEvent next = current == null
                    ? alert("care|" + window.brand() + "|" + Instant.ofEpochMilli(window.windowStart()), "open", 0, window.brand(),
                            window.windowStart(), window.windowEnd(), window.windowEnd(), unanswered, unanswered, 1)
                    : alert(current.alertId(), "update", current.sequence() + 1, window.brand(), current.onset(), current.detectedAt(),
                            Math.max(window.windowEnd(), current.lastAnomalousEnd()), unanswered,
                            Math.max(unanswered, (long) current.peakObserved()),
                            current.anomalousWindows() + (window.windowEnd() > current.lastAnomalousEnd() ? 1 : 0));
            open.update(next);
            out.collect(next);
            timers.registerEventTimeTimer(next.lastAnomalousEnd() + windowMs - 1 + latenessMs);
        } else if (current != null && window.windowEnd() > current.lastAnomalousEnd()) {
            resolve(current, window.windowEnd(), out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        List<Long> closed = new ArrayList<>();
        for (Long start : closing.keys()) {
            if (start + windowMs - 1 + latenessMs <= timestamp) {
                closed.add(start);
            }
        }
        closed.sort(null);
        for (Long start : closed) {
            judge(closing.get(start), ctx.timerService(), out);
            closing.remove(start);
        }
        AlertEvent current = open.value();
        // a bounded input's end says nothing about the windows after it
        if (current != null && timestamp + 1 >= current.lastAnomalousEnd() + windowMs + latenessMs
                && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            resolve(current, current.lastAnomalousEnd() + windowMs, out);
        }
    }

    private void resolve(AlertEvent current, long at, Collector<AlertEvent> out) {
        AlertEvent resolved = new AlertEvent(current.alertId(), "resolve", current.sequence() + 1, AlertEvent.RESOLVED, LEVEL,
                current.brand(), "*", "*", "*", current.onset(), current.detectedAt(), at, current.lastAnomalousEnd(), 0,
                current.peakSeverity(), 0, 0, threshold, 0, current.peakObserved(), current.anomalousWindows(),
                0, current.explanation());
        open.clear();
        out.collect(resolved);
    }

    private AlertEvent alert(String id, String event, int sequence, String brand, long onset, long detectedAt, long end,
            long unanswered, long peak, int windows) {
        Explanation explanation = new Explanation(List.of(), List.of(), List.of(), List.of(), unanswered, 0, 0, 0, 0, 0,
                Map.of(), Map.of(), Map.of(), Map.of("unanswered_after_sla", unanswered));
        return new AlertEvent(id, event, sequence, AlertEvent.OPEN, LEVEL, brand, "*", "*", "*", onset, detectedAt, end, end,
                severity(unanswered), severity(peak), 0, unanswered, threshold, 0, peak, windows, 0, explanation);
    }

    /** 1 at the threshold, +1 per doubling, at most 10. */
    private int severity(long unanswered) {
        return (int) Math.max(1, Math.min(10, 1 + Math.floor(Math.log((double) unanswered / threshold) / Math.log(2))));
    }
}
