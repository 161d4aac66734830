package io.outcry.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StartingOffsetsTest {

    @Test
    void readsTheOptionSpellingOfEveryValue() {
        for (StartingOffsets offsets : StartingOffsets.values()) {
            assertThat(StartingOffsets.fromOption(offsets.option())).isEqualTo(offsets);
        }
        assertThat(StartingOffsets.fromOption(" Committed-Or-Earliest ")).isEqualTo(StartingOffsets.COMMITTED_OR_EARLIEST);
    }

    @Test
    void refusesAnUnknownOptionNamingTheValidOnes() {
        assertThatThrownBy(() -> StartingOffsets.fromOption("beginning"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown starting offsets 'beginning'; use one of earliest, latest, committed-or-earliest");
    }
}
