package io.outcry.evaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class SharedDataTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDataSetFailsTheTestNamingTheFileAndTheWayToSkip() {
        assertThatThrownBy(() -> SharedData.file(dir.resolve("shared"), "airline.csv"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(dir.resolve("shared").resolve("airline.csv").toString())
                .hasMessageContaining("-Doutcry.shared.optional=true");
    }

    @Test
    void aMissingDataSetSkipsTheTestOnlyWhenAskedTo() {
        System.setProperty(SharedData.OPTIONAL, "true");
        try {
            assertThatThrownBy(() -> SharedData.file(dir, "airline.csv")).isInstanceOf(TestAbortedException.class);
        } finally {
            System.clearProperty(SharedData.OPTIONAL);
        }
    }

    @Test
    void aPresentDataSetIsReturned() throws Exception {
        Path csv = Files.writeString(dir.resolve("airline.csv"), "text\n");

        assertThat(SharedData.file(dir, "airline.csv")).isEqualTo(csv);
    }
}
