package io.outcry.detect;

import io.outcry.state.BufferedType;
import io.outcry.window.WindowResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
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
 * upstream has fired it. It is judged on its on-time posts only (revision 0, see
 * {@link io.outcry.window.WindowResults}): which late posts made the first firing depends on
 * how the partitions interleave, so counting them would let a replay open an alert a window
 * earlier or later. Windows in which a key had no posts count as zero. While an alert is
 * open or cooling, a timer judges the following windows even if no post comes, so an alert
 * resolves when the complaints stop. Late posts revise the alerts that covered their window
 * once it has closed for good (end + allowed lateness), at the first judgement after that,
 * when every late post is in whatever order they came. Nothing reads the wall clock: a
 * replay or a restart yields the same events.
 */
public class SpikeDetector extends KeyedProcessFunction<String, WindowResult, AlertEvent> {

    private static final long serialVersionUID = 1L;
    /** Complaint texts a window adds to its brand's usual vocabulary. */
    private static final int BACKGROUND_TEXTS = 12;
    private static final String BRAND_KEY = Level.ALL + "|" + Level.ALL;
    /**
     * Voices added to both sides of the brand's rise elsewhere, so that a few voices in a
     * brand's quiet hours do not read as a brand-wide rise.
     */
    private static final double RISE_PRIOR = 10;
    /** A key expecting this share of its brand's voices or more is judged on short scales, as the brand is. */
    private static final double MOST_OF_BRAND = 0.5;

    private final DetectorSettings settings;
    private final long windowMillis;
    private final long latenessMillis;
    private final long retainMillis;

    private transient MapState<Long, BrandWindow> windows;
    /**
     * The on-time cells of the windows not judged yet, by window start and cell, apart from their
     * window: RocksDB reads and writes a value whole, so a window that held them cost all of a
     * brand's cells of the minute at every cell it took in.
     */
    private transient MapState<Tuple2<Long, String>, BrandCell> arriving;
    private transient MapState<String, TrackedKey> keys;
    private transient ValueState<BrandState> brand;

    /**
     * @param windowSize      the upstream windows' size
     * @param allowedLateness how long after its end a window may still be revised upstream
     */
    public SpikeDetector(DetectorSettings settings, Duration windowSize, Duration allowedLateness) {
        this.settings = settings;
        this.windowMillis = windowSize.toMillis();
        this.latenessMillis = allowedLateness.toMillis();
        // Judged windows stay for their late posts and, as who complained where, for the longest scale's distinct voices.
        this.retainMillis = Math.max(allowedLateness.toMillis() + windowSize.toMillis(),
                KeyDetector.span(DetectorSettings.Bar.LONGEST_SCALE, windowMillis) * windowMillis);
    }

    @Override
    public void open(OpenContext context) {
        MapStateDescriptor<Long, BrandWindow> windowsDescriptor =
                new MapStateDescriptor<>("windows", Types.LONG, BufferedType.of(BrandWindow.class));
        MapStateDescriptor<String, TrackedKey> keysDescriptor =
                new MapStateDescriptor<>("keys", Types.STRING, BufferedType.of(TrackedKey.class));
        ValueStateDescriptor<BrandState> brandDescriptor =
                new ValueStateDescriptor<>("brand", BufferedType.of(BrandState.class));
        windows = getRuntimeContext().getMapState(windowsDescriptor);
        arriving = getRuntimeContext().getMapState(new MapStateDescriptor<>("arriving-cells",
                Types.TUPLE(Types.LONG, Types.STRING), BufferedType.of(BrandCell.class)));
        keys = getRuntimeContext().getMapState(keysDescriptor);
        brand = getRuntimeContext().getState(brandDescriptor);
    }

