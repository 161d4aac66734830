package io.outcry.deletion;

import io.outcry.index.PostEntry;
import io.outcry.post.Deletion;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Stands before the posts index, keyed by post id: passes each post (or cited post) on, and a deletion on as the
 * removal of its post from every daily index the post can be in (a post is in the index of its
 * own day, which lies within the horizon before its deletion: one or two days). A post that
 * comes after its deletion goes as its removal instead, since a replay's earlier run may have
 * indexed it. A post and its deletion leave from one subtask, in their order, so the sink never
 * indexes a deleted post again after deleting it, as it could if they came by two paths.
 *
 * <p>Only deletions are remembered, until the watermark passes them plus the horizon: the state
 * grows with what people delete, not with what the index holds. A deletion more than the
 * horizon after its post leaves it in the index (docs/posts.md).
 */
public class IndexedPosts extends KeyedCoProcessFunction<String, PostEntry, Deletion, PostEntry> {

    private static final long serialVersionUID = 1L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final long horizonMillis;
    private transient ValueState<Boolean> deleted;
    private transient ValueState<Long> forgetAt;

    public IndexedPosts(Duration horizon) {
        this.horizonMillis = horizon.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        deleted = getRuntimeContext().getState(new ValueStateDescriptor<>("deleted", Types.BOOLEAN));
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
    }

    @Override
    public void processElement1(PostEntry post, Context ctx, Collector<PostEntry> out) throws Exception {
        out.collect(deleted.value() == null ? post : PostEntry.deleted(post.key(), post.postId(), post.createdAt()));
    }

    @Override
    public void processElement2(Deletion deletion, Context ctx, Collector<PostEntry> out) throws Exception {
        if (deleted.value() != null) {
            return;
        }
        deleted.update(true);
        long at = ctx.timestamp();
        String key = deletion.key();
        // One removal per day from the horizon before the deletion to the deletion's own day.
        for (long day = Math.floorDiv(at - horizonMillis, DAY) * DAY; day <= at; day += DAY) {
            out.collect(PostEntry.deleted(key, deletion.postId(), day));
        }
        ForgetTimer.extend(forgetAt, ctx.timerService(), at + horizonMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PostEntry> out) throws Exception {
        if (ForgetTimer.due(forgetAt, timestamp)) {
            deleted.clear();
            forgetAt.clear();
        }
    }
}
