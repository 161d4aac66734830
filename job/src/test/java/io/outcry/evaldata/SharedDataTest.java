package io.outcry.evaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class SharedDataTest {

    @TempDir
    Path dir;

    /** Whatever -Doutcry.shared.optional this run was given, the call sees {@code optional}. */
    private static AbstractThrowableAssert<?, ? extends Throwable> thrownWith(boolean optional, ThrowingCallable call) {
        String given = System.getProperty(SharedData.OPTIONAL);
        System.setProperty(SharedData.OPTIONAL, Boolean.toString(optional));
        try {
            return assertThatThrownBy(call);
        } finally {
            if (given == null) {
                System.clearProperty(SharedData.OPTIONAL);
            } else {
                System.setProperty(SharedData.OPTIONAL, given);
            }
        }
    }

    @Test
    void aMissingDataSetFailsTheTestNamingTheFileAndTheWayToSkip() {
        thrownWith(false, () -> SharedData.file(dir.resolve("shared"), "airline.csv"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(dir.resolve("shared").resolve("airline.csv").toString())
                .hasMessageContaining("-Doutcry.shared.optional=true");
    }

    @Test
    void aMissingDataSetSkipsTheTestOnlyWhenAskedTo() {
        thrownWith(true, () -> SharedData.file(dir, "airline.csv")).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void aPresentDataSetIsReturned() throws Exception {
        Path csv = Files.writeString(dir.resolve("airline.csv"), "text\n");

        assertThat(SharedData.file(dir, "airline.csv")).isEqualTo(csv);
    }
}
