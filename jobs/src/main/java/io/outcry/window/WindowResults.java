package io.outcry.window;

import io.outcry.enrich.Region;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Adds the key, the window bounds and the revision to a window's counts.
 *
 * <p>The revision counts this window's earlier firings, kept in per-window state: the
 * on-time firing is 0 and every late post within the allowed lateness fires an update with
 * the next number. It comes from state, not from a clock, so a replay numbers alike.
 */
public class WindowResults extends ProcessWindowFunction<WindowCounts, WindowResult, WindowKey, TimeWindow> {

    private static final long serialVersionUID = 1L;
    private static final ValueStateDescriptor<Integer> FIRINGS = new ValueStateDescriptor<>("firings", Types.INT);

    @Override
    public void process(WindowKey key, Context context, Iterable<WindowCounts> elements, Collector<WindowResult> out)
            throws Exception {
        ValueState<Integer> firings = context.windowState().getState(FIRINGS);
        int revision = firings.value() == null ? 0 : firings.value();
        firings.update(revision + 1);
        for (WindowCounts counts : elements) {
            out.collect(result(key, context.window(), counts, revision));
        }
    }

    @Override
    public void clear(Context context) {
        context.windowState().getState(FIRINGS).clear();
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
                counts.examplePostIds(),
                counts.languages(),
                counts.intents(),
                counts.locationSources(),
                counts.evidence(),
                revision);
    }
}
