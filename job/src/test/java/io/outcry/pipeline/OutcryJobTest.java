package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.kafka.Ingested;
import io.outcry.detect.AlertEvent;
import io.outcry.post.Post;
import io.outcry.window.WindowResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

class OutcryJobTest {

    /** Not a POJO (no public no-arg constructor, private field): only Kryo could serialize it. */
    static final class Opaque {
        private final String value;

        Opaque(String value) {
            this.value = value;
        }
    }

    private static StreamExecutionEnvironment envWithJob() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataGeneratorSource<Ingested<Post>> posts = new DataGeneratorSource<>(
                index -> Ingested.ok(null), 1, Ingested.typeInfo(TypeInformation.of(Post.class)));
        new OutcryJob(JobOptions.defaults(), posts, new CollectingSink<WindowResult>(), new CollectingSink<DeadLetter>(),
                List.of(OutcryJob.Destination.index("test", new CollectingSink<AlertEvent>())),
                List.of(OutcryJob.Destination.index("zones", new CollectingSink<io.outcry.zone.ZoneEvent>())),
                io.outcry.zone.ZoneSettings.defaults())
                .withDeletions(new DataGeneratorSource<>(index -> Ingested.ok(null), 1,
                        Ingested.typeInfo(TypeInformation.of(io.outcry.post.Deletion.class))), java.time.Duration.ofDays(1))
                .withCare(io.outcry.care.CareSettings.defaults().withAlertThreshold(3),
                        List.of(OutcryJob.Destination.of("care", new CollectingSink<io.outcry.care.CareWindow>())),
                        List.of(OutcryJob.Destination.of("queue", new CollectingSink<io.outcry.care.BrandQueue>())),
                        List.of(OutcryJob.Destination.of("cases", new CollectingSink<io.outcry.care.CareCase>())))
                .build(env);
        return env;
    }

    @Test
    void buildsWithGenericTypesDisabled() {
        StreamExecutionEnvironment env = envWithJob();

        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        StreamGraph graph = env.getStreamGraph();
        assertThat(graph.getStreamNodes()).isNotEmpty();
    }

    /** Object reuse lets chained operators share an element: only safe while no element can change. */
    @Test
    void reusesObjectsBetweenOperatorsAndEveryElementIsAnImmutableRecord() {
        StreamExecutionEnvironment env = envWithJob();

        assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
        List<Class<?>> types = new ArrayList<>();
        for (Transformation<?> transformation : env.getTransformations()) {
            collectOutputTypes(transformation, types);
        }
        assertThat(types).contains(Post.class, WindowResult.class, AlertEvent.class, io.outcry.care.CareCase.class)
                .allSatisfy(type -> assertThat(type.isRecord() || type == Ingested.class)
                        .as("%s is a record (Ingested, read only by the operator the source chains to, excepted)", type.getName())
                        .isTrue());
    }

    private static void collectOutputTypes(Transformation<?> transformation, List<Class<?>> types) {
        Class<?> type = transformation.getOutputType().getTypeClass();
        if (!types.contains(type)) {
            types.add(type);
        }
        if (type == Ingested.class) {
            types.add(Post.class);
        }
        for (Transformation<?> input : transformation.getInputs()) {
            collectOutputTypes(input, types);
        }
    }

    @Test
    void wouldFailTheBuildIfATypeFellBackToKryo() {
        StreamExecutionEnvironment env = envWithJob();

        assertThatThrownBy(() -> {
                    env.fromData(List.of(new Opaque("x")), TypeInformation.of(Opaque.class)).sinkTo(new CollectingSink<>());
                    env.getStreamGraph();
                })
                .hasMessageContaining("Generic types have been disabled")
                .hasMessageContaining(Opaque.class.getName());
    }

    @Test
    void givesEveryOperatorANameAndAUniqueStableUid() {
        StreamExecutionEnvironment env = envWithJob();
        List<String> uids = new ArrayList<>();
        for (Transformation<?> transformation : env.getTransformations()) {
            collectUids(transformation, uids);
        }

        assertThat(uids).doesNotHaveDuplicates().contains(
                "posts-source", "route-ingested", "enrich-posts", "window-brand-region-topic",
                "deletions-source", "shown-posts", "forget-deleted-window-examples", "forget-deleted-alert-examples",
                "shown-in-zones", "forget-deleted-zone-examples",
                "care-deletions",
                "too-late-posts", "window-results-sink", "dead-letters-sink",
                "mark-canned-replies", "case-tracker", "care-windows", "care-alerts", "care-cases-cases", "care-windows-care",
                "care-queue", "care-queue-queue");
        assertThat(env.getStreamGraph().getStreamNodes())
                .extracting(StreamNode::getOperatorName)
                .allSatisfy(name -> assertThat(name).isNotBlank());
    }

    private static void collectUids(Transformation<?> transformation, List<String> uids) {
        // Side outputs, unions and key-bys are not operators: they carry no state and no uid.
        String kind = transformation.getClass().getSimpleName();
        boolean virtual = kind.equals("SideOutputTransformation") || kind.equals("UnionTransformation")
                || kind.equals("PartitionTransformation");
        if (!virtual && !uids.contains(transformation.getUid())) {
            assertThat(transformation.getUid()).as("uid of %s", transformation.getName()).isNotNull();
            uids.add(transformation.getUid());
        }
        for (Transformation<?> input : transformation.getInputs()) {
            collectUids(input, uids);
        }
    }
}
