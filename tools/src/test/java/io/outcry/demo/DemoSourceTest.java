package io.outcry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcry.stack.LocalStack;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outcry demo --source}: a user's own files, not the simulator, through the real broker, job and node. */
class DemoSourceTest {

    @Test
    void theDemoRunsOnAUsersOwnFilesOfTwoFormatsReadsEveryPostTheyHoldAndReconcilesThem(@TempDir Path workDir) throws Exception {
        JsonNode line = DemoRuns.summary(
                "--kafka", LocalStack.sharedKafka().bootstrapServers(),
                "--elasticsearch", LocalStack.sharedElasticsearch().url(),
                "--source", "twitter-v1:src/test/resources/ingest/twitter-v1.jsonl",
                "--source", "bluesky-jetstream:src/test/resources/ingest/bluesky-jetstream.jsonl",
                "--duration", "120s",
                "--work-dir", workDir.toString());

        // twitter-v1.jsonl maps to 7 posts and bluesky-jetstream.jsonl to 10 (IngestCommandTest, BlueskyIngestTest)
        assertThat(line.get("source_records").asLong()).isEqualTo(17);
        assertThat(line.get("posts").asLong()).as("every post on the topic read, deletions apart").isEqualTo(17);
        assertThat(line.get("firehose_complete").asBoolean()).isTrue();
        assertThat(line.get("windows").asLong()).isPositive();
        JsonNode records = line.get("reconciliation");
        assertThat(records.get("holds").asBoolean()).as(records.get("line").asText()).isTrue();
        assertThat(records.get("records_read").asLong()).isEqualTo(17);
        assertThat(records.get("posts").asLong() + records.get("duplicates").asLong()
                + records.get("dead_letters").get("unreadable").asLong() + records.get("dead_letters").get("too_late").asLong()
                + records.get("dead_letters").get("enrichment_failed").asLong()).isEqualTo(17);
        assertThat(records.get("line").asText()).startsWith("records read 17 = posts ");
    }
}