    @Override
    public void processElement(WindowResult result, Context ctx, Collector<AlertEvent> out) throws Exception {
        BrandWindow window = windows.get(result.windowStart());
        if (window == null) {
            if (result.windowStart() <= brandState().lastJudged) {
                return; // judged and forgotten, or never judged: nothing to revise
            }
            window = new BrandWindow();
            windows.put(result.windowStart(), window);
        }
        String cell = result.regionCode() + '|' + result.topic();
        if (result.revision() == 0 && !window.done) {
            // the same timer for every cell of the window: it stays registered until the window is judged
            ctx.timerService().registerEventTimeTimer(result.windowEnd() - 1);
            arriving.put(Tuple2.of(result.windowStart(), cell), BrandCell.of(result));
            return;
        }
        BrandCell previous = window.revised.get(cell);
        if (previous != null && previous.revision > result.revision()) {
            return;
        }
        BrandCell latest = BrandCell.of(result);
        latest.result = null; // a revision only recounts voices: it never adds to an alert's tally
        window.revised.put(cell, latest);
        windows.put(result.windowStart(), window);
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
        reviseClosedWindows(ctx.getCurrentKey(), timestamp, out);
        BrandWindow window = windows.get(start);
        if (window == null) {
            window = new BrandWindow(); // a heartbeat: nothing was posted, which is news for an open alert
        }
        takeArriving(start, window);
        judge(ctx.getCurrentKey(), start, window, state, out);
        windows.put(start, window);
        state.lastJudged = start;
        state.windows++;
        scheduleForgetting(ctx, start + windowMillis, state);
        brand.update(state);
        forgetOldWindows(start);
        if (anyAlertActive()) {
            // also when the next window has posts: it may hold late ones only, which set no timer
            ctx.timerService().registerEventTimeTimer(timestamp + windowMillis);
        }
    }

    private void judge(String brandId, long start, BrandWindow window, BrandState state, Collector<AlertEvent> out) throws Exception {
        long end = start + windowMillis;
        Map<String, Rollup> rollups = rollups(window.cells);
        for (Map.Entry<String, TrackedKey> entry : keys.entries()) {
            rollups.computeIfAbsent(entry.getKey(), k -> new Rollup(k, entry.getValue().regionCode,
                    entry.getValue().regionName, entry.getValue().topic));
        }
        // The brand's usual vocabulary needs a sample, not every cell's: a few texts a window suffice.
        List<String> texts = new ArrayList<>();
        for (BrandCell cell : new TreeMap<>(window.cells).values()) {
            for (String text : cell.result.evidence().sampleTexts()) {
                if (texts.size() < BACKGROUND_TEXTS) {
                    texts.add(text);
                }
            }
        }

        // Coarse levels first, so a sparse key can ask its parent; in key order, so a replay emits alike.
        List<Rollup> inOrder = new ArrayList<>(rollups.values());
        inOrder.sort(Rollup.JUDGING_ORDER);
        KeyDetector whole = null;
        for (Rollup rollup : inOrder) {
            Level level = rollup.level;
            TrackedKey key = keys.get(rollup.key);
            if (key == null) {
                KeyDetector detector = KeyDetector.startingAt(start);
                // Unseen so far means zero so far: the key inherits the brand's history, not a fresh warm-up.
                detector.baseline.windows = state.windows;
                key = new TrackedKey(rollup.regionCode, rollup.regionName, rollup.topic, detector);
            } else {
                key.detector.catchUp(start, windowMillis, settings);
            }
            double count = rollup.voices();
            Observation seen = key.detector.observe(start, end, count, bar(level, key.detector, whole),
                    parentAnomalous(rollup, rollups), new Around(rollup, whole, start, window), settings);
            if (level == Level.BRAND) {
                whole = key.detector;
            }
            rollup.score = seen.score();
            window.judged.put(rollup.key, count);
            if (seen.transition() == Transition.OPEN) {
                key.tally = new AlertTally();
            }
            if (key.tally != null && key.detector.lastAnomalousEnd == end) {
                key.tally.add(rollup.results());
            }
            if (seen.transition() != Transition.NONE) {
                out.collect(event(brandId, key, seen.transition(), end, seen, state.terms));
            }
            if (key.detector.isIdle()) {
                key.tally = null;
            }
            if (key.detector.isIdle() && key.detector.baseline.level < 0.01 && count == 0) {
                keys.remove(rollup.key); // nothing to remember: it is zero and would start at zero
            } else {
                keys.put(rollup.key, key);
            }
        }
        state.terms.learn(texts);
        for (BrandCell cell : window.cells.values()) {
            cell.result = null; // judged: what stays for the allowed lateness is who complained where
        }
        window.done = true;
    }

