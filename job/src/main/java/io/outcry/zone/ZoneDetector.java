package io.outcry.zone;

import io.outcry.state.BufferedType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Finds outage zones of one brand (the key) from its located outage posts, which
 * {@link ZoneCells} tallies per geohash cell and event-time window ({@link CellTally}); a cell is hot when its distinct non-retweet authors
 * reach {@link ZoneSettings#minVoices()} and are that unlikely under what the cell expects:
 * its share of the brand over the last few hundred windows times the brand's daily shape
 * (the level of its other cells now over their level of those windows), so neither the
 * daily ramp nor a slow outage learnt before it is judged moves it (a Poisson surprise of {@link ZoneSettings#openScore()}; a cell of an open zone stays hot
 * on less); touching hot cells form one zone. A cell is also judged over each of
 * {@link ZoneSettings#spans()} windows ending with this one (distinct voices against the
 * baseline times the span), so an outage that brings a located complaint every few minutes
 * opens a zone too; a zone opened that way dates its onset back to where its cells' rise
 * began. In every hot window of a zone (so also when it grows by a cell or merges) its onset
 * also goes back to the change point of its cells' voices pooled over the last
 * {@link #HISTORY_WINDOWS} windows, if that is earlier: a slow outage over several towns is
 * found when one town's cell is sure, which can be an hour in, and the towns together show
 * where it began. That history costs a ring of {@value #HISTORY_WINDOWS} shorts per cell heard
 * in those windows (about 260 bytes with the array's header); it only dates zones, it never
 * opens one. Baselines learn for {@link ZoneSettings#warmupWindows()} windows before any zone
 * opens. Each window the hot cells are matched to the open zones they touch, so a zone grows
 * and shrinks with its cells, two zones whose cells meet merge (the older one stays), and a
 * zone whose cells fall apart splits (the part with the most voices keeps it).
 *
 * <p>Lifecycle: suspected on its first hot window; confirmed after
 * {@link ZoneSettings#confirmWindows()}; recovering on its first window back at baseline
 * (silent windows that the zone's own rate still makes likely do not count);
 * resolved after {@link ZoneSettings#resolveWindows()} quiet windows; a suspected zone that
 * goes quiet is dismissed. The recovery time is the earliest post saying "it works again"
 * from which on distinct non-retweet authors saying so are at least
 * {@link ZoneSettings#restoredQuorum()} and outnumber the zone's complaints above baseline,
 * else the end of its last hot window (the return to baseline); such posts that come within
 * the longest span after the zone was resolved still date its recovery (an {@code update}).
 * "Service restored" posts never close a zone whose cells are still hot, and retweets of them
 * never count: a storm of "it works again" retweets leaves it open.
 *
 * <p>Each event cites the zone's example posts ({@link ZoneExample}): the best of its hot
 * windows' posts by a total order, so a replay cites the same ones. A tally carries the text
 * of its cell's {@link ZoneExample#MAX} best posts at most, and a zone keeps at most
 * {@link ZoneExample#MAX} examples; both leave the state with the window when it is judged and
 * with the zone.
 *
 * <p>A window is judged once, when the watermark passes its end; a tally that comes later (a
 * restart replays the windows its checkpoint had not tallied yet) is counted, its posts in
 * {@code zonePostsTooLate}, and left out. Every event carries the zone's whole state and no
 * wall-clock time, so a replay or a restart from a checkpoint emits the same events.
 */
public class ZoneDetector extends KeyedProcessFunction<String, CellTally, ZoneEvent> {

    private static final long serialVersionUID = 1L;
    private static final int MAX_TRACKED_AUTHORS = 100_000;
    private static final int MAX_EXCESS_WINDOWS = 24 * 60;
    /**
     * Windows of each cell's voices kept to date a zone from: longer than the longest span, for
     * the slow outages over several towns that one town's cell is sure of only an hour in.
     */
    static final int HISTORY_WINDOWS = 120;
    /** Below this chance under the zone's own rate, a run of silent windows means the outage is over. */
    private static final double SILENCE_CHANCE = 0.05;
    /**
     * Voices added to both sides of the brand's rise elsewhere, so that a few voices in a
     * brand's quiet cells do not read as a nationwide rise.
     */
    private static final double BRANDWIDE_PRIOR = 10;
    /**
     * Voices a window added to both sides of the brand's daily shape (its other cells' level
     * now over their level of the last hours), so that a brand with few voices elsewhere keeps
     * its cells' shares as they are.
     */
    private static final double SHAPE_PRIOR = 1;
    /** How unlikely under its share of the brand a new zone's voices must be: 1 in 100 ({@link #outrunsItsShare}). */
    private static final double SHARE_SURPRISE = 2;
    /** Below this a cell's share is forgotten. */
    private static final double LEAST_SHARE = 0.001;

    private final ZoneSettings settings;
    private final long windowMs;

    private transient MapState<Long, List<CellTally>> pending;
    /** Posts waiting in a checkpoint of the detector from before {@link ZoneCells} tallied them. */
    private transient MapState<Long, List<ZonePost>> formerPending;
    private transient ValueState<BrandZones> state;
    private transient Counter tooLate;

    public ZoneDetector(ZoneSettings settings) {
        this.settings = settings;
        this.windowMs = settings.window().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-cells", Types.LONG,
                BufferedType.of(Types.LIST(TypeInformation.of(CellTally.class)))));
        formerPending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                BufferedType.of(Types.LIST(TypeInformation.of(ZonePost.class)))));
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("zones", BufferedType.of(BrandZones.class)));
        tooLate = getRuntimeContext().getMetricGroup().counter("zonePostsTooLate");
    }

    @Override
    public void processElement(CellTally tally, Context ctx, Collector<ZoneEvent> out) throws Exception {
        BrandZones zones = state.value();
        if (zones != null && tally.start() + windowMs <= zones.judgedUpTo
                || tally.start() + windowMs - 1 <= ctx.timerService().currentWatermark()) {
            // a restart judges again what its checkpoint had not; what it had judged stays judged
            tooLate.inc(tally.posts() + tally.restored().size());
            return;
        }
        List<CellTally> tallies = pending.get(tally.start());
        if (tallies == null) {
            tallies = new ArrayList<>();
        }
        tallies.add(tally);
        pending.put(tally.start(), tallies);
        ctx.timerService().registerEventTimeTimer(tally.start() + windowMs - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ZoneEvent> out) throws Exception {
        long end = timestamp + 1;
        long start = end - windowMs;
        BrandZones zones = state.value();
        if (zones == null) {
            zones = new BrandZones();
        }
        if (end <= zones.judgedUpTo) {
            return;
        }
        if (zones.judgedUpTo != Long.MIN_VALUE && start > zones.judgedUpTo) {
            // windows without a post and without an open zone: the baselines only fade
            long skipped = (start - zones.judgedUpTo) / windowMs;
            decay(zones, skipped);
            zones.windows += skipped;
        }
        Map<String, CellTally> tallies = new TreeMap<>();
        List<CellTally> received = pending.get(start);
        if (received != null) {
            received.forEach(tally -> tallies.merge(tally.cell(), tally, CellTally::with));
        }
        List<ZonePost> former = formerPending.get(start);
        if (former != null) {
            ZoneCells.tallies(former, start, settings.precision()).forEach((cell, tally) -> tallies.merge(cell, tally, CellTally::with));
        }
        if (tallies.isEmpty() && ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            // The input has ended (a bounded replay): the minutes after it are not quiet, they are
            // unknown, so the zones stay as the last posts left them instead of all resolving.
            return;
        }
        pending.remove(start);
        formerPending.remove(start);
        judge(zones, start, end, tallies, out);
        zones.judgedUpTo = end;
        zones.zones.values().removeIf(zone -> !listening(zone, end));
        if (!zones.zones.isEmpty()) {
            ctx.timerService().registerEventTimeTimer(end + windowMs - 1);
        }
        if (zones.zones.isEmpty() && zones.baselines.isEmpty() && zones.shares.isEmpty() && zones.history.isEmpty()) {
            state.clear();
        } else {
            state.update(zones);
        }
    }

    /** Judges one window of the brand, its cells' tallies by cell. */
    private void judge(BrandZones state, long start, long end, Map<String, CellTally> received, Collector<ZoneEvent> out) {
        Map<String, CellTally> tallies = new TreeMap<>(received);
        tallies.values().removeIf(tally -> tally.posts() == 0);
        List<Zone> open = state.zones.values().stream().filter(Zone::isOpen)
                .sorted(Comparator.comparingLong((Zone z) -> z.onset).thenComparing(z -> z.id)).toList();
        Set<String> openCells = new HashSet<>();
        open.forEach(zone -> openCells.addAll(zone.cells));
        // the window that opened a suspected zone does not confirm it again
        Map<String, Long> openedBy = new HashMap<>();
        open.stream().filter(zone -> Zone.SUSPECTED.equals(zone.status))
                .forEach(zone -> zone.cells.forEach(cell -> openedBy.merge(cell, zone.lastSeen - windowMs, Math::max)));

        List<String> hot = new ArrayList<>();
        Map<String, Long> onsets = new HashMap<>();
        Map<String, Double> usual = new HashMap<>();
        if (state.windows >= settings.warmupWindows()) {
            Brandwide brandwide = brandwide(state, tallies, start);
            // first the cells hot by their own voices; then each of them is judged again with the
            // others, and the open zones' cells, apart from its brand's share
            Set<String> candidates = new TreeSet<>();
            tallies.forEach((cell, tally) -> {
                if (heat(state, brandwide, tallies, cell, start, openCells.contains(cell),
                        openedBy.getOrDefault(cell, Long.MIN_VALUE), null) != null) {
                    candidates.add(cell);
                }
            });
            for (String cell : candidates) {
                Set<String> apart = new HashSet<>(candidates);
                apart.addAll(openCells);
                apart.remove(cell);
                Long onset = heat(state, brandwide, tallies, cell, start, openCells.contains(cell),
                        openedBy.getOrDefault(cell, Long.MIN_VALUE), apart);
                if (onset != null) {
                    hot.add(cell);
                    onsets.put(cell, onset);
                    usual.put(cell, Math.max(settings.baselineFloor(), expectedShare(state, brandwide, cell)));
                }
            }
        }
        Set<String> unlearned = new HashSet<>(hot);
        unlearned.addAll(openCells);
        learn(state, tallies, unlearned);
        remember(state, tallies, start);
        state.windows++;

        Map<Zone, List<List<String>>> claimed = new LinkedHashMap<>();
        List<List<String>> unclaimed = new ArrayList<>();
        for (List<String> component : components(hot)) {
            List<Zone> touching = open.stream().filter(zone -> touches(zone.cells, component)).toList();
            if (touching.isEmpty()) {
                unclaimed.add(component);
                continue;
            }
            Zone owner = touching.get(0);
            while (owner.mergedInto != null) {
                owner = state.zones.get(owner.mergedInto);
            }
            claimed.computeIfAbsent(owner, z -> new ArrayList<>()).add(component);
            for (Zone other : touching.subList(1, touching.size())) {
                if (other == owner) {
                    continue;
                }
                if (other.isOpen()) {
                    mergeInto(owner, other, end, out);
                }
                List<List<String>> theirs = claimed.remove(other);
                if (theirs != null) {
                    claimed.get(owner).addAll(theirs);
                }
            }
        }

        List<Zone> created = new ArrayList<>();
        claimed.forEach((zone, components) -> {
            components.sort(Comparator.comparingInt((List<String> c) -> -voices(c, tallies)).thenComparing(c -> c.get(0)));
            datePooled(state, zone, components.get(0), usual, start);
            hotWindow(zone, components.get(0), tallies, start, end);
            for (List<String> part : components.subList(1, components.size())) {
                Zone split = newZone(zone.brand, part, tallies, start, zone.onset);
                split.pooledOnset = zone.pooledOnset;
                split.splitFrom = zone.id;
                split.status = zone.status;
                split.confirmedAt = zone.confirmedAt;
                hotWindow(split, part, tallies, start, end);
                created.add(split);
            }
        });
        for (List<String> component : unclaimed) {
            String brand = tallies.get(component.get(0)).brand();
            long onset = component.stream().mapToLong(onsets::get).min().orElse(start);
            Zone zone = newZone(brand, component, tallies, start, onset);
            recordRise(state, zone, component, start);
            datePooled(state, zone, component, usual, start);
            hotWindow(zone, component, tallies, start, end);
            created.add(zone);
        }
        for (Zone zone : created) {
            state.zones.put(zone.id, zone);
        }

        for (CellTally tally : received.values()) {
            for (ZonePost post : tally.restored()) {
                state.zones.values().stream().filter(zone -> listening(zone, end))
                        .filter(zone -> touches(zone.cells, List.of(tally.cell())))
                        .min(Comparator.comparing((Zone z) -> !z.isOpen()).thenComparingLong(z -> z.onset).thenComparing(z -> z.id))
                        .ifPresent(zone -> {
                            if (post.retweet()) {
                                zone.restoredRetweets++;
                            } else if (zone.restoredAuthors.size() < MAX_TRACKED_AUTHORS) {
                                zone.restoredAuthors.merge(post.authorId(), post.createdAt(), Math::min);
                            }
                        });
            }
        }

        List<Zone> all = new ArrayList<>(state.zones.values());
        all.sort(Comparator.comparingLong((Zone z) -> z.onset).thenComparing(z -> z.id));
        for (Zone zone : all) {
            if (!zone.isOpen()) {
                if (listening(zone, end)) {
                    redateRecovery(state, zone, tallies, start, end, out);
                }
                continue;
            }
            boolean isNew = zone.sequence == 0;
            boolean wasHot = zone.lastSeen == end;
            recordExcess(state, zone, tallies, start);
            if (!isNew && !wasHot && stillLikely(state, zone, end)) {
                continue;
            }
            String event;
            if (isNew) {
                event = zone.splitFrom != null ? "split" : "open";
            } else if (wasHot) {
                if (Zone.SUSPECTED.equals(zone.status) && zone.hotWindows >= settings.confirmWindows()) {
                    zone.status = Zone.CONFIRMED;
                    zone.confirmedAt = end;
                    event = "confirm";
                } else if (Zone.RECOVERING.equals(zone.status)) {
                    zone.status = Zone.CONFIRMED;
                    zone.recoveryAt = -1;
                    event = "relapse";
                } else {
                    event = "update";
                }
            } else {
                zone.quietWindows++;
                long recovery = recoveryEstimate(zone);
                if (Zone.SUSPECTED.equals(zone.status)) {
                    zone.status = Zone.RESOLVED;
                    zone.resolvedAt = end;
                    zone.cells.forEach(cell -> state.closedAt.put(cell, end));
                    event = "dismiss";
                } else if (Zone.CONFIRMED.equals(zone.status)) {
                    zone.status = Zone.RECOVERING;
                    zone.recoveryAt = recovery;
                    event = "recovering";
                } else if (zone.quietWindows >= settings.resolveWindows()) {
                    zone.status = Zone.RESOLVED;
                    zone.recoveryAt = recovery;
                    zone.resolvedAt = end;
                    zone.cells.forEach(cell -> {
                        state.closedAt.put(cell, end);
                        state.resolvedAt.put(cell, end);
                    });
                    event = "resolve";
                } else if (recovery != zone.recoveryAt) {
                    zone.recoveryAt = recovery;
                    event = "update";
                } else {
                    continue;
                }
            }
            out.collect(event(zone, event, end, null));
        }
    }

    /**
     * Whether a zone still takes "it works again" posts: while open, and for the longest span
     * after it was resolved. An outage whose last minutes bring too few located complaints to
     * keep its zone open is resolved before its end, and the posts saying that it works again
     * come after that; they date its recovery better than the silence did (vodafone over
     * Naples, realistic regime seed 10: resolved 15 min before the outage's end).
     */
    private boolean listening(Zone zone, long end) {
        return zone.isOpen() || zone.mergedInto == null && zone.recoveryAt >= 0
                && end - zone.resolvedAt <= settings.longestSpan() * windowMs;
    }

    private void redateRecovery(BrandZones state, Zone zone, Map<String, CellTally> tallies, long start, long end,
            Collector<ZoneEvent> out) {
        recordExcess(state, zone, tallies, start);
        long recovery = recoveryEstimate(zone);
        if (recovery != zone.recoveryAt) {
            zone.recoveryAt = recovery;
            out.collect(event(zone, "update", end, null));
        }
    }

    /**
     * When service came back: the earliest "service restored" post from which on the restored
     * authors are at least a quorum and at least as many as the zone's voices above baseline
     * in the windows after it; else the end of the last hot window (the return to baseline).
     * A lone early "it works for me" is outvoted by the complaints that follow it, and a few
     * complaints that trail the recovery do not move it.
     */
    private long recoveryEstimate(Zone zone) {
        List<Long> times = zone.restoredAuthors.values().stream().sorted().toList();
        TreeMap<Long, Double> excess = new TreeMap<>(zone.excess);
        for (int i = 0; i + settings.restoredQuorum() <= times.size(); i++) {
            long from = times.get(i) - Math.floorMod(times.get(i), windowMs);
            double complaints = excess.tailMap(from, false).values().stream()
                    .mapToDouble(value -> Math.max(0, value)).sum();
            if (times.size() - i >= complaints) {
                return times.get(i);
            }
        }
        return zone.lastSeen;
    }

    /** The brand's voices in every cell per window, newest first, and what its baselines expect per window. */
    private record Brandwide(double[] voices, double expected, double shares) {}

    private Brandwide brandwide(BrandZones state, Map<String, CellTally> tallies, long start) {
        double[] voices = new double[settings.longestSpan()];
        tallies.values().forEach(tally -> voices[0] += tally.voices().size());
        state.recent.forEach((key, authors) -> {
            long ago = (start - Long.parseLong(key.substring(0, key.indexOf('/')))) / windowMs;
            if (ago > 0 && ago < voices.length) {
                voices[(int) ago] += authors.length;
            }
        });
        double expected = new TreeMap<>(state.baselines).values().stream().mapToDouble(Double::doubleValue).sum();
        double shares = new TreeMap<>(state.shares).values().stream().mapToDouble(Double::doubleValue).sum();
        return new Brandwide(voices, expected, shares);
    }

    /**
     * The onset of a cell's outage if it is hot at any span, else null. Each span sums the
     * cell's distinct voices of its windows against what the cell expects times the span, times
     * how far the brand's cells beyond its neighbourhood are above theirs: a nationwide outage
     * raises every town alike, which is the spike detector's news, not a zone. An open zone's
     * cells are judged on spans up to {@link ZoneSettings#keepSpan()} only, so that its own
     * voices of the past do not keep it open past the recovery; and no span reaches back
     * before a zone on the cell closed, so an outage's own voices do not open it again once it
     * is over. The window that opened a suspected zone ({@code leftOut}) is left out of its
     * cells' spans, so that a burst of one minute does not confirm the zone it opened in the
     * minutes after (current regime, first mornings: five voices over Rome in one minute, then
     * a few, made a zone alert). The onset is the {@link #changePoint change point} of the
     * cell's rate: the first window of the rise, not the window that made it significant.
     */
    private Long heat(BrandZones state, Brandwide brandwide, Map<String, CellTally> tallies, String cell, long start,
            boolean kept, long leftOut, Set<String> apart) {
        List<String> current = tallies.get(cell).voices();
        if (current.isEmpty()) {
            return null;
        }
        List<String> around = Geohash.neighbourhood(cell);
        double aroundBaseline = around.stream().mapToDouble(c -> state.baselines.getOrDefault(c, 0.0)).sum();
        double share = expectedShare(state, brandwide, cell);
        double usual = Math.max(settings.baselineFloor(), share);
        double expected = kept ? usual : Math.max(settings.baselineFloor(), share * settings.openMargin());
        int floor = kept ? settings.keepVoices() : settings.minVoices();
        double bar = kept ? settings.keepScore() : settings.openScore();
        Set<String> voices = new HashSet<>(current);
        int[] perWindow = new int[settings.longestSpan()];
        double aroundVoices = 0;
        double brandVoices = 0;
        int cellVoices = 0;
        int apartVoices = 0;
        long closed = state.closedAt.getOrDefault(cell, Long.MIN_VALUE);
        int windows = 0;
        int left = 0;
        for (int span : settings.spans()) {
            if (kept && span > settings.keepSpan() || start - (span - 1) * windowMs < closed) {
                break;
            }
            for (; windows < span; windows++) {
                long window = start - windows * windowMs;
                if (window == leftOut) {
                    left++;
                    continue;
                }
                for (String c : around) {
                    Collection<String> theirs = voicesOf(state, tallies, c, window, windows == 0);
                    aroundVoices += theirs.size();
                    if (c.equals(cell)) {
                        cellVoices += theirs.size();
                        perWindow[windows] = theirs.size();
                        voices.addAll(theirs);
                    }
                }
                brandVoices += brandwide.voices()[windows];
                if (apart != null) {
                    for (String c : apart) {
                        apartVoices += voicesOf(state, tallies, c, window, windows == 0).size();
                    }
                }
            }
            double elsewhere = (brandVoices - aroundVoices + BRANDWIDE_PRIOR)
                    / (Math.max(0, brandwide.expected() - aroundBaseline) * (span - left) + BRANDWIDE_PRIOR);
            double score = Surprise.of(voices.size(), expected * (span - left) * Math.max(1, elsewhere));
            if (voices.size() >= floor && score >= bar
                    && (kept || apart == null || outrunsItsShare(state, brandwide, cell, cellVoices, (int) brandVoices - apartVoices))) {
                for (; windows < settings.longestSpan() && start - windows * windowMs >= closed; windows++) {
                    String[] earlier = state.recent.get(recentKey(start - windows * windowMs, cell));
                    perWindow[windows] = earlier == null ? 0 : earlier.length;
                }
                return start - changePoint(perWindow, windows, usual) * windowMs;
            }
        }
        return null;
    }

    /** A cell's voices in a window: this one's tally ({@code now}) or an earlier one's remembered authors. */
    private static Collection<String> voicesOf(BrandZones state, Map<String, CellTally> tallies, String cell, long window,
            boolean now) {
        if (now) {
            CellTally tally = tallies.get(cell);
            return tally == null ? List.of() : tally.voices();
        }
        String[] earlier = state.recent.get(recentKey(window, cell));
        return earlier == null ? List.of() : List.of(earlier);
    }

    /**
     * Whether a cell's voices of a span are more of its brand's voices ({@code total}, the cells
     * hot or in a zone elsewhere left out) than its share of the brand explains, by
     * {@link #SHARE_SURPRISE}. The Poisson test judges a cell against its level times how far the
     * rest of the brand has risen, and that rise is damped by a prior of {@link #BRANDWIDE_PRIOR}
     * voices so that a few voices elsewhere mean nothing; in the first minutes of a nationwide
     * storm the biggest city then looks local (current regime seed 10: five voices over Rome in
     * iliad's first storm minute, three in the rest of Italy). A share needs no such prior: the
     * storm's voices fall on the cities in their usual shares. The share is known from the
     * voices its slow average has learnt, as many windows as it remembers ({@code 2/alpha - 1}, or
     * the windows so far on a first morning), so a brand's first hours ask for more. It only ever
     * vetoes: where even all of the span's voices in the cell would not be surprising (a cell that
     * is most of its brand, or a brand heard a few times so far), it cannot tell a local rise
     * from the brand's, and the Poisson test alone decides.
     */
    private boolean outrunsItsShare(BrandZones state, Brandwide brandwide, String cell, int voices, int total) {
        double remembered = Math.min(state.windows, (2 - settings.shareAlpha()) / settings.shareAlpha());
        double cellSeen = state.shares.getOrDefault(cell, 0.0) * remembered;
        double restSeen = Math.max(0, brandwide.shares() - state.shares.getOrDefault(cell, 0.0)) * remembered;
        int all = Math.max(voices, total);
        return Surprise.ofShare(voices, all, cellSeen, restSeen) >= SHARE_SURPRISE
                || Surprise.ofShare(all, all, cellSeen, restSeen) < SHARE_SURPRISE;
    }

    /**
     * What a cell expects a window now: its share of the brand times the brand's daily shape,
     * the level of its cells beyond the cell's neighbourhood now over their level of the last
     * few hundred windows.
     */
    private static double expectedShare(BrandZones state, Brandwide brandwide, String cell) {
        List<String> around = Geohash.neighbourhood(cell);
        double aroundBaseline = around.stream().mapToDouble(c -> state.baselines.getOrDefault(c, 0.0)).sum();
        double aroundShares = around.stream().mapToDouble(c -> state.shares.getOrDefault(c, 0.0)).sum();
        double shape = (Math.max(0, brandwide.expected() - aroundBaseline) + SHAPE_PRIOR)
                / (Math.max(0, brandwide.shares() - aroundShares) + SHAPE_PRIOR);
        return state.shares.getOrDefault(cell, 0.0) * shape;
    }

    /**
     * Dates the zone, hot in {@code cells} this window, from the change point of their voices
     * summed per window against the sum of what they expect, over the {@link #HISTORY_WINDOWS}
     * windows ending with this one (a cell's windows before a zone on it was resolved count as
     * silent; a dismissed one does not stop it: windtre over Venice, realistic seed 12, was dismissed
     * after its first loud minute and opened again three minutes later, dated from then):
     * its onset moves back to it if it is earlier, so it only ever moves back: each window after
     * the opening one adds to the rise, and the towns a zone grows into add theirs. Each town of a
     * slow outage over several sees too few voices for its own change point to find the first of
     * them; together they do. Detection never reads it, so the zones found, and when, stay as
     * they were.
     */
    private void datePooled(BrandZones state, Zone zone, List<String> cells, Map<String, Double> usual, long start) {
        int[] perWindow = new int[HISTORY_WINDOWS];
        double expected = 0;
        for (String cell : cells) {
            expected += usual.get(cell);
            short[] ring = state.history.get(cell);
            if (ring == null) {
                continue;
            }
            long resolved = state.resolvedAt.getOrDefault(cell, Long.MIN_VALUE);
            for (int w = 0; w < HISTORY_WINDOWS && start - w * windowMs >= resolved; w++) {
                perWindow[w] += ring[slot(start - w * windowMs)];
            }
        }
        long onset = start - changePoint(perWindow, HISTORY_WINDOWS, expected) * windowMs;
        zone.pooledOnset = Math.min(zone.pooledOnset, onset);
    }

    private int slot(long windowStart) {
        return (int) Math.floorMod(Math.floorDiv(windowStart, windowMs), (long) HISTORY_WINDOWS);
    }

    /**
     * How many windows before the newest one a cell's rise began: the most likely change point
     * of a Poisson rate from the baseline to the mean of the windows after it, over the
     * windows the longest span reaches back, whichever span made the cell hot. A zone that
     * took a few minutes of complaints to be sure of is dated from its first one.
     *
     * @param perWindow voices per window, newest first
     * @param windows   how many of them to consider
     */
    static int changePoint(int[] perWindow, int windows, double expected) {
        int best = 0;
        double bestGain = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int w = 0; w < windows; w++) {
            sum += perWindow[w];
            double rate = Math.max(expected, sum / (w + 1));
            double gain = sum * Math.log(rate / expected) - (rate - expected) * (w + 1);
            if (gain > bestGain) {
                bestGain = gain;
                best = w;
            }
        }
        // the rise begins with a voice, not with the silent windows before it
        while (best > 0 && perWindow[best] == 0) {
            best--;
        }
        return best;
    }

    /**
     * Whether the voices heard since the zone was last hot are still likely under the zone's own
     * rate (its voices above baseline while it was hot, plus its cells' baselines): an outage that
     * brings one located complaint every few minutes is not over after one silent minute, a loud
     * one is; and a slow one whose minutes each bring a voice or two, too few to be hot, is not
     * over at all. Counted as silence, those minutes closed a 150-minute outage over Naples after
     * 50 minutes, and the zone that opened again there could not be dated before it.
     */
    private boolean stillLikely(BrandZones state, Zone zone, long end) {
        // summed in window order: the same on a replay as after a restore, to the last bit
        TreeMap<Long, Double> excess = new TreeMap<>(zone.excess);
        double rate = excess.headMap(zone.lastSeen).values().stream()
                .mapToDouble(value -> Math.max(0, value)).average().orElse(0);
        double baseline = zone.cells.stream().mapToDouble(cell -> state.baselines.getOrDefault(cell, 0.0)).sum();
        long since = (end - zone.lastSeen) / windowMs;
        double above = excess.tailMap(zone.lastSeen).values().stream().mapToDouble(Double::doubleValue).sum();
        return stillDown(rate, baseline, since, Math.max(0, Math.round(above + baseline * since)));
    }

    /**
     * Whether {@code heard} voices in {@code windows} windows are still likely ({@link #SILENCE_CHANCE})
     * for a zone whose outage brings {@code rate} voices a window above its cells' {@code baseline}.
     */
    static boolean stillDown(double rate, double baseline, long windows, long heard) {
        double atMost = 1 - Math.pow(10, -Surprise.of((int) Math.min(heard + 1, Integer.MAX_VALUE), (rate + baseline) * windows));
        return atMost >= SILENCE_CHANCE;
    }

    /**
     * Keeps this window's voices per cell for the spans of the windows to come, and their
     * number in each cell's history; a cell whose history is all silence leaves it.
     */
    private void remember(BrandZones state, Map<String, CellTally> tallies, long start) {
        long oldest = start - (settings.longestSpan() - 2L) * windowMs;
        state.recent.keySet().removeIf(key -> Long.parseLong(key.substring(0, key.indexOf('/'))) < oldest);
        state.closedAt.values().removeIf(end -> end <= start - (HISTORY_WINDOWS - 1L) * windowMs);
        state.resolvedAt.values().removeIf(end -> end <= start - (HISTORY_WINDOWS - 1L) * windowMs);
        if (settings.longestSpan() > 1) {
            tallies.forEach((cell, tally) -> {
                if (!tally.voices().isEmpty()) {
                    state.recent.put(recentKey(start, cell), tally.voices().toArray(String[]::new));
                }
            });
        }
        // the windows since the last judged one had no post: silent in every cell
        long skipped = state.judgedUpTo == Long.MIN_VALUE ? 0
                : Math.min(HISTORY_WINDOWS, Math.max(0, (start - state.judgedUpTo) / windowMs));
        state.history.values().removeIf(ring -> {
            for (long w = 1; w <= skipped; w++) {
                ring[slot(start - w * windowMs)] = 0;
            }
            ring[slot(start)] = 0;
            for (short voices : ring) {
                if (voices != 0) {
                    return false;
                }
            }
            return true;
        });
        tallies.forEach((cell, tally) -> {
            if (!tally.voices().isEmpty()) {
                state.history.computeIfAbsent(cell, c -> new short[HISTORY_WINDOWS])[slot(start)] =
                        (short) Math.min(Short.MAX_VALUE, tally.voices().size());
            }
        });
    }

    private static String recentKey(long windowStart, String cell) {
        return windowStart + "/" + cell;
    }

    /**
     * The zone's voices above its cells' baselines in the windows from its onset to the one
     * that opened it: a zone that a span of 30 windows opened has the rate of those windows,
     * not of the one that tipped the span. Judged by the latter alone, the slow outage it found
     * seemed over after a few quiet minutes, and the zone that opened again half an hour later
     * could not be dated before the first one closed (tim over Venice, realistic seed 13).
     */
    private void recordRise(BrandZones state, Zone zone, List<String> cells, long until) {
        double expected = cells.stream().mapToDouble(cell -> state.baselines.getOrDefault(cell, 0.0)).sum();
        for (long window = zone.onset; window < until; window += windowMs) {
            Set<String> voices = new HashSet<>();
            for (String cell : cells) {
                String[] earlier = state.recent.get(recentKey(window, cell));
                if (earlier != null) {
                    voices.addAll(List.of(earlier));
                }
            }
            zone.excess.put(window, voices.size() - expected);
        }
    }

    /** The zone's voices above its cells' baselines in this window, for its recovery time. */
    private void recordExcess(BrandZones state, Zone zone, Map<String, CellTally> tallies, long start) {
        Set<String> voices = new HashSet<>();
        double expected = 0;
        for (String cell : zone.cells) {
            CellTally tally = tallies.get(cell);
            if (tally != null) {
                voices.addAll(tally.voices());
            }
            expected += state.baselines.getOrDefault(cell, 0.0);
        }
        zone.excess.put(start, voices.size() - expected);
        while (zone.excess.size() > MAX_EXCESS_WINDOWS) {
            zone.excess.remove(Collections.min(zone.excess.keySet()));
        }
    }

    private void learn(BrandZones state, Map<String, CellTally> tallies, Set<String> hotCells) {
        // while warming up the baseline is the plain mean of the windows so far
        double a = Math.max(settings.baselineAlpha(), 1.0 / (state.windows + 1));
        double s = Math.max(settings.shareAlpha(), 1.0 / (state.windows + 1));
        Set<String> cells = new HashSet<>(state.baselines.keySet());
        cells.addAll(state.shares.keySet());
        cells.addAll(tallies.keySet());
        for (String cell : cells) {
            if (hotCells.contains(cell)) {
                // an outage, while its zone is open, is not what a cell normally sees
                continue;
            }
            CellTally tally = tallies.get(cell);
            double value = (1 - a) * state.baselines.getOrDefault(cell, 0.0) + a * (tally == null ? 0 : tally.voices().size());
            if (value < 0.01) {
                state.baselines.remove(cell);
            } else {
                state.baselines.put(cell, value);
            }
            double share = (1 - s) * state.shares.getOrDefault(cell, 0.0) + s * (tally == null ? 0 : tally.voices().size());
            if (share < LEAST_SHARE) {
                state.shares.remove(cell);
            } else {
                state.shares.put(cell, share);
            }
        }
    }

    private void decay(BrandZones state, long windows) {
        double factor = fade(state.windows, windows, settings.baselineAlpha());
        state.baselines.replaceAll((cell, value) -> value * factor);
        state.baselines.values().removeIf(value -> value < 0.01);
        double shareFactor = fade(state.windows, windows, settings.shareAlpha());
        state.shares.replaceAll((cell, value) -> value * shareFactor);
        state.shares.values().removeIf(value -> value < LEAST_SHARE);
    }

    /**
     * What {@code skipped} windows without a post do to an average that has learnt {@code windows}
     * windows: the weights {@link #learn} gives them, the plain mean of the windows so far and then
     * the EWMA. Faded by the EWMA alone, a brand whose first posts come minutes apart kept the weight
     * of its first voices: a town that had one complaint in a brand's second minute expected half a
     * voice a minute an hour later, and an outage there of six a minute was missed (fastweb over
     * Naples, current regime seed 9).
     */
    static double fade(long windows, long skipped, double alpha) {
        double factor = 1;
        long window = windows;
        for (; window < windows + skipped && 1.0 / (window + 1) > alpha; window++) {
            factor *= window / (window + 1.0);
        }
        return factor * Math.pow(1 - alpha, windows + skipped - window);
    }

    private Zone newZone(String brand, List<String> component, Map<String, CellTally> tallies, long start, long onset) {
        double lat = 0;
        double lon = 0;
        double weight = 0;
        for (String cell : component) {
            CellTally tally = tallies.get(cell);
            lat += tally.sumLat();
            lon += tally.sumLon();
            weight += tally.sumWeight();
        }
        String cell = weight > 0 ? Geohash.encode(lat / weight, lon / weight, settings.precision()) : component.get(0);
        Zone zone = new Zone();
        zone.id = ZoneEvent.id(brand, cell, start);
        zone.brand = brand;
        zone.onset = onset;
        return zone;
    }

    private void hotWindow(Zone zone, List<String> component, Map<String, CellTally> tallies, long start, long end) {
        zone.cells = new ArrayList<>(component);
        Set<String> voices = new HashSet<>();
        List<ZoneExample> examples = new ArrayList<>(zone.examples);
        for (String cell : component) {
            CellTally tally = tallies.get(cell);
            voices.addAll(tally.voices());
            zone.posts += tally.posts();
            zone.sumLat += tally.sumLat();
            zone.sumLon += tally.sumLon();
            zone.sumWeight += tally.sumWeight();
            tally.authors().forEach((author, posts) -> {
                if (zone.authors.size() < MAX_TRACKED_AUTHORS || zone.authors.containsKey(author)) {
                    zone.authors.merge(author, posts, Long::sum);
                }
            });
            tally.towns().forEach((name, posts) -> zone.towns.merge(name, posts, Long::sum));
            tally.provinces().forEach((name, posts) -> zone.provinces.merge(name, posts, Long::sum));
            tally.regions().forEach((name, posts) -> zone.regions.merge(name, posts, Long::sum));
            tally.sources().forEach((name, posts) -> zone.sources.merge(name, posts, Long::sum));
            examples.addAll(tally.examples());
        }
        zone.examples = ZoneExample.best(examples);
        zone.voices = voices.size();
        if (zone.voices > zone.peakVoices) {
            zone.peakVoices = zone.voices;
            zone.peakAt = start;
        }
        zone.hotWindows++;
        zone.quietWindows = 0;
        zone.lastSeen = end;
    }

    private void mergeInto(Zone owner, Zone other, long end, Collector<ZoneEvent> out) {
        owner.posts += other.posts;
        owner.sumLat += other.sumLat;
        owner.sumLon += other.sumLon;
        owner.sumWeight += other.sumWeight;
        other.authors.forEach((a, n) -> owner.authors.merge(a, n, Long::sum));
        other.restoredAuthors.forEach((a, t) -> owner.restoredAuthors.merge(a, t, Math::min));
        owner.restoredRetweets += other.restoredRetweets;
        other.towns.forEach((k, n) -> owner.towns.merge(k, n, Long::sum));
        other.provinces.forEach((k, n) -> owner.provinces.merge(k, n, Long::sum));
        other.regions.forEach((k, n) -> owner.regions.merge(k, n, Long::sum));
        other.sources.forEach((k, n) -> owner.sources.merge(k, n, Long::sum));
        List<ZoneExample> examples = new ArrayList<>(owner.examples);
        examples.addAll(other.examples);
        owner.examples = ZoneExample.best(examples);
        owner.cells.addAll(other.cells);
        if (Zone.CONFIRMED.equals(other.status)) {
            owner.status = Zone.CONFIRMED;
        }
        if (other.confirmedAt >= 0) {
            owner.confirmedAt = owner.confirmedAt >= 0 ? Math.min(owner.confirmedAt, other.confirmedAt) : other.confirmedAt;
        }
        other.status = Zone.RESOLVED;
        other.resolvedAt = end;
        other.mergedInto = owner.id;
        out.collect(event(other, "merge", end, owner.id));
    }

    private static int voices(List<String> component, Map<String, CellTally> tallies) {
        Set<String> voices = new HashSet<>();
        component.forEach(cell -> voices.addAll(tallies.get(cell).voices()));
        return voices.size();
    }

    private static boolean touches(List<String> cells, List<String> component) {
        for (String a : cells) {
            for (String b : component) {
                if (Geohash.adjacent(a, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Connected groups of touching cells, each sorted, in the order of their first cell. */
    static List<List<String>> components(List<String> cells) {
        List<String> sorted = new ArrayList<>(cells);
        sorted.sort(null);
        Set<String> seen = new HashSet<>();
        List<List<String>> components = new ArrayList<>();
        for (String first : sorted) {
            if (!seen.add(first)) {
                continue;
            }
            List<String> component = new ArrayList<>(List.of(first));
            for (int i = 0; i < component.size(); i++) {
                for (String other : sorted) {
                    if (!seen.contains(other) && Geohash.adjacent(component.get(i), other)) {
                        seen.add(other);
                        component.add(other);
                    }
                }
            }
            component.sort(null);
            components.add(component);
        }
        return components;
    }

    private static ZoneEvent event(Zone zone, String event, long end, String related) {
        double minLat = 90, minLon = 180, maxLat = -90, maxLon = -180;
        for (String cell : zone.cells) {
            double[] b = Geohash.bounds(cell);
            minLat = Math.min(minLat, b[0]);
            minLon = Math.min(minLon, b[1]);
            maxLat = Math.max(maxLat, b[2]);
            maxLon = Math.max(maxLon, b[3]);
        }
        List<String> cells = new ArrayList<>(new java.util.TreeSet<>(zone.cells));
        ZoneEvent e = new ZoneEvent(zone.id, event, zone.sequence, zone.status, zone.brand,
                round(zone.sumWeight > 0 ? zone.sumLat / zone.sumWeight : Geohash.centre(cells.get(0)).lat()),
                round(zone.sumWeight > 0 ? zone.sumLon / zone.sumWeight : Geohash.centre(cells.get(0)).lon()),
                List.of(round(minLat), round(minLon), round(maxLat), round(maxLon)), cells,
                zone.statedOnset(), zone.lastSeen, zone.peakAt, zone.peakVoices, zone.voices, zone.posts, zone.authors.size(),
                zone.restoredAuthors.size(), zone.restoredRetweets, zone.confirmedAt, zone.recoveryAt, zone.resolvedAt, end,
                zone.posts == 0 ? 0 : Math.round(zone.sumWeight / zone.posts * 100) / 100.0,
                top(zone.towns), top(zone.provinces), top(zone.regions),
                zone.sources.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(s -> s.getKey() + ':' + s.getValue()).toList(),
                related != null ? related : zone.splitFrom, null,
                zone.examples.stream().map(ZoneExample::post).toList());
        zone.sequence++;
        return e;
    }

    private static List<String> top(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).map(Map.Entry::getKey).toList();
    }

    private static double round(double degrees) {
        return Math.round(degrees * 10_000) / 10_000.0;
    }
}
