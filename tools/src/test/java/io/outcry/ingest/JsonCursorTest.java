package io.outcry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCursorTest {

    private static JsonCursor cursor(String json) {
        byte[] bytes = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
        return new JsonCursor(bytes, 2, bytes.length - 4);
    }

    @Test
    void decodesEveryJsonEscapeIncludingSurrogatePairs() {
        JsonCursor json = cursor("{\"text\": \"a\\\"b\\\\c\\/d\\n\\t\\u00e8 \\ud83d\\ude43 è 🙃\"}");

        assertThat(json.startObject()).isTrue();
        assertThat(json.nextField()).isTrue();
        assertThat(json.is("text")).isTrue();
        assertThat(json.string("", "text")).isEqualTo("a\"b\\c/d\n\tè 🙃 è 🙃");
        assertThat(json.nextField()).isFalse();
        assertThat(json.atEnd()).isTrue();
    }

    @Test
    void skipsNestedValuesWithBracketsAndQuotesInsideStrings() {
        JsonCursor json = cursor("{\"a\": {\"b\": [1, \"]}\\\"\", {\"c\": null}]}, \"n\": -12, \"t\": true, \"id\": 2123849384437698561}");
        List<String> seen = new ArrayList<>();

        json.startObject();
        while (json.nextField()) {
            seen.add(json.name());
            if (json.is("id")) {
                assertThat(json.id("", "id")).isEqualTo("2123849384437698561");
            } else {
                json.skip();
            }
        }

        assertThat(seen).containsExactly("a", "n", "t", "id");
        assertThat(json.atEnd()).isTrue();
    }

    @Test
    void refusesARecordThatEndsEarlyOrBreaksTheStructureWithTheByteOffset() {
        JsonCursor cut = cursor("{\"a\": [1, 2");
        cut.startObject();
        cut.nextField();
        assertThatThrownBy(cut::skip).hasMessage("not valid JSON: the record ends early, at byte 11 (cut off?)");

        JsonCursor broken = cursor("{\"a\" 1}");
        broken.startObject();
        assertThatThrownBy(broken::nextField).hasMessage("not valid JSON: expected ':' after a field name at byte 5, found a number");
    }

    @Test
    void namesTheFieldWhoseValueHasTheWrongTypeOrDoesNotFit() {
        JsonCursor json = cursor("{\"followers_count\": \"12\", \"big\": 99999999999999999999}");
        json.startObject();
        json.nextField();
        assertThatThrownBy(() -> json.wholeNumber("user.", "followers_count"))
                .hasMessage("user.followers_count must be a whole number, got a string");
        json.skip();
        json.nextField();
        assertThatThrownBy(() -> json.wholeNumber("", "big")).hasMessage("big must be a whole number, got 99999999999999999999");
    }
}
