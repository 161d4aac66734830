package io.outcry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TweetsTest {

    @Test
    void readsAV1DateWithItsOffsetAsTheInstantItNames() {
        assertThat(Tweets.v1Date("Fri Nov 20 18:42:07 +0000 2026")).isEqualTo(Instant.parse("2026-11-20T18:42:07Z").toEpochMilli());
        assertThat(Tweets.v1Date("Fri Nov 20 20:42:07 +0200 2026")).isEqualTo(Instant.parse("2026-11-20T18:42:07Z").toEpochMilli());
        assertThat(Tweets.v1Date("Sat Feb 29 23:30:00 -0130 2028")).isEqualTo(Instant.parse("2028-03-01T01:00:00Z").toEpochMilli());
    }

    @Test
    void refusesAV1DateThatIsNotOneNamingTheField() {
        for (String bad : new String[] {"2026-11-20T18:42:07Z", "Fri Nox 20 18:42:07 +0000 2026", "Fri Feb 30 18:42:07 +0000 2026",
                "Fri Nov 20 24:42:07 +0000 2026", "Fri Nov 20 18:42:07 0000 2026"}) {
            assertThatThrownBy(() -> Tweets.v1Date(bad)).as(bad).hasMessageStartingWith("created_at '" + bad + "' is not a v1.1 date");
        }
    }

    @Test
    void takesTheSnowflakesMillisecondOnlyWhenItAgreesWithTheDeclaredSecond() {
        long declared = Instant.parse("2026-11-20T18:42:07Z").toEpochMilli();

        assertThat(Tweets.eventTime("2123849384437698561", declared)).isEqualTo(declared + 120);
        assertThat(Tweets.eventTime("2123849384437698561", declared + 1000)).as("a second apart").isEqualTo(declared + 1000);
        assertThat(Tweets.eventTime("20", declared)).as("an id from before snowflakes").isEqualTo(declared);
    }

    @Test
    void unescapesTheThreeEntitiesTwitterEscapesAndNothingElse() {
        assertThat(Tweets.unescape("a &amp; b &lt;3 &gt; &quot; &amp;lt;")).isEqualTo("a & b <3 > &quot; &lt;");
    }
}
