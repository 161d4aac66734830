package io.outcry.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HotBrandTest {

    private static double[] shares(double[] cumulative) {
        double[] shares = new double[cumulative.length];
        for (int i = 0; i < cumulative.length; i++) {
            shares[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
        }
        return shares;
    }

    @Test
    void aHotBrandTakesItsShareAndTheOthersKeepTheirProportions() {
        List<String> ids = Brands.ALL.stream().map(Brands.Brand::id).toList();
        int hot = ids.indexOf(SimulationConfig.HOT_BRAND);
        double[] even = shares(FirehoseSimulator.brandCumulative(SimulationConfig.defaults()));
        double[] skewed = shares(FirehoseSimulator.brandCumulative(SimulationConfig.defaults().withHotBrand(0.9)));

        assertThat(skewed[hot]).isCloseTo(0.9, within(1e-9));
        int other = hot == 0 ? 1 : 0;
        for (int i = 0; i < ids.size(); i++) {
            if (i != hot) {
                assertThat(skewed[i] / skewed[other]).as(ids.get(i)).isCloseTo(even[i] / even[other], within(1e-9));
            }
        }
    }

    @Test
    void noHotBrandLeavesTheFirehoseAsItWas() {
        assertThat(FirehoseSimulator.brandCumulative(SimulationConfig.defaults().withHotBrand(0)))
                .containsExactly(FirehoseSimulator.brandCumulative(SimulationConfig.defaults()));
    }
}
