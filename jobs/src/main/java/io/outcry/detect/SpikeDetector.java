package io.outcry.detect;

import io.outcry.window.WindowResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * Finds complaint spikes in one brand's window results and runs their alerts.
 *
 * <p>Keyed by brand, so that every level of a brand is judged together once its window has
 * closed everywhere: the brand overall, each topic, each region and each region x topic cell.
 * Counts are credible complainers (see {@link io.outcry.window.ComplaintEvidence}), merged as
 * sets of voices, so an author complaining in two regions or about two topics counts once at
 * the brand level. Coarse levels are judged first, so a sparse cell can borrow its parent's
 * verdict instead of alerting on three posts.
 *
 * <p>A window is judged when the watermark passes its end: by then every window operator
 * upstream has fired it. Windows in which a key had no posts count as zero. While an alert
 * is open or cooling, a timer judges the following windows even if no post comes, so an
 * alert resolves when the complaints stop. A late revision of a judged window revises the
 * alerts that covered it. Nothing reads the wall clock: a replay yields the same events.
 */
public class SpikeDetector extends KeyedProcessFunction<String, WindowResult, AlertEvent> {

    private static final long serialVersionUID = 1L;
    /** Complaint texts a window adds to its brand's usual vocabulary. */
    private static final int BACKGROUND_TEXTS = 12;

    private final DetectorSettings settings;
    private final long windowMillis;
    private final long retainMillis;

    private transient MapState<Long, BrandWindow> windows;
    private transient MapState<String, TrackedKey> keys;
    private transient ValueState<BrandState> brand;

    /**
     * @param windowSize      the upstream windows' size
     * @param allowedLateness how long after its end a window may still be revised upstream
     */
    public SpikeDetector(DetectorSettings settings, Duration windowSize, Duration allowedLateness) {
        this.settings = settings;
        this.windowMillis = windowSize.toMillis();
        this.retainMillis = allowedLateness.toMillis() + windowSize.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        MapStateDescriptor<Long, BrandWindow> windowsDescriptor =
                new MapStateDescriptor<>("windows", Types.LONG, TypeInformation.of(BrandWindow.class));
        MapStateDescriptor<String, TrackedKey> keysDescriptor =
                new MapStateDescriptor<>("keys", Types.STRING, TypeInformation.of(TrackedKey.class));
        ValueStateDescriptor<BrandState> brandDescriptor =
                new ValueStateDescriptor<>("brand", TypeInformation.of(BrandState.class));
        windows = getRuntimeContext().getMapState(windowsDescriptor);
        keys = getRuntimeContext().getMapState(keysDescriptor);
        brand = getRuntimeContext().getState(brandDescriptor);
    }

