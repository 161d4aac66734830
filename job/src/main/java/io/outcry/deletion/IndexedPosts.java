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
 * Stands before the posts index, keyed by post id: passes each post on, or its deletion when it
 * is already deleted (a replay's earlier run may have indexed it), and when a post it passed is
 * deleted, sends its deletion. A post and its deletion leave from
 * one subtask, in that order, so the sink never indexes a deleted post again after deleting it,
 * as it could if they came by two paths.
 *
 * <p>A post id is remembered until the watermark passes its post's or deletion's time plus the
 * horizon; a deletion after that leaves the post in the index (docs/ingest.md). Keyed by id alone,
 * as deletions name posts.
 */
public class IndexedPosts extends KeyedCoProcessFunction<String, PostEntry, Deletion, PostEntry> {

    private static final long serialVersionUID = 1L;

    private final long horizonMillis;
    private transient ValueState<PostEntry> indexed;
    private transient ValueState<Boolean> deleted;
    private transient ValueState<Long> forgetAt;

    public IndexedPosts(Duration horizon) {
        this.horizonMillis = horizon.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        indexed = getRuntimeContext().getState(new ValueStateDescriptor<>("indexed", PostEntry.class));
        deleted = getRuntimeContext().getState(new ValueStateDescriptor<>("deleted", Types.BOOLEAN));
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
    }

    @Override
    public void processElement1(PostEntry post, Context ctx, Collector<PostEntry> out) throws Exception {
        if (deleted.value() != null) {
            // An earlier run may have indexed it before its deletion was known.
            out.collect(PostEntry.deleted(post.key(), post.createdAt()));
            return;
        }
        // Only what its deletion needs: the document's id and day.
        indexed.update(PostEntry.deleted(post.key(), post.createdAt()));
        out.collect(post);
        ForgetTimer.extend(forgetAt, ctx.timerService(), post.createdAt() + horizonMillis);
    }

    @Override
    public void processElement2(Deletion deletion, Context ctx, Collector<PostEntry> out) throws Exception {
        if (deleted.value() != null) {
            return;
        }
        deleted.update(true);
        PostEntry post = indexed.value();
        if (post != null) {
            out.collect(post);
            indexed.clear();
        }
        ForgetTimer.extend(forgetAt, ctx.timerService(), ctx.timestamp() + horizonMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PostEntry> out) throws Exception {
        if (ForgetTimer.due(forgetAt, timestamp)) {
            indexed.clear();
            deleted.clear();
            forgetAt.clear();
        }
    }
}
