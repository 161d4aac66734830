package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The job jar's entry point returns or throws, never exits: in application mode it runs inside
 * the JobManager, and here an exit would end the test JVM and fail the build.
 */
class RunJobMainTest {

    @Test
    void aFlagMistakeIsThrownAsPicoclisOneLine() {
        assertThatThrownBy(() -> RunJob.main(new String[] {"--bootstrap-servers", "kafka:9092", "--no-such-flag"}))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class)
                .hasMessage("Unknown option: '--no-such-flag'");
    }

    @Test
    void aPostsSampleOutOfRangeFailsBeforeTheJobIsBuiltWithTheFlagAndTheFix() {
        assertThatThrownBy(() -> RunJob.fromArgs("--posts-index", "outcry-posts", "--posts-sample", "0", "--no-preflight").preflight())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--posts-sample: posts sample is 0.0; use a share in (0, 1], e.g. 0.1, or 1 for every post");
    }

    @Test
    void helpPrintsTheFlagsAndReturns() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            RunJob.main(new String[] {"--help"});
        } finally {
            System.setOut(stdout);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--bootstrap-servers", "--checkpoint-dir");
    }
}