    /** Revises with the late posts of every judged window that has closed for good by {@code timestamp}, oldest first. */
    private void reviseClosedWindows(String brandId, long timestamp, Collector<AlertEvent> out) throws Exception {
        long closedStart = timestamp + 1 - windowMillis - latenessMillis;
        List<Long> closed = new ArrayList<>();
        for (Long start : windows.keys()) {
            if (start <= closedStart) {
                closed.add(start);
            }
        }
        closed.sort(null);
        for (Long start : closed) {
            BrandWindow window = windows.get(start);
            if (window.done && !window.revised.isEmpty()) {
                revise(brandId, start, window, out);
            }
            if (!window.judged.isEmpty()) {
                // closed for good: all that stays, for the scales' distinct voices, is who complained where
                window.judged.clear();
                window.revised.clear();
                windows.put(start, window);
            }
        }
    }

    /**
     * The late posts changed a judged window: an alert that covered it and now has a higher
     * peak is revised; no new alert opens on a window already judged.
     */
    private void revise(String brandId, long start, BrandWindow window, Collector<AlertEvent> out) throws Exception {
        long end = start + windowMillis;
        Map<String, BrandCell> latest = new HashMap<>(window.cells);
        latest.putAll(window.revised);
        window.revised.clear();
        for (Rollup rollup : new TreeMap<>(rollups(latest)).values()) {
            double count = rollup.voices();
            Double before = window.judged.put(rollup.key, count);
            TrackedKey key = keys.get(rollup.key);
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
            keys.put(rollup.key, key);
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
                d.scaleMinutes,
                explanation);
    }

    /**
     * The key's bar, judged on short scales only, as the brand is, when the key is most of its
     * brand: the rest of the brand is then too small to say whether a slow rise of the key is
     * a morning or an incident.
     */
    private DetectorSettings.Bar bar(Level level, KeyDetector detector, KeyDetector whole) {
        DetectorSettings.Bar bar = settings.bar(level);
        if (whole != null && detector.baseline.level >= MOST_OF_BRAND * whole.baseline.level) {
            return new DetectorSettings.Bar(bar.openScore(), settings.bar(Level.BRAND).longestScale());
        }
        return bar;
    }

    /** Parents are judged first (see {@link Rollup#JUDGING_ORDER}): their scores are known here. */
    private boolean parentAnomalous(Rollup rollup, Map<String, Rollup> judged) {
        return switch (rollup.level) {
            case BRAND -> false;
            case BRAND_TOPIC, BRAND_REGION -> anomalous(judged.get(BRAND_KEY));
            case BRAND_REGION_TOPIC -> anomalous(judged.get(rollup.regionCode + "|" + Level.ALL))
                    || anomalous(judged.get(Level.ALL + "|" + rollup.topic));
        };
    }

    /** A parent lends its verdict when it rises clearly, if less than an alert needs. */
    private boolean anomalous(Rollup parent) {
        return parent != null && parent.score >= settings.keepScore();
    }

    /**
     * Every key the cells feed, with the cells it sums in cell order: an alert's examples and
     * sums follow that order, and the order the cells arrived in differs between runs.
     */
    private static Map<String, Rollup> rollups(Map<String, BrandCell> cells) {
        Map<String, Rollup> rollups = new HashMap<>();
        for (Map.Entry<String, BrandCell> entry : new TreeMap<>(cells).entrySet()) {
            BrandCell cell = entry.getValue();
            rollup(rollups, BRAND_KEY, Level.ALL, Level.ALL, Level.ALL).cells.add(cell);
            rollup(rollups, Level.ALL + "|" + cell.topic, Level.ALL, Level.ALL, cell.topic).cells.add(cell);
            rollup(rollups, cell.regionCode + "|" + Level.ALL, cell.regionCode, cell.regionName, Level.ALL).cells.add(cell);
            rollup(rollups, entry.getKey(), cell.regionCode, cell.regionName, cell.topic).cells.add(cell);
        }
        return rollups;
    }

