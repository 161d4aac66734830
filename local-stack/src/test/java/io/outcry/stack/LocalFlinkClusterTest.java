package io.outcry.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Starts one real Flink cluster and talks to it through its REST API and Flink's command line. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalFlinkClusterTest {

    @TempDir static Path workDir;
    private static LocalFlinkCluster cluster;
    private static Set<ProcessHandle> serverProcesses;

    @BeforeAll
    static void startCluster() throws IOException {
        Set<ProcessHandle> before = LocalKafkaTest.children();
        cluster = LocalFlinkCluster.start(workDir);
        serverProcesses = LocalKafkaTest.children();
        serverProcesses.removeAll(before);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void runsTheJobManagerAndEachTaskManagerInItsOwnJvm() {
        assertThat(serverProcesses).hasSize(1 + LocalFlinkCluster.TASK_MANAGERS);
        assertThat(serverProcesses.stream().map(p -> p.info().commandLine().orElse("")))
                .anyMatch(line -> line.contains("StandaloneSessionClusterEntrypoint"))
                .filteredOn(line -> line.contains("TaskManagerRunner"))
                .hasSize(LocalFlinkCluster.TASK_MANAGERS);
    }

    @Test
    @Order(2)
    void offersTheSlotsOfEveryTaskManager() throws Exception {
        String overview = get("/overview");

        assertThat(overview)
                .contains("\"taskmanagers\":" + LocalFlinkCluster.TASK_MANAGERS)
                .contains("\"slots-total\":" + LocalFlinkCluster.TASK_MANAGERS * LocalFlinkCluster.SLOTS_PER_TASK_MANAGER);
    }

    @Test
    @Order(3)
    void answersFlinksCommandLine() throws IOException {
        LocalFlinkCluster.CommandOutput list = cluster.flink(Duration.ofSeconds(60), "list");

        assertThat(list.exitCode()).as(list.text()).isZero();
        assertThat(list.text()).contains("No running jobs.");
    }

    @Test
    @Order(4)
    void keepsCheckpointsOnDiskNotInTheJobManagersMemory() throws Exception {
        String config = get("/jobmanager/config");

        assertThat(config).contains(cluster.checkpointDir().toUri().toString());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void closeStopsEveryProcessOfTheCluster() {
        assertThat(serverProcesses).allMatch(ProcessHandle::isAlive);

        cluster.close();

        assertThat(serverProcesses).noneMatch(ProcessHandle::isAlive);
    }

    private static String get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(cluster.restUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
