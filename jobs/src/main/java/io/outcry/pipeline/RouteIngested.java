package io.outcry.pipeline;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.kafka.Ingested;
import io.outcry.post.Post;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Parsed posts go on; records the source could not parse go to {@link #DEAD_LETTERS}. */
public class RouteIngested extends ProcessFunction<Ingested<Post>, Post> {

    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("ingest-dead-letters", TypeInformation.of(DeadLetter.class));

    private transient Counter postsIngested;
    private transient Counter recordsDeadLettered;

    @Override
    public void open(OpenContext openContext) {
        postsIngested = getRuntimeContext().getMetricGroup().counter("postsIngested");
        recordsDeadLettered = getRuntimeContext().getMetricGroup().counter("recordsDeadLettered");
    }

    @Override
    public void processElement(Ingested<Post> record, Context ctx, Collector<Post> out) {
        if (record.isOk()) {
            postsIngested.inc();
            out.collect(record.value);
        } else {
            recordsDeadLettered.inc();
            ctx.output(DEAD_LETTERS, record.deadLetter);
        }
    }
}
