package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.elasticsearch.ElasticsearchSink;
import io.outcry.connectors.elasticsearch.ToDocuments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.transformations.SinkTransformation;
import org.junit.jupiter.api.Test;

/**
 * The job as run writes every index through one Elasticsearch sink, so each subtask has one
 * writer, one client, one dead-letter producer and one buffer in which documents coalesce.
 */
class RunJobSinksTest {

    @Test
    void everyIndexGoesThroughOneElasticsearchSinkUnderTheUidsItsFormerSinksHad() {
        StreamExecutionEnvironment env = RunJob.fromArgs("--bootstrap-servers", "127.0.0.1:9092",
                "--elasticsearch", "http://127.0.0.1:9200").environment(new Configuration());
        RunJob.fromArgs("--bootstrap-servers", "127.0.0.1:9092", "--elasticsearch", "http://127.0.0.1:9200",
                "--deletions-topic", "deletions").job().build(env);
        Set<Transformation<?>> transformations = new LinkedHashSet<>();
        env.getTransformations().forEach(transformation -> collect(transformation, transformations));

        List<String> elasticsearchSinks = transformations.stream()
                .filter(t -> t instanceof SinkTransformation<?, ?> sink && sink.getSink() instanceof ElasticsearchSink<?>)
                .map(Transformation::getUid)
                .toList();
        List<String> documentStreams = transformations.stream()
                .filter(t -> t instanceof OneInputTransformation<?, ?> operator
                        && operator.getOperatorFactory() instanceof SimpleOperatorFactory<?> factory
                        && factory.getOperator() instanceof ToDocuments<?>)
                .map(Transformation::getUid)
                .toList();

        assertThat(elasticsearchSinks).containsExactly("elasticsearch-sink");
        assertThat(documentStreams).as("no document per care case unless asked for")
                .containsExactlyInAnyOrder("window-results-sink", "alerts-index", "alerts-history",
                "zones-zones-index", "zones-zones-history", "care-windows-care-index", "care-queue-care-queue-index");
    }

    @Test
    void theCareCasesIndexWhenAskedForKeepsTheUidOfItsFormerSink() {
        StreamExecutionEnvironment env = RunJob.fromArgs("--bootstrap-servers", "127.0.0.1:9092",
                "--elasticsearch", "http://127.0.0.1:9200").environment(new Configuration());
        RunJob.fromArgs("--bootstrap-servers", "127.0.0.1:9092", "--elasticsearch", "http://127.0.0.1:9200",
                "--care-cases-index", "outcry-care-cases").job().build(env);
        Set<Transformation<?>> transformations = new LinkedHashSet<>();
        env.getTransformations().forEach(transformation -> collect(transformation, transformations));

        assertThat(transformations.stream().map(Transformation::getUid).toList())
                .contains("care-cases-care-cases-index", "care-queue-care-queue-index", "care-queue");
    }

    @Test
    void documentsWaitAtMostASecondUnlessAnotherFlushIntervalIsGiven() {
        ElasticsearchSink<?> byDefault = sink("--checkpoint-interval", "30s");
        ElasticsearchSink<?> given = sink("--checkpoint-interval", "30s", "--elasticsearch-flush-interval", "10s");

        assertThat(byDefault.bulkLimits().flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(given.bulkLimits().flushInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    private static ElasticsearchSink<?> sink(String... flags) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", "127.0.0.1:9092", "--elasticsearch", "http://127.0.0.1:9200"));
        args.addAll(List.of(flags));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RunJob.fromArgs(args.toArray(String[]::new)).job().build(env);
        Set<Transformation<?>> transformations = new LinkedHashSet<>();
        env.getTransformations().forEach(transformation -> collect(transformation, transformations));
        return transformations.stream()
                .filter(t -> t instanceof SinkTransformation<?, ?> sink && sink.getSink() instanceof ElasticsearchSink<?>)
                .map(t -> (ElasticsearchSink<?>) ((SinkTransformation<?, ?>) t).getSink())
                .findFirst().orElseThrow();
    }

    private static void collect(Transformation<?> transformation, Set<Transformation<?>> into) {
        if (into.add(transformation)) {
            transformation.getInputs().forEach(input -> collect(input, into));
        }
    }
}
