package io.outcry.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the build put the Kafka broker classpath, the Elasticsearch distribution and the Flink
 * cluster classpath: read from
 * {@code outcry-local-stack.properties} (filtered by Maven), overridable by environment variables.
 */
record StackPaths(Path kafkaClasspathFile, Path elasticsearchHome) {

    static final String KAFKA_CLASSPATH_ENV = "OUTCRY_KAFKA_CLASSPATH_FILE";
    static final String ELASTICSEARCH_HOME_ENV = "OUTCRY_ELASTICSEARCH_HOME";
    static final String RESOURCE = "/outcry-local-stack.properties";
    private static final String FIX = "run `mvn -pl local-stack -am generate-resources`";

    static final String FLINK_CLASSPATH_ENV = "OUTCRY_FLINK_CLASSPATH_FILE";

    /**
     * The classpath file of the local Flink cluster. Apart from the record, so that the broker and
     * the node start in a build that has not written it.
     */
    static Path flinkClasspathFile() {
        return flinkClasspathFile(System.getenv(), bundledProperties());
    }

    static Path flinkClasspathFile(Map<String, String> env, Properties properties) {
        return existing(
                "the Flink cluster classpath file",
                FLINK_CLASSPATH_ENV,
                env,
                properties.getProperty("flink.classpath.file"),
                false);
    }

    /** The paths of this build, as resolved from the classpath resource and the environment. */
    static StackPaths current() {
        return resolve(System.getenv(), bundledProperties());
    }

    static StackPaths resolve(Map<String, String> env, Properties properties) {
        return new StackPaths(
                existing(
                        "the Kafka broker classpath file",
                        KAFKA_CLASSPATH_ENV,
                        env,
                        properties.getProperty("kafka.classpath.file"),
                        false),
                existing(
                        "the Elasticsearch distribution",
                        ELASTICSEARCH_HOME_ENV,
                        env,
                        properties.getProperty("elasticsearch.home"),
                        true));
    }

    private static Path existing(
            String what, String envName, Map<String, String> env, String fromBuild, boolean directory) {
        String override = env.get(envName);
        boolean fromEnv = override != null && !override.isBlank();
        String value = fromEnv ? override : fromBuild;
        String source = fromEnv ? "environment variable " + envName : RESOURCE;
        // An unfiltered resource (an IDE build that skipped Maven) still holds the ${...} placeholder.
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException(
                    "No path to " + what + " in " + source + ": " + FIX + " or set " + envName + ".");
        }
        Path path = Path.of(value);
        if (directory ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
            throw new IllegalStateException(
                    what.substring(0, 1).toUpperCase() + what.substring(1) + " is missing at " + path
                            + " (from " + source + "): " + FIX + " or set " + envName + ".");
        }
        return path;
    }

    private static Properties bundledProperties() {
        Properties properties = new Properties();
        try (InputStream in = StackPaths.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + ": " + FIX + ".", e);
        }
        return properties;
    }
}
