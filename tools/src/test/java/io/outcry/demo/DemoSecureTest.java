package io.outcry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcry.stack.LocalStack;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outcry demo --secure}: the job writes to a node with security on, and the summary reads it back. */
class DemoSecureTest {

    @Test
    void theDemoWritesAndCountsItsDocumentsOnANodeWithSecurityOn(@TempDir Path workDir) throws Exception {
        JsonNode line = DemoRuns.summary(
                "--kafka", LocalStack.sharedKafka().bootstrapServers(),
                "--secure",
                "--source", "twitter-v1:src/test/resources/ingest/twitter-v1.jsonl",
                "--duration", "120s",
                "--work-dir", workDir.toString());

        assertThat(line.get("es_url").asText()).startsWith("https://");
        // twitter-v1.jsonl maps to 7 posts (IngestCommandTest)
        assertThat(line.get("posts").asLong()).isEqualTo(7);
        assertThat(line.get("refused_by_es").asLong()).as("the writer role lets every document in").isZero();
        assertThat(line.get("es_documents").asLong()).as("window documents, counted by the reader").isPositive();
    }
}
