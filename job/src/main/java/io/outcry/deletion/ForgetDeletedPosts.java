package io.outcry.deletion;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Stands before the sinks of documents that show posts (window results, alerts), keyed by the
 * document's key: passes each document on without the posts deleted so far, and when a post it
 * showed is deleted later, sends its latest document again without it, so that an index, which
 * keeps one document per key, stops showing it. Corrections follow the documents on the same
 * output, so one sink receives them in order; a topic or a chat webhook must not hear an event
 * twice and reads {@link #withoutCorrections()}.
 *
 * <p>The latest document of a key is kept until the watermark passes its time plus the horizon;
 * a deletion after that leaves the indexed document as it is.
 */
public class ForgetDeletedPosts<T> extends KeyedCoProcessFunction<String, T, Removal, T> {

    private static final long serialVersionUID = 1L;

    private final ShowsPosts<T> documents;
    private final TypeInformation<T> type;
    private final long horizonMillis;
    private final OutputTag<T> withoutCorrections;
    private transient ValueState<T> latest;
    private transient ValueState<String[]> deleted;
    private transient ValueState<Long> forgetAt;

    public ForgetDeletedPosts(ShowsPosts<T> documents, TypeInformation<T> type, Duration horizon) {
        this.documents = documents;
        this.type = type;
        this.horizonMillis = horizon.toMillis();
        this.withoutCorrections = new OutputTag<>("without-corrections", type);
    }

    /** Each document once, as it first passed: the main output without the corrections. */
    public OutputTag<T> withoutCorrections() {
        return withoutCorrections;
    }

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", type));
        deleted = getRuntimeContext().getState(new ValueStateDescriptor<>("deleted", Types.OBJECT_ARRAY(Types.STRING)));
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
    }

    @Override
    public void processElement1(T document, Context ctx, Collector<T> out) throws Exception {
        String[] gone = deleted.value();
        T shown = gone == null ? document : strip(document, Set.of(gone));
        latest.update(shown);
        ForgetTimer.extend(forgetAt, ctx.timerService(), documents.time(document) + horizonMillis);
        out.collect(shown);
        ctx.output(withoutCorrections, shown);
    }

    @Override
    public void processElement2(Removal removal, Context ctx, Collector<T> out) throws Exception {
        String[] gone = deleted.value();
        if (gone != null && Arrays.asList(gone).contains(removal.postId())) {
            return;
        }
        String[] more = gone == null ? new String[1] : Arrays.copyOf(gone, gone.length + 1);
        more[more.length - 1] = removal.postId();
        deleted.update(more);
        ForgetTimer.extend(forgetAt, ctx.timerService(), removal.time() + horizonMillis);
        T current = latest.value();
        if (current != null && documents.postIds(current).contains(removal.postId())) {
            T without = documents.without(current, Set.of(removal.postId()));
            latest.update(without);
            out.collect(without);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        if (ForgetTimer.due(forgetAt, timestamp)) {
            latest.clear();
            deleted.clear();
            forgetAt.clear();
        }
    }

    private T strip(T document, Set<String> gone) {
        List<String> ids = documents.postIds(document);
        Set<String> shown = new HashSet<>(ids);
        shown.retainAll(gone);
        return shown.isEmpty() ? document : documents.without(document, shown);
    }
}