    private static Rollup rollup(Map<String, Rollup> rollups, String key, String regionCode, String regionName, String topic) {
        Rollup rollup = rollups.get(key);
        if (rollup == null) {
            rollup = new Rollup(key, regionCode, regionName, topic);
            rollups.put(key, rollup);
        }
        return rollup;
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
            arriving.clear();
            brand.clear();
        } else {
            state.forgetAt = Long.MIN_VALUE;
            scheduleForgetting(ctx, state.lastJudged + windowMillis, state);
            brand.update(state);
        }
    }

    /** Moves the window's on-time cells into it, as its judgement reads them; the other windows' stay. */
    private void takeArriving(long start, BrandWindow window) throws Exception {
        List<Tuple2<Long, String>> taken = new ArrayList<>();
        for (Map.Entry<Tuple2<Long, String>, BrandCell> entry : arriving.entries()) {
            if (entry.getKey().f0 == start) {
                window.cells.put(entry.getKey().f1, entry.getValue());
                taken.add(entry.getKey());
            }
        }
        for (Tuple2<Long, String> key : taken) {
            arriving.remove(key);
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

    /** What a key's detector asks of the rest of its brand while one window is judged. */
    private final class Around implements KeyDetector.Surroundings {
        private final Rollup rollup;
        private final KeyDetector whole;
        private final long start;
        private final BrandWindow current;

        /** @param whole the brand's detector, already past this window; null when judging the brand itself */
        Around(Rollup rollup, KeyDetector whole, long start, BrandWindow current) {
            this.rollup = rollup;
            this.whole = whole;
            this.start = start;
            this.current = current;
        }

        @Override
        public double voices(int span, double sum) {
            if (span == 1) {
                return sum;
            }
            List<BrandCell> cells = new ArrayList<>();
            try {
                for (int w = 0; w < span; w++) {
                    BrandWindow window = w == 0 ? current : windows.get(start - w * windowMillis);
                    if (window != null) {
                        window.cells.values().stream().filter(rollup::covers).forEach(cells::add);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not read the brand's windows from state", e);
            }
            return BrandCell.distinctVoices(cells);
        }

        @Override
        public double riseElsewhere(int span, double sum, double expected) {
            if (whole == null) {
                return 1;
            }
            double brandSum = KeyDetector.sum(whole.recentCounts, span);
            double brandExpected = whole.expectedOver(span);
            double rise = (Math.max(0, brandSum - sum) + RISE_PRIOR) / (Math.max(0, brandExpected - expected) + RISE_PRIOR);
            return Math.max(1, rise);
        }
    }

    /** The cells one key sums in a window, and, once judged, its score. */
    private static final class Rollup {
        /** Coarse levels first, then by key: a replay judges, and emits, alike. */
        static final Comparator<Rollup> JUDGING_ORDER =
                Comparator.comparing((Rollup r) -> r.level).thenComparing(r -> r.key);

        final String key;
        final String regionCode;
        final String regionName;
        final String topic;
        final Level level;
        final List<BrandCell> cells = new ArrayList<>(4);
        double score;

        Rollup(String key, String regionCode, String regionName, String topic) {
            this.key = key;
            this.regionCode = regionCode;
            this.regionName = regionName;
            this.topic = topic;
            this.level = Level.of(regionCode, topic);
        }

        /** Distinct voices over the cells: an author complaining in two of them counts once. */
        int voices() {
            return BrandCell.distinctVoices(cells);
        }

        /** Whether this key sums the cell, in any window. */
        boolean covers(BrandCell cell) {
            return (regionCode.equals(Level.ALL) || regionCode.equals(cell.regionCode))
                    && (topic.equals(Level.ALL) || topic.equals(cell.topic));
        }

        List<WindowResult> results() {
            List<WindowResult> results = new ArrayList<>(cells.size());
            cells.forEach(cell -> results.add(cell.result));
            return results;
        }
    }
}
