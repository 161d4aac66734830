package io.outcry.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ilm.IlmPolicy;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

    @Test
    void thePolicyDeletesAnIndexAtTheHorizonAndIsNamedAfterIt() throws Exception {
        Retention retention = new Retention(Duration.ofDays(30), List.of("outcry-windows"));
        String policy = new ObjectMapper().readTree(retention.policyJson()).get("policy").toString();

        IlmPolicy parsed = IlmPolicy.of(p -> p.withJson(new StringReader(policy)));

        assertThat(retention.policyName()).isEqualTo("outcry-delete-after-30d");
        assertThat(parsed.phases().delete().minAge().time()).isEqualTo("30d");
        assertThat(parsed.phases().delete().actions().delete()).isNotNull();
        assertThat(parsed.phases().hot()).isNull();
    }

    @Test
    void writesTheHorizonInTheLargestWholeUnit() {
        assertThat(Retention.timeValue(Duration.ofDays(30))).isEqualTo("30d");
        assertThat(Retention.timeValue(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(Retention.timeValue(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Retention.timeValue(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void refusesAHorizonThatIsNotPositive() {
        assertThatThrownBy(() -> new Retention(Duration.ZERO, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30d");
    }
}
