package io.outcry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    @Test
    void findsTheFirstNewlineAtEveryPositionOfAWord() {
        for (int length = 0; length < 40; length++) {
            for (int at = 0; at < length; at++) {
                byte[] bytes = new byte[length];
                Arrays.fill(bytes, (byte) 'x');
                bytes[at] = '\n';
                if (at + 3 < length) {
                    bytes[at + 3] = '\n';
                }
                assertThat(JsonLines.newline(bytes, 0, length)).as("length %d, newline at %d", length, at).isEqualTo(at);
            }
            assertThat(JsonLines.newline(new byte[length], 0, length)).isEqualTo(-1);
        }
    }

    @Test
    void splitsLinesOfEverySizeAcrossChunksWithoutTheirLineEnds() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        List<String> written = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            String line = "é".repeat(random.nextInt(0, 200)) + "x".repeat(random.nextInt(0, i % 500 == 0 ? 200_000 : 50));
            written.add(line);
            file.append(line).append(random.nextBoolean() ? "\r\n" : "\n");
        }
        file.append("last without newline");
        written.add("last without newline");
        List<String> read = new ArrayList<>();

        JsonLines.read(new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.UTF_8)),
                (bytes, offset, length, number) -> {
                    assertThat(number).isEqualTo(read.size() + 1);
                    read.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
                });

        assertThat(read).isEqualTo(written);
    }
}
