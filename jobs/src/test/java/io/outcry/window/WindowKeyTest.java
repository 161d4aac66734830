package io.outcry.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

class WindowKeyTest {

    /** The spike detector reads the window results as keyed by brand without a shuffle: this is what makes that true. */
    @Test
    void everyWindowOfABrandIsInTheKeyGroupOfTheBrand() {
        for (String brand : new String[] {"tim", "vodafone", "windtre", "ita_airways", "brand_0399"}) {
            for (String region : new String[] {"IT.09", "IT.04", "unknown"}) {
                for (String topic : new String[] {"outage", "billing", "other"}) {
                    WindowKey key = new WindowKey(brand, region, topic);
                    for (int maxParallelism : new int[] {128, 4096, 32768}) {
                        assertThat(KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism))
                                .as("%s at max parallelism %d", key, maxParallelism)
                                .isEqualTo(KeyGroupRangeAssignment.assignToKeyGroup(brand, maxParallelism));
                    }
                }
            }
        }
    }

    @Test
    void keysOfOneBrandStayDistinct() {
        assertThat(new WindowKey("tim", "IT.09", "outage")).isNotEqualTo(new WindowKey("tim", "IT.09", "billing"));
    }
}
