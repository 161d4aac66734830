package io.outcry.window;

import io.outcry.locate.Region;
import io.outcry.post.CitedPost;
import io.outcry.post.Post;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Adds the key, the window bounds and the revision to a window's counts.
 *
 * <p>Revision 0 holds the window's on-time posts only, and comes at its first firing (when
 * the watermark passes its end, or with its first post if every post came late): that is
 * what the spike detector judges, the same on every replay. Every later result holds all
 * posts, late ones included; the first firing adds one (revision 1) when late posts were
 * already there, and each late post within the allowed lateness fires the next. A window
 * whose posts all came late has no revision 0. Firings are counted in per-window state, not
 * by a clock, so a replay numbers alike as far as the late posts arrive alike.
 */
public class WindowResults extends ProcessWindowFunction<WindowFiring, WindowResult, WindowKey, TimeWindow> {

    private static final long serialVersionUID = 1L;
    private static final ValueStateDescriptor<Integer> NEXT_REVISION = new ValueStateDescriptor<>("next-revision", Types.INT);

    @Override
    public void process(WindowKey key, Context context, Iterable<WindowFiring> elements, Collector<WindowResult> out)
            throws Exception {
        ValueState<Integer> next = context.windowState().getState(NEXT_REVISION);
        // read once: on RocksDB every read deserializes
        Integer stored = next.value();
        boolean first = stored == null;
        int revision = first ? 1 : stored;
        for (WindowFiring firing : elements) {
            if (!first) {
                out.collect(result(key, context.window(), firing.all(), revision++));
                continue;
            }
            if (firing.onTime().posts() > 0) {
                out.collect(result(key, context.window(), firing.onTime(), 0));
            }
            if (firing.withLate() != null) {
                out.collect(result(key, context.window(), firing.withLate(), revision++));
            }
        }
        next.update(revision);
    }

    @Override
    public void clear(Context context) {
        context.windowState().getState(NEXT_REVISION).clear();
    }

    static WindowResult result(WindowKey key, TimeWindow window, WindowCounts counts, int revision) {
        Region region = counts.region() == null ? Region.UNKNOWN : counts.region();
        return new WindowResult(
                key.brand(),
                key.regionCode(),
                region.name(),
                region.countryCode(),
                region.centre(),
                key.topic(),
                window.getStart(),
                window.getEnd(),
                counts.posts(),
                counts.complaints(),
                counts.uniqueAuthors(),
                counts.uniqueComplainingAuthors(),
                counts.retweets(),
                counts.replies(),
                counts.reach(),
                counts.posts() == 0 ? 0.0 : (double) counts.negatives() / counts.posts(),
                cited(counts.examples(), key, region, window.getStart()),
                counts.languages(),
                counts.intents(),
                counts.locationSources(),
                counts.evidence(),
                revision);
    }

    /** The examples as an alert cites them, each with this window's key. */
    private static List<CitedPost> cited(List<ExamplePost> examples, WindowKey key, Region region, long windowStart) {
        List<CitedPost> cited = new ArrayList<>(examples.size());
        for (ExamplePost e : examples) {
            cited.add(new CitedPost(e.postId(), e.platform(), e.createdAt(), e.followers(), e.complaint(), e.text(),
                    e.platform() == null ? null : Post.permalink(e.platform(), null, e.postId(), e.url()), key.regionCode(), region.name(), key.topic(),
                    windowStart));
        }
        return cited;
    }
}