    @Override
    public void processElement(WindowResult result, Context ctx, Collector<AlertEvent> out) throws Exception {
        BrandWindow window = windows.get(result.windowStart());
        if (window == null) {
            if (result.windowStart() <= brandState().lastJudged) {
                return; // judged and forgotten: past the allowed lateness, nothing left to revise
            }
            window = new BrandWindow();
        }
        String cell = result.regionCode() + '|' + result.topic();
        WindowResult previous = window.cells.get(cell);
        if (previous != null && previous.revision() > result.revision()) {
            return;
        }
        window.cells.put(cell, result);
        windows.put(result.windowStart(), window);
        if (window.done) {
            revise(ctx.getCurrentKey(), result.windowStart(), window, out);
        } else {
            ctx.timerService().registerEventTimeTimer(result.windowEnd() - 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        long start = timestamp + 1 - windowMillis;
        BrandState state = brandState();
        if (timestamp == state.forgetAt) {
            forgetIfIdle(ctx, timestamp, state);
            return;
        }
        if (start <= state.lastJudged) {
            return;
        }
        BrandWindow window = windows.get(start);
        if (window == null) {
            window = new BrandWindow(); // a heartbeat: nothing was posted, which is news for an open alert
        }
        judge(ctx.getCurrentKey(), start, window, state, out);
        windows.put(start, window);
        state.lastJudged = start;
        state.windows++;
        scheduleForgetting(ctx, start + windowMillis, state);
        brand.update(state);
        forgetOldWindows(start);
        if (anyAlertActive() && !windows.contains(start + windowMillis)) {
            ctx.timerService().registerEventTimeTimer(timestamp + windowMillis);
        }
    }

    private void judge(String brandId, long start, BrandWindow window, BrandState state, Collector<AlertEvent> out) throws Exception {
        long end = start + windowMillis;
        Map<String, Rollup> rollups = rollups(window);
        for (Map.Entry<String, TrackedKey> entry : keys.entries()) {
            rollups.computeIfAbsent(entry.getKey(), k -> new Rollup(entry.getValue().regionCode,
                    entry.getValue().regionName, entry.getValue().topic));
        }
        // The brand's usual vocabulary needs a sample, not every cell's: a few texts a window suffice.
        List<String> texts = new ArrayList<>();
        for (WindowResult cell : new TreeMap<>(window.cells).values()) {
            for (String text : cell.evidence().sampleTexts()) {
                if (texts.size() < BACKGROUND_TEXTS) {
                    texts.add(text);
                }
            }
        }

        Map<String, Double> scores = new HashMap<>();
        // Coarse levels first, so a sparse key can ask its parent; in key order, so a replay emits alike.
        TreeMap<String, Rollup> inOrder = new TreeMap<>(rollups);
        for (Level level : Level.values()) {
            for (Map.Entry<String, Rollup> entry : inOrder.entrySet()) {
                Rollup rollup = entry.getValue();
                if (Level.of(rollup.regionCode, rollup.topic) != level) {
                    continue;
                }
                TrackedKey key = keys.get(entry.getKey());
                if (key == null) {
                    KeyDetector detector = KeyDetector.startingAt(start);
                    // Unseen so far means zero so far: the key inherits the brand's history, not a fresh warm-up.
                    detector.baseline.windows = state.windows;
                    key = new TrackedKey(rollup.regionCode, rollup.regionName, rollup.topic, detector);
                } else {
                    key.detector.catchUp(start, windowMillis, settings);
                }
                double count = rollup.voices.size();
                Observation seen = key.detector.observe(start, end, count, settings.bar(level),
                        parentAnomalous(rollup, scores), settings);
                scores.put(entry.getKey(), seen.score());
                window.judged.put(entry.getKey(), count);
                if (seen.transition() == Transition.OPEN) {
                    key.tally = new AlertTally();
                }
                if (key.tally != null && key.detector.lastAnomalousEnd == end) {
                    key.tally.add(rollup.cells);
                }
                if (seen.transition() != Transition.NONE) {
                    out.collect(event(brandId, key, seen.transition(), end, seen, state.terms));
                }
                if (key.detector.isIdle()) {
                    key.tally = null;
                }
                if (key.detector.isIdle() && key.detector.baseline.level < 0.01 && count == 0) {
                    keys.remove(entry.getKey()); // nothing to remember: it is zero and would start at zero
                } else {
                    keys.put(entry.getKey(), key);
                }
            }
        }
        state.terms.learn(texts);
        window.done = true;
    }

    /**
     * A late result changed a judged window: an alert that covered it and now has a higher
     * peak is revised; no new alert opens on a window already judged.
     */
    private void revise(String brandId, long start, BrandWindow window, Collector<AlertEvent> out) throws Exception {
        long end = start + windowMillis;
        for (Map.Entry<String, Rollup> entry : rollups(window).entrySet()) {
            double count = entry.getValue().voices.size();
            Double before = window.judged.put(entry.getKey(), count);
            TrackedKey key = keys.get(entry.getKey());
            if (before == null || before == count || key == null || key.detector.isIdle()
                    || start < key.detector.onset || end > key.detector.lastAnomalousEnd) {
                continue;
            }
            KeyDetector detector = key.detector;
            if (count <= detector.peakCount) {
                continue; // the alert's figures stand: a late post below its peak is no news
            }
            detector.peakCount = count;
            detector.events++;
            Observation revised = new Observation(count, detector.baseline.expected(start, settings), 0,
                    detector.severity, Transition.REVISE, detector.isOpen());
            keys.put(entry.getKey(), key);
            out.collect(event(brandId, key, Transition.REVISE, end, revised, brandState().terms));
        }
        windows.put(start, window);
    }

    private AlertEvent event(String brandId, TrackedKey key, Transition transition, long eventTime, Observation seen,
                             TermBackground terms) {
        KeyDetector d = key.detector;
        AlertTally tally = key.tally == null ? new AlertTally() : key.tally;
        Explanation explanation = tally.explain(terms.standingOut(tally.texts));
        return new AlertEvent(
                AlertEvent.id(brandId, key.regionCode, key.topic, d.onset),
                transition.id(),
                d.events - 1,
                d.isOpen() ? AlertEvent.OPEN : AlertEvent.RESOLVED,
                key.level().id(),
                brandId,
                key.regionCode,
                key.regionName,
                key.topic,
                d.onset,
                d.detectedAt,
                eventTime,
                d.lastAnomalousEnd,
                d.isOpen() ? d.severity : 0,
                d.peakSeverity,
                CrisisScore.of(seen, d.countBefore(), tally),
                seen.count(),
                seen.expected(),
                seen.score(),
                d.peakCount,
                d.anomalousWindows,
                explanation);
    }

    private boolean parentAnomalous(Rollup rollup, Map<String, Double> scores) {
        return switch (Level.of(rollup.regionCode, rollup.topic)) {
            case BRAND -> false;
            case BRAND_TOPIC, BRAND_REGION -> anomalous(scores.get(Level.ALL + "|" + Level.ALL));
            case BRAND_REGION_TOPIC -> anomalous(scores.get(rollup.regionCode + "|" + Level.ALL))
                    || anomalous(scores.get(Level.ALL + "|" + rollup.topic));
        };
    }

    /** A parent lends its verdict when it rises clearly, if less than an alert needs. */
    private boolean anomalous(Double score) {
        return score != null && score >= settings.keepScore();
    }

    /** Every key the window's cells feed, with the union of their voices and the cells themselves. */
    private static Map<String, Rollup> rollups(BrandWindow window) {
        Map<String, Rollup> rollups = new HashMap<>();
        for (WindowResult cell : window.cells.values()) {
            String[][] targets = {
                    {Level.ALL, Level.ALL, Level.ALL},
                    {Level.ALL, Level.ALL, cell.topic()},
                    {cell.regionCode(), cell.regionName(), Level.ALL},
                    {cell.regionCode(), cell.regionName(), cell.topic()}};
            for (String[] target : targets) {
                rollups.computeIfAbsent(target[0] + '|' + target[2], k -> new Rollup(target[0], target[1], target[2]))
                        .add(cell);
            }
        }
        return rollups;
    }

    /**
     * A brand that stops posting must not hold state forever. Flink's state TTL would copy the
     * key map on every access, so the brand keeps one timer of its own instead, moved forward
     * at most twice per idle span: when it fires and nothing was judged for an idle span, the
     * brand's state goes.
     */
    private void scheduleForgetting(OnTimerContext ctx, long judgedEnd, BrandState state) {
        long idle = settings.idleWindows() * windowMillis;
        if (state.forgetAt < judgedEnd + idle / 2) {
            state.forgetAt = judgedEnd + idle;
            ctx.timerService().registerEventTimeTimer(state.forgetAt);
        }
    }

    private void forgetIfIdle(OnTimerContext ctx, long timestamp, BrandState state) throws Exception {
        long idle = settings.idleWindows() * windowMillis;
        if (state.lastJudged + windowMillis + idle <= timestamp && !anyAlertActive()) {
            keys.clear();
            windows.clear();
            brand.clear();
        } else {
            state.forgetAt = Long.MIN_VALUE;
            scheduleForgetting(ctx, state.lastJudged + windowMillis, state);
            brand.update(state);
        }
    }

    private void forgetOldWindows(long judged) throws Exception {
        List<Long> old = new ArrayList<>();
        for (Long start : windows.keys()) {
            if (start < judged - retainMillis) {
                old.add(start);
            }
        }
        for (Long start : old) {
            windows.remove(start);
        }
    }

    private boolean anyAlertActive() throws Exception {
        for (TrackedKey key : keys.values()) {
            if (!key.detector.isIdle()) {
                return true;
            }
        }
        return false;
    }

    private BrandState brandState() throws Exception {
        BrandState state = brand.value();
        return state == null ? new BrandState() : state;
    }

    /** The cells one key sums, and their distinct voices. */
    private static final class Rollup {
        final String regionCode;
        final String regionName;
        final String topic;
        final Set<Long> voices = new HashSet<>();
        final List<WindowResult> cells = new ArrayList<>();

        Rollup(String regionCode, String regionName, String topic) {
            this.regionCode = regionCode;
            this.regionName = regionName;
            this.topic = topic;
        }

        void add(WindowResult cell) {
            voices.addAll(cell.evidence().voiceIds());
            cells.add(cell);
        }
    }
}
