package io.outcry.zone;

import io.outcry.state.BufferedType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The zones' first stage, keyed by brand and geohash cell ({@link #key}): it keeps each window's
 * outage and "it works again" posts of its cell until the watermark passes the window's end, then
 * sends the {@link ZoneDetector} their {@link CellTally}. So the work per post spreads over the
 * task slots, whatever share of the traffic one brand has, and the detector, which must see a
 * whole brand at once to tell a town's outage from a nationwide one, reads one record per cell
 * and window.
 *
 * <p>Text is held sparingly: of a window's posts, at most {@link ZoneExample#MAX} keep their text
 * and link, the best by {@link ZoneExample#RANKING} whatever order they come in; the others wait
 * without them. A post for a window whose end the watermark has passed is counted
 * ({@code zonePostsTooLate}) and left out, so a window is tallied once.
 */
public class ZoneCells extends KeyedProcessFunction<String, ZonePost, CellTally> {

    private static final long serialVersionUID = 1L;
    /** In post order, not arrival order: a centre summed in another order can round to another cell. */
    private static final Comparator<ZonePost> POST_ORDER = Comparator.comparingLong(ZonePost::createdAt)
            .thenComparing(ZonePost::postId).thenComparing(ZonePost::restored);

    private final ZoneSettings settings;
    private final long windowMs;

    private transient MapState<Long, List<ZonePost>> pending;
    private transient Counter tooLate;

    public ZoneCells(ZoneSettings settings) {
        this.settings = settings;
        this.windowMs = settings.window().toMillis();
    }

    /** The key of this stage: the post's brand and its cell at the zones' precision. */
    public static KeySelector<ZonePost, String> key(ZoneSettings settings) {
        int precision = settings.precision();
        return post -> post.brand() + '|' + Geohash.encode(post.lat(), post.lon(), precision);
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                BufferedType.of(Types.LIST(TypeInformation.of(ZonePost.class)))));
        tooLate = getRuntimeContext().getMetricGroup().counter("zonePostsTooLate");
    }

    @Override
    public void processElement(ZonePost post, Context ctx, Collector<CellTally> out) throws Exception {
        long start = post.createdAt() - Math.floorMod(post.createdAt(), windowMs);
        if (start + windowMs - 1 <= ctx.timerService().currentWatermark()) {
            tooLate.inc();
            return;
        }
        List<ZonePost> posts = pending.get(start);
        if (posts == null) {
            posts = new ArrayList<>();
        }
        posts.add(keepText(posts, post));
        pending.put(start, posts);
        ctx.timerService().registerEventTimeTimer(start + windowMs - 1);
    }

    /**
     * The post as the window keeps it: with its text and link only while it is among the
     * {@link ZoneExample#MAX} best of the window's posts, so that a loud window holds a few texts,
     * not one per post. The post it pushes out of those loses its text.
     */
    static ZonePost keepText(List<ZonePost> posts, ZonePost post) {
        ZoneExample example = post.asExample();
        if (example == null) {
            return post;
        }
        int worst = -1;
        int kept = 0;
        for (int i = 0; i < posts.size(); i++) {
            ZonePost other = posts.get(i);
            if (other.example() != null) {
                kept++;
                if (worst < 0 || ZoneExample.RANKING.compare(other.asExample(), posts.get(worst).asExample()) > 0) {
                    worst = i;
                }
            }
        }
        if (kept < ZoneExample.MAX) {
            return post;
        }
        if (ZoneExample.RANKING.compare(example, posts.get(worst).asExample()) < 0) {
            posts.set(worst, posts.get(worst).withoutExample());
            return post;
        }
        return post.withoutExample();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CellTally> out) throws Exception {
        long start = timestamp + 1 - windowMs;
        List<ZonePost> posts = pending.get(start);
        if (posts == null) {
            return;
        }
        pending.remove(start);
        // the key names the cell: no post's cell is worked out again
        String key = ctx.getCurrentKey();
        out.collect(tally(posts.get(0).brand(), key.substring(key.lastIndexOf('|') + 1), start, posts));
    }

    /** One window's posts tallied per cell, whatever order they came in. */
    static Map<String, CellTally> tallies(List<ZonePost> posts, long start, int precision) {
        Map<String, List<ZonePost>> byCell = new TreeMap<>();
        for (ZonePost post : posts) {
            byCell.computeIfAbsent(Geohash.encode(post.lat(), post.lon(), precision), cell -> new ArrayList<>()).add(post);
        }
        Map<String, CellTally> tallies = new TreeMap<>();
        byCell.forEach((cell, ofCell) -> tallies.put(cell, tally(ofCell.get(0).brand(), cell, start, ofCell)));
        return tallies;
    }

    private static CellTally tally(String brand, String cell, long start, List<ZonePost> posts) {
        List<ZonePost> sorted = new ArrayList<>(posts);
        sorted.sort(POST_ORDER);
        return CellTally.of(brand, cell, start, sorted);
    }
}
