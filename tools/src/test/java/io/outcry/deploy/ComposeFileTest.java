package io.outcry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.elasticsearch.ElasticsearchClientSettings;
import io.outcry.index.PostDocuments;
import io.outcry.pipeline.JobOptions;
import io.outcry.pipeline.RunJob;
import io.outcry.simulate.SimulateCommand;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * No Docker engine runs here, so this checks what can be checked of docker-compose.yml
 * without one: pinned images of the versions the build uses, ports, health checks, and that
 * the job and the simulator get flags they accept and the demo's settings.
 */
class ComposeFileTest {

    private static final String STATE_VOLUME = "flink-state";
    private static final String STATE_MOUNT = "/opt/flink/state";
    private static JsonNode services;
    private static Properties stack;

    @BeforeAll
    static void readComposeFile() throws Exception {
        Path file = Path.of("..", "docker-compose.yml");
        // SnakeYAML itself, because Jackson's YAML reader does not resolve anchors and aliases.
        Object compose = new Yaml().load(Files.readString(file));
        services = new ObjectMapper().valueToTree(compose).get("services");
        stack = new Properties();
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/outcry-local-stack.properties")) {
            stack.load(in);
        }
    }

    @Test
    void everyImageIsPinnedToTheVersionsTheBuildUses() {
        services.forEach(service -> assertThat(service.get("image").asText()).matches(".+:\\d+(\\.\\d+)+(-[a-z0-9]+)?"));
        assertThat(image("kafka")).isEqualTo("apache/kafka:" + stack.getProperty("kafka.version"));
        assertThat(image("elasticsearch")).endsWith("/elasticsearch:" + stack.getProperty("elasticsearch.version"));
        assertThat(image("kibana")).endsWith("/kibana:" + stack.getProperty("elasticsearch.version"));
        String flink = "flink:" + EnvironmentInformation.getVersion() + "-java17";
        assertThat(List.of(image("jobmanager"), image("taskmanager"), image("simulator"))).containsOnly(flink);
    }

    @Test
    void theServersUsersOpenArePublishedOnThisMachineOnlyAndHealthChecked() {
        assertThat(ports("kafka")).contains("127.0.0.1:9092:9092");
        assertThat(ports("elasticsearch")).contains("127.0.0.1:9200:9200");
        assertThat(ports("kibana")).contains("127.0.0.1:5601:5601");
        assertThat(ports("jobmanager")).contains("127.0.0.1:8081:8081");
        services.forEach(service -> {
            if (service.has("ports")) {
                service.get("ports").forEach(port -> assertThat(port.asText()).startsWith("127.0.0.1:"));
            }
        });
        for (String name : List.of("kafka", "elasticsearch", "kibana", "jobmanager")) {
            assertThat(services.get(name).get("healthcheck").get("test")).as(name).isNotNull();
        }
    }

    @Test
    void theBrokerKeepsTheSimulatorsOldDatedRecords() {
        assertThat(services.get("kafka").get("environment").get("KAFKA_LOG_RETENTION_MS").asText()).isEqualTo("-1");
    }

    @Test
    void theJobRunsWithTheDemosSettings() {
        List<String> args = words(services.get("jobmanager").get("command").asText());
        assertThat(args.subList(0, 3)).containsExactly("standalone-job", "--job-classname", RunJob.class.getName());
        RunJob job = RunJob.fromArgs(args.subList(3, args.size()).toArray(String[]::new));
        assertThat(job.jobOptions()).isEqualTo(JobOptions.defaults());
        assertThat(args).containsSubsequence("--posts-topic", RunJob.DEFAULT_POSTS_TOPIC)
                .containsSubsequence("--dead-letter-topic", RunJob.DEFAULT_DEAD_LETTER_TOPIC)
                .as("the boards' links from alerts and zones open the posts index")
                .containsSubsequence("--posts-index", PostDocuments.DEFAULT_PREFIX);
    }

    @Test
    void theSimulatorGetsFlagsItAccepts() {
        List<String> words = words(services.get("simulator").get("command").get(0).asText());
        int main = words.indexOf(SimulateCommand.class.getName());
        assertThat(main).as("simulator main class").isPositive();
        String[] args = words.subList(main + 1, words.size()).toArray(String[]::new);
        CommandLine.ParseResult parsed = new CommandLine(new SimulateCommand()).parseArgs(args);
        assertThat(parsed.matchedOptionValue("--topic", "")).isEqualTo(RunJob.DEFAULT_POSTS_TOPIC);
    }

    @Test
    void theJarsMountedAreTheShadedJarsOfThisVersion() {
        String version = stack.getProperty("project.version");
        for (String name : List.of("jobmanager", "taskmanager")) {
            assertThat(services.get(name).get("volumes").get(0).asText())
                    .as(name)
                    .startsWith("./job/target/outcry-job-" + version + "-job.jar:/opt/flink/usrlib/");
        }
        assertThat(services.get("simulator").get("volumes").get(0).asText())
                .as("simulator")
                .isEqualTo("./tools/target/outcry-tools-" + version + "-cli.jar:/opt/outcry/outcry-tools.jar:ro");
        assertThat(services.get("simulator").get("command").get(0).asText()).contains("/opt/outcry/outcry-tools.jar");
    }

    @Test
    void checkpointsAndSavepointsGoToAVolumeEveryFlinkProcessShares() {
        for (String name : List.of("jobmanager", "taskmanager")) {
            JsonNode service = services.get(name);
            Map<String, Object> flink = new Yaml().load(service.at("/environment/FLINK_PROPERTIES").asText());
            List<String> volumes = new ArrayList<>();
            service.get("volumes").forEach(v -> volumes.add(v.asText()));
            for (ConfigOption<String> directory : List.of(CheckpointingOptions.CHECKPOINTS_DIRECTORY, CheckpointingOptions.SAVEPOINT_DIRECTORY)) {
                assertThat(flink.get(directory.key())).as("%s %s", name, directory.key())
                        .isInstanceOf(String.class)
                        .asString()
                        .startsWith("file://" + STATE_MOUNT + "/");
            }
            assertThat(volumes).as(name).contains(STATE_VOLUME + ":" + STATE_MOUNT);
            assertThat(service.at("/depends_on/" + STATE_VOLUME + "/condition").asText())
                    .isEqualTo("service_completed_successfully");
        }
        // The volume starts out root's; the service that hands it to Flink's user mounts the same one.
        JsonNode owner = services.get(STATE_VOLUME);
        assertThat(owner.get("volumes").get(0).asText()).isEqualTo(STATE_VOLUME + ":" + STATE_MOUNT);
        assertThat(owner.get("entrypoint").toString()).contains("chown", "flink:flink", STATE_MOUNT);
    }

    @Test
    void theBoardsAreLoadedOnceKibanaIsHealthy() throws Exception {
        JsonNode setup = services.get("kibana-setup");
        assertThat(setup.at("/depends_on/kibana/condition").asText()).isEqualTo("service_healthy");
        assertThat(setup.get("volumes").get(0).asText()).isEqualTo("./dashboards:/outcry/dashboards:ro");
        assertThat(asComposeRunsIt(setup.get("entrypoint").get(2).asText()))
                .contains("exec sh /outcry/dashboards/load-kibana.sh", "KIBANA_AUTH=\"elastic:$(cat /run/outcry/secrets/elastic-password)\"");
        assertThat(Path.of("..", "dashboards", "load-kibana.sh")).isExecutable();
        assertThat(setup.at("/environment/KIBANA_URL").asText()).isEqualTo("http://kibana:5601");
        // Kibana refuses to create alerting rules without an encryption key of 32 characters or more.
        assertThat(asComposeRunsIt(services.at("/kibana/command/0").asText()))
                .contains("XPACK_ENCRYPTEDSAVEDOBJECTS_ENCRYPTIONKEY=$(cat /run/outcry/secrets/kibana-encryption-key)");
        assertThat(script("setup-secrets.sh")).contains("head -c 32; }",
                "[ -s /secrets/kibana-encryption-key ] || password > /secrets/kibana-encryption-key");
    }

    @Test
    void elasticsearchRunsWithSecurityAndHttpsAndAPasswordMadeAtTheFirstStart() throws Exception {
        JsonNode es = services.get("elasticsearch");
        assertThat(es.at("/environment/xpack.security.enabled").asText()).isEqualTo("true");
        assertThat(es.at("/environment/xpack.security.http.ssl.enabled").asText()).isEqualTo("true");
        assertThat(es.at("/environment/ELASTIC_PASSWORD_FILE").asText()).isEqualTo("/run/outcry/secrets/elastic-password");
        assertThat(es.at("/depends_on/secrets/condition").asText()).isEqualTo("service_completed_successfully");
        // made when missing, kept after: a restart keeps its passwords
        assertThat(script("setup-secrets.sh"))
                .contains("[ -s /secrets/elastic-password ] || { password > /secrets/elastic-password;")
                .contains("if [ ! -f /certs/ca/ca.crt ]; then", "elasticsearch-certutil cert", "dns: [elasticsearch, localhost]");
        assertThat(Files.readString(Path.of("..", "docker-compose.yml"))).as("no password or token in the compose file")
                .doesNotContainPattern("(?i)(PASSWORD|TOKEN|ENCRYPTIONKEY)\\s*[:=]\\s*[^\\s$]");
    }

    @Test
    void kibanaConnectsWithAServiceTokenMadeOnceElasticsearchIsUp() throws Exception {
        JsonNode kibana = services.get("kibana");
        assertThat(asComposeRunsIt(kibana.at("/command/0").asText()))
                .contains("ELASTICSEARCH_SERVICEACCOUNTTOKEN=$(cat /run/outcry/secrets/kibana-token)", "exec /usr/local/bin/kibana-docker");
        assertThat(kibana.at("/environment/ELASTICSEARCH_HOSTS").asText()).contains("https://elasticsearch:9200");
        assertThat(kibana.get("environment").has("ELASTICSEARCH_USERNAME")).isFalse();
        assertThat(kibana.at("/environment/VIS_TYPE_VEGA_ENABLEEXTERNALURLS").asText()).as("the panels' links to posts open").isEqualTo("true");
        assertThat(kibana.at("/depends_on/elasticsearch-setup/condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(services.at("/elasticsearch-setup/depends_on/elasticsearch/condition").asText()).isEqualTo("service_healthy");
        assertThat(script("setup-elasticsearch.sh"))
                .contains("_security/service/elastic/kibana/credential/token/outcry-compose", "if [ ! -s /secrets/kibana-token ]");
    }

    @Test
    void theJobWritesAsTheLeastPrivilegeUserWithItsPasswordReadOnEachTaskManager() throws Exception {
        List<String> args = words(services.get("jobmanager").get("command").asText());
        assertThat(args).containsSubsequence("--elasticsearch", "https://elasticsearch:9200")
                .containsSubsequence("--elasticsearch-properties", "/opt/outcry/elasticsearch.properties");
        Properties settings = new Properties();
        try (var in = Files.newBufferedReader(Path.of("..", "compose", "elasticsearch.properties"))) {
            settings.load(in);
        }
        // the job's own check of the file: secrets only by reference, known settings only
        assertThat(ElasticsearchClientSettings.load(Path.of("..", "compose", "elasticsearch.properties")))
                .containsEntry(ElasticsearchClientSettings.USERNAME, "outcry_writer");
        assertThat(settings.getProperty("username")).isEqualTo("outcry_writer");
        assertThat(settings.getProperty("password")).isEqualTo("${file:/run/outcry/secrets/elasticsearch.properties:password}");
        assertThat(settings.getProperty("ssl.certificate_authorities")).isEqualTo("/run/outcry/certs/ca/ca.crt");
        for (String name : List.of("jobmanager", "taskmanager")) {
            List<String> volumes = new ArrayList<>();
            services.get(name).get("volumes").forEach(v -> volumes.add(v.asText()));
            assertThat(volumes).as(name).contains("secrets:/run/outcry/secrets:ro", "certs:/run/outcry/certs:ro",
                    "./compose/elasticsearch.properties:/opt/outcry/elasticsearch.properties:ro");
        }
        // the role docs/operations.md documents, and the user the properties name
        assertThat(script("setup-elasticsearch.sh"))
                .contains("\"names\": [\"outcry-*\"], \"privileges\": [\"auto_configure\", \"index\"]")
                .contains("\"names\": [\"outcry-posts-*\"], \"privileges\": [\"delete\"]")
                .contains("_security/user/outcry_writer");
        assertThat(services.at("/jobmanager/depends_on/kafka-topics/condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(services.at("/kafka-topics/command/0").asText()).contains(RunJob.DEFAULT_POSTS_TOPIC, "--if-not-exists");
    }

    @Test
    void keyedStateLivesInRocksDbCheckpointedIncrementally() {
        for (String name : List.of("jobmanager", "taskmanager")) {
            Map<String, Object> flink = new Yaml().load(services.get(name).at("/environment/FLINK_PROPERTIES").asText());
            assertThat(flink.get("state.backend.type")).as(name).isEqualTo("rocksdb");
            assertThat(flink.get("execution.checkpointing.incremental")).as(name).isEqualTo(true);
        }
    }

    /** Compose writes a literal {@code $} as {@code $$}, so that it reaches the container's shell. */
    private static String asComposeRunsIt(String value) {
        return value.replace("$$", "$");
    }

    private static String script(String name) throws Exception {
        Path file = Path.of("..", "compose", name);
        assertThat(file).isExecutable();
        return Files.readString(file);
    }

    private static String image(String service) {
        return services.get(service).get("image").asText();
    }

    private static List<String> ports(String service) {
        List<String> ports = new ArrayList<>();
        services.get(service).get("ports").forEach(p -> ports.add(p.asText()));
        return ports;
    }

    private static List<String> words(String command) {
        return Arrays.stream(command.trim().split("\\s+")).toList();
    }
}
