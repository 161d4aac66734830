package io.outcry.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A template is installed over an older one only when its version is higher, so a change of a
 * bundled template that keeps its version would never reach a cluster that holds the template.
 * {@code template-versions.txt} records each template's version with a hash of its content.
 */
class TemplateVersionsTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/elasticsearch");
    private static final Path RECORDED = Path.of("src/test/resources/elasticsearch/template-versions.txt");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyChangeOfABundledTemplateRaisesItsVersion() throws Exception {
        List<String> recorded = Files.readAllLines(RECORDED).stream().filter(line -> !line.startsWith("#")).toList();
        List<String> current;
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            current = files.filter(f -> f.toString().endsWith(".json")).sorted().map(TemplateVersionsTest::line).toList();
        }

        for (String line : current) {
            String[] now = line.split(" ");
            for (String was : recorded) {
                String[] before = was.split(" ");
                if (before[0].equals(now[0]) && !before[2].equals(now[2])) {
                    assertThat(Long.parseLong(now[1])).as(now[0] + " changed: raise its \"version\" above " + before[1])
                            .isGreaterThan(Long.parseLong(before[1]));
                }
            }
        }
        assertThat(current).as("record these lines in " + RECORDED).containsExactlyElementsOf(recorded);
    }

    /** {@code <file> <version> <sha-256 of the body without its version, as parsed JSON>}. */
    private static String line(Path file) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(file.toFile());
            String version = body.remove("version").asText();
            byte[] content = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            return file.getFileName() + " " + version + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
