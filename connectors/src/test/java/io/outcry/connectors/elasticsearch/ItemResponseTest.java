package io.outcry.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.elasticsearch.ItemResponse.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ItemResponseTest {

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
        "200, INDEXED",
        "201, INDEXED",
        "429, RETRY",
        "500, RETRY",
        "502, RETRY",
        "503, RETRY",
        "400, REJECTED",
        "401, DENIED",
        "403, DENIED",
        "404, DENIED",
        "409, REJECTED",
        "413, REJECTED"
    })
    void classifiesAnItemByItsStatus(int status, Outcome expected) {
        assertThat(new ItemResponse(status, "some_exception: detail").outcome()).isEqualTo(expected);
    }
}
