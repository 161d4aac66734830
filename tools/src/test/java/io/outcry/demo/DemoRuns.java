package io.outcry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs {@code outcry demo} in this JVM for a test. */
final class DemoRuns {

    private DemoRuns() {}

    /** Runs the demo with {@code args}, checks it exits with 0, and returns its JSON summary line. */
    static JsonNode summary(String... args) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(summary, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new DemoCommand()).execute(args);
        } finally {
            System.setOut(stdout);
        }
        assertThat(exit).isZero();
        // the summary is the demo's last line on stdout; the test's log may write there too
        String[] lines = summary.toString(StandardCharsets.UTF_8).trim().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
