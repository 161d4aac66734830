package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --routes} in the job as run: its operators under stable uids, beside {@code --webhook-url}, and its mistakes at start. */
class RouteFlagTest {

    static final String ROUTES = """
            destinations:
              pager: {type: pagerduty, routing_key: k}
              team-slack: {type: slack, url: "https://hooks.slack.com/services/T/B/x", quiet_hours: "22:00-07:00"}
            routes:
              - kinds: [zone]
                to: [pager]
              - to: [team-slack]
            """;

    @Test
    void addsTheRoutingOperatorsAndOneSinkPerDestinationBesideTheWebhookUnderStableUids(@TempDir Path dir) throws Exception {
        Path routes = Files.writeString(dir.resolve("routes.yaml"), ROUTES);
        String[] flags = {"--bootstrap-servers", "127.0.0.1:9092", "--elasticsearch", "http://127.0.0.1:9200",
                "--routes", routes.toString(), "--webhook-url", "https://hooks.slack.com/services/T/B/y"};
        StreamExecutionEnvironment env = RunJob.fromArgs(flags).environment(new Configuration());
        RunJob.fromArgs(flags).job().build(env);

        List<String> uids = new ArrayList<>();
        env.getTransformations().forEach(t -> collectUids(t, uids));
        assertThat(uids).contains("alerts-webhook", "alerts-filter-routes", "alerts-routes-match", "alerts-routes-gate",
                "alerts-routes-for-pager", "alerts-routes-to-pager", "alerts-routes-for-team-slack", "alerts-routes-to-team-slack");
        env.getStreamGraph();
    }

    @Test
    void failsAtStartWithTheRoutingFilesOneLine(@TempDir Path dir) throws Exception {
        Path routes = Files.writeString(dir.resolve("routes.yaml"), ROUTES.replace("to: [pager]", "to: [pagr]"));
        RunJob run = RunJob.fromArgs("--routes", routes.toString(), "--no-preflight");

        assertThatThrownBy(run::preflight).hasMessage(routes + ": routes[0].to names destination 'pagr', which is not declared;"
                + " declare it under destinations, or use one of [pager, team-slack]");
    }

    private static void collectUids(Transformation<?> transformation, List<String> uids) {
        if (transformation.getUid() != null && !uids.contains(transformation.getUid())) {
            uids.add(transformation.getUid());
        }
        transformation.getInputs().forEach(input -> collectUids(input, uids));
    }
}
