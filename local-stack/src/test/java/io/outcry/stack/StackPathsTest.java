package io.outcry.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackPathsTest {

    @TempDir Path dir;

    @Test
    void readsThePathsTheBuildWrote() throws IOException {
        Path classpath = Files.writeString(dir.resolve("kafka.classpath"), "a.jar");
        Path home = Files.createDirectory(dir.resolve("es"));

        StackPaths paths = StackPaths.resolve(Map.of(), properties(classpath, home));

        assertThat(paths).isEqualTo(new StackPaths(classpath, home));
    }

    @Test
    void prefersTheEnvironmentOverTheBuild() throws IOException {
        Path classpath = Files.writeString(dir.resolve("kafka.classpath"), "a.jar");
        Path home = Files.createDirectory(dir.resolve("es"));
        Path otherHome = Files.createDirectory(dir.resolve("other-es"));

        StackPaths paths =
                StackPaths.resolve(
                        Map.of(StackPaths.ELASTICSEARCH_HOME_ENV, otherHome.toString()),
                        properties(classpath, home));

        assertThat(paths.elasticsearchHome()).isEqualTo(otherHome);
    }

    @Test
    void namesTheBuildStepWhenTheDistributionIsMissing() throws IOException {
        Path classpath = Files.writeString(dir.resolve("kafka.classpath"), "a.jar");

        assertThatThrownBy(
                        () -> StackPaths.resolve(Map.of(), properties(classpath, dir.resolve("absent"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Elasticsearch distribution is missing at " + dir.resolve("absent"))
                .hasMessageContaining("mvn -pl local-stack -am generate-resources")
                .hasMessageContaining(StackPaths.ELASTICSEARCH_HOME_ENV);
    }

    @Test
    void rejectsAResourceMavenDidNotFilter() {
        Properties unfiltered = new Properties();
        unfiltered.setProperty("kafka.classpath.file", "${project.build.directory}/kafka-broker.classpath");

        assertThatThrownBy(() -> StackPaths.resolve(Map.of(), unfiltered))
                .hasMessageContaining("Kafka broker classpath file")
                .hasMessageContaining("mvn -pl local-stack -am generate-resources");
    }

    @Test
    void findsTheArtifactsOfThisBuild() {
        StackPaths paths = StackPaths.current();

        assertThat(paths.kafkaClasspathFile()).isRegularFile();
        assertThat(paths.elasticsearchHome().resolve("bin").resolve("elasticsearch")).isExecutable();
        assertThat(StackPaths.flinkClasspathFile()).content().contains("flink-runtime-", "flink-statebackend-rocksdb-");
    }

    @Test
    void namesTheBuildStepWhenTheFlinkClasspathIsMissing() {
        Properties properties = new Properties();
        properties.setProperty("flink.classpath.file", dir.resolve("absent.classpath").toString());

        assertThatThrownBy(() -> StackPaths.flinkClasspathFile(Map.of(), properties))
                .hasMessageContaining("Flink cluster classpath file is missing at " + dir.resolve("absent.classpath"))
                .hasMessageContaining("mvn -pl local-stack -am generate-resources")
                .hasMessageContaining(StackPaths.FLINK_CLASSPATH_ENV);
    }

    private static Properties properties(Path classpath, Path home) {
        Properties properties = new Properties();
        properties.setProperty("kafka.classpath.file", classpath.toString());
        properties.setProperty("elasticsearch.home", home.toString());
        return properties;
    }
}
