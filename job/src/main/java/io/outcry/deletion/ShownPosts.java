package io.outcry.deletion;

import io.outcry.post.Deletion;
import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Where each post is shown, keyed by post id, so that a deletion reaches exactly the targets
 * that show the post: the window documents whose examples name it, the brands whose care cases
 * hold it, the alerts and the zones whose examples name it. A post shown after its deletion (a late window
 * revision, a deletion that overtook its post) is removed at once.
 *
 * <p>A post id is remembered until the watermark passes the latest time it was shown or
 * deleted plus the horizon; a deletion after that finds nothing to remove, and what was indexed
 * stays (docs/ingest.md). Keyed by id alone, as examples and cases name posts: ids of two
 * platforms that happen to be equal are deleted together.
 */
public class ShownPosts extends KeyedCoProcessFunction<String, Shown, Deletion, Removal> {

    private static final long serialVersionUID = 1L;

    private final long horizonMillis;
    private transient ValueState<String[]> targets;
    private transient ValueState<Long> deletedAt;
    private transient ValueState<Long> forgetAt;
    private transient Counter deletions;
    private transient Counter removals;

    public ShownPosts(Duration horizon) {
        this.horizonMillis = horizon.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        targets = getRuntimeContext().getState(new ValueStateDescriptor<>("shown-in", Types.OBJECT_ARRAY(Types.STRING)));
        deletedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("deleted-at", Types.LONG));
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
        deletions = getRuntimeContext().getMetricGroup().counter("postsDeleted");
        removals = getRuntimeContext().getMetricGroup().counter("deletedPostsRemoved");
    }

    @Override
    public void processElement1(Shown shown, Context ctx, Collector<Removal> out) throws Exception {
        Long deleted = deletedAt.value();
        if (deleted != null) {
            removals.inc();
            out.collect(new Removal(shown.target(), shown.postId(), Math.max(deleted, shown.time())));
        } else {
            String[] known = targets.value();
            if (known == null) {
                targets.update(new String[] {shown.target()});
            } else if (!Arrays.asList(known).contains(shown.target())) {
                String[] more = Arrays.copyOf(known, known.length + 1);
                more[known.length] = shown.target();
                targets.update(more);
            }
        }
        ForgetTimer.extend(forgetAt, ctx.timerService(), shown.time() + horizonMillis);
    }

    @Override
    public void processElement2(Deletion deletion, Context ctx, Collector<Removal> out) throws Exception {
        if (deletedAt.value() != null) {
            return;
        }
        deletions.inc();
        long at = ctx.timestamp();
        deletedAt.update(at);
        String[] known = targets.value();
        if (known != null) {
            for (String target : known) {
                removals.inc();
                out.collect(new Removal(target, deletion.postId(), at));
            }
            targets.clear();
        }
        ForgetTimer.extend(forgetAt, ctx.timerService(), at + horizonMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Removal> out) throws Exception {
        if (ForgetTimer.due(forgetAt, timestamp)) {
            targets.clear();
            deletedAt.clear();
            forgetAt.clear();
        }
    }

}
