package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

/** The typed setters the demo, the bench and the tests use set exactly what their flags do. */
class RunJobSettersTest {

    @Test
    void eachTypedSetterSetsWhatItsFlagDoes() throws Exception {
        RunJob typed = RunJob.defaults()
                .bootstrapServers("kafka:9093").kafkaProperties(Path.of("kafka.properties"))
                .postsTopic("p").deadLetterTopic("d").deletionsTopic("del").alertsTopic("a").zonesTopic("z")
                .groupId("g").startingOffsets("latest").bounded(true)
                .elasticsearch("https://es1:9200", "https://es2:9200").elasticsearchProperties(Path.of("es.properties"))
                .indexPrefix("w").indexShards(3).indexReplicas(2).indexRefreshInterval(Duration.ofSeconds(7))
                .manageTemplates(false).alertsIndex("ai").zonesIndex("zi").careIndex("ci").careQueueIndex("cq").careCasesIndex("cc")
                .postsIndex("pi").postsSample(0.25).brandResponse(false)
                .careSla(Duration.ofMinutes(20)).careWindow(Duration.ofMinutes(15)).careAlerts(4)
                .webhookUrl("http://hook").routes(Path.of("routes.yaml")).allowedLateness(Duration.ofMinutes(9)).retention(Duration.ofDays(3))
                .parallelism(3).checkpointInterval(Duration.ofSeconds(4)).checkpointDir("/tmp/c").savepointDir("/tmp/s")
                .fromSavepoint("/tmp/s/1").jobName("j");
        RunJob flags = RunJob.fromArgs(
                "--bootstrap-servers", "kafka:9093", "--kafka-properties", "kafka.properties",
                "--posts-topic", "p", "--dead-letter-topic", "d", "--deletions-topic", "del", "--alerts-topic", "a",
                "--zones-topic", "z", "--group-id", "g", "--starting-offsets", "latest", "--bounded",
                "--elasticsearch", "https://es1:9200,https://es2:9200", "--elasticsearch-properties", "es.properties",
                "--index-prefix", "w", "--index-shards", "3", "--index-replicas", "2", "--index-refresh-interval", "7s",
                "--manage-templates=false", "--alerts-index", "ai", "--zones-index", "zi", "--care-index", "ci",
                "--care-queue-index", "cq", "--care-cases-index", "cc", "--posts-index", "pi", "--posts-sample", "0.25", "--no-brand-response", "--care-sla", "20m", "--care-window", "15m", "--care-alerts", "4",
                "--webhook-url", "http://hook", "--routes", "routes.yaml", "--allowed-lateness", "9m", "--retention", "3d",
                "--parallelism", "3", "--checkpoint-interval", "4s", "--checkpoint-dir", "/tmp/c", "--savepoint-dir", "/tmp/s",
                "--from-savepoint", "/tmp/s/1", "--job-name", "j");

        int compared = 0;
        for (Field field : RunJob.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(Option.class)) {
                assertThat(field.get(typed)).as(field.getAnnotation(Option.class).names()[0]).isEqualTo(field.get(flags));
                compared++;
            }
        }
        assertThat(compared).as("flags compared").isGreaterThan(40);
    }
}
