package io.outcry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The job jar a cluster runs holds the job and its connectors, and no tool. */
class JobJarTest {

    /** Packages of the tools module: the CLI, demo, simulator, adapters, backtests, training, bench, retention. */
    private static final List<String> TOOLS = List.of("backtest", "bench", "cli", "csv", "datafiles", "demo", "ingest",
            "learn", "retention", "simulate", "twcs");

    @Test
    void holdsTheJobAndItsConnectorsAndNoTool() throws Exception {
        Path jar = Path.of(System.getProperty("outcry.job.jar", ""));
        assertThat(jar).as("the job jar, which the job module's `package` builds").isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> classes = file.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("io/outcry/") && name.endsWith(".class")).toList();
            assertThat(classes).as("the job's own classes")
                    .anyMatch(name -> name.startsWith("io/outcry/pipeline/RunJob"))
                    .anyMatch(name -> name.startsWith("io/outcry/connectors/"));
            assertThat(classes).as("tool classes in the job jar")
                    .noneMatch(name -> TOOLS.stream().anyMatch(tool -> name.startsWith("io/outcry/" + tool + "/")));
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.outcry.pipeline.RunJob");
        }
    }
}
