package io.outcry.pipeline;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.kafka.Ingested;
import io.outcry.post.Post;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parsed posts go on; records the source could not parse go to {@link #DEAD_LETTERS}. The
 * source counts both ({@code recordsIngested}, {@code recordsDeadLettered}), so this does not.
 */
public class RouteIngested extends ProcessFunction<Ingested<Post>, Post> {

    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("ingest-dead-letters", TypeInformation.of(DeadLetter.class));

    @Override
    public void processElement(Ingested<Post> record, Context ctx, Collector<Post> out) {
        if (record.isOk()) {
            out.collect(record.value);
        } else {
            ctx.output(DEAD_LETTERS, record.deadLetter);
        }
    }
}
