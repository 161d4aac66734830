package io.outcry.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

class WindowKeyTest {

    /** One loud brand must not run on one slot: its windows go to every parallel window task. */
    @Test
    void theWindowsOfOneBrandSpreadOverEveryParallelTask() {
        for (String brand : new String[] {"tim", "vodafone", "windtre", "ita_airways", "brand_0399"}) {
            for (int parallelism : new int[] {2, 4, 8}) {
                Set<Integer> tasks = new HashSet<>();
                // Italy's 20 regions and unknown, as the enrichment names them
                List<String> regions = new ArrayList<>(List.of("unknown"));
                for (int region = 1; region <= 20; region++) {
                    regions.add(String.format("IT.%02d", region));
                }
                for (String region : regions) {
                    for (String topic : new String[] {"outage", "billing", "customer_service", "app", "other"}) {
                        tasks.add(KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                new WindowKey(brand, region, topic), 128, parallelism));
                    }
                }
                assertThat(tasks).as("tasks the 105 windows of %s go to at parallelism %d", brand, parallelism)
                        .hasSize(parallelism);
            }
        }
    }

    @Test
    void keysOfOneBrandStayDistinct() {
        assertThat(new WindowKey("tim", "IT.09", "outage")).isNotEqualTo(new WindowKey("tim", "IT.09", "billing"));
        assertThat(new WindowKey("tim", "IT.09", "outage").hashCode()).isNotEqualTo(new WindowKey("tim", "IT.09", "billing").hashCode());
    }
}
