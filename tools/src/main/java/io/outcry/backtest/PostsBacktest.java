package io.outcry.backtest;

import io.outcry.detect.AlertEvent;
import io.outcry.pipeline.CollectingSink;
import io.outcry.pipeline.JobOptions;
import io.outcry.pipeline.OutcryJob;
import io.outcry.zone.ZoneEvent;
import io.outcry.zone.ZoneSettings;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Replays a post file through the whole Outcry job on a local MiniCluster and returns every
 * alert event it emitted: the detectors are judged on exactly what production would see,
 * enrichment, windows, lateness and all, and with the zones on, on every alert it raises. The
 * events are those an index receives: an event sent again when the brand spoke up after it
 * comes twice, with the same sequence.
 */
public final class PostsBacktest {

    private final JobOptions options;
    private final int parallelism;
    private final boolean zones;

    /** @param zones whether the outage zones run too, as in the job by default, and their alerts count */
    public PostsBacktest(JobOptions options, int parallelism, boolean zones) {
        this.options = options;
        this.parallelism = parallelism;
        this.zones = zones;
    }

    public List<AlertEvent> run(Path posts) throws Exception {
        CollectingSink<AlertEvent> alerts = new CollectingSink<>();
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(parallelism);
            List<OutcryJob.Destination<ZoneEvent>> zoneEvents = zones
                    ? List.of(OutcryJob.Destination.of("backtest-zones", new DiscardingSink<>())) : List.of();
            new OutcryJob(options, NdjsonPosts.source(posts), new DiscardingSink<>(), new DiscardingSink<>(),
                    List.of(OutcryJob.Destination.index("backtest", alerts)), zoneEvents, ZoneSettings.defaults()).build(env);
            env.execute("outcry-backtest " + posts.getFileName());
            return alerts.received();
        } finally {
            alerts.forget();
        }
    }
}
