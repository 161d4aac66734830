package io.outcry.datafiles;

import io.outcry.text.TextNormalizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives every bundled sentiment resource in {@code lexicon/} that {@link io.outcry.sentiment.LexiconSentimentScorer}
 * and {@link io.outcry.text.HashtagSplitter} read, from the lexicons in {@code ../shared/data/lexicons}. Rerun
 * it when those change, from the repository root after {@code mvn -pl tools -am package -DskipTests}:
 * <pre>
 * java -cp tools/target/outcry-tools-0.1.0-SNAPSHOT-cli.jar \
 *     io.outcry.datafiles.LexiconBuilder ../shared/data/lexicons job/src/main/resources/lexicon
 * </pre>
 * It writes, each a sorted {@code term<TAB>valence} list headed by its licence line:
 * <ul>
 *   <li>{@code afinn-<lang>.tsv} for it, en, es, fr, de, pt: AFINN-165 ({@code AFINN-<lang>.json}),
 *       integers -5..5, terms as written;</li>
 *   <li>{@code vader-en.tsv}: the VADER mean valence (-4..4) of every entry of
 *       {@code vader_lexicon.txt}, words, phrases and emoticons alike;</li>
 *   <li>{@code sentix-it.tsv}: Sentix 3.1.1 single-word lemmas ({@code sentix_v3.1.1.csv},
 *       multi-word lemmas joined by '_' left out) whose score is at least {@value #SENTIX_MIN}
 *       in absolute value, the score (-1..1) averaged over a lemma's senses, three decimals;</li>
 *   <li>{@code emoji-sentiment.tsv}: per emoji seen at least {@value #EMOJI_MIN_OCCURRENCES}
 *       times in the Emoji Sentiment Ranking 1.0 ({@code emoji_sentiment_v1.0.csv}), the mean
 *       sentiment {@code (positive - negative) / occurrences}, three decimals;</li>
 *   <li>{@code hashtag-words.txt}: the folded single words of all the above (Sentix lemmas
 *       of any score) of three letters or more, the vocabulary {@code HashtagSplitter} cuts
 *       joined hashtags against.</li>
 * </ul>
 * The licence and attribution files in {@code lexicon/} ({@code *-ATTRIBUTION.md},
 * {@code VADER-LICENSE.txt}, copied from {@code vader_LICENSE.txt}) and Outcry's own lists ({@code outcry-<lang>.tsv},
 * {@code function-words.txt}) are kept by hand.
 */
public final class LexiconBuilder {

    static final double SENTIX_MIN = 0.1;
    static final int EMOJI_MIN_OCCURRENCES = 5;
    private static final List<String> AFINN_LANGUAGES = List.of("it", "en", "es", "fr", "de", "pt");
    private static final int MIN_HASHTAG_WORD = 3;

    private LexiconBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LexiconBuilder <shared/data/lexicons dir> <output dir, e.g. job/src/main/resources/lexicon>");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        Files.createDirectories(target);
        TreeSet<String> words = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String lang : AFINN_LANGUAGES) {
            JsonNode afinn = json.readTree(source.resolve("AFINN-" + lang + ".json").toFile());
            Map<String, String> terms = new TreeMap<>();
            afinn.fields().forEachRemaining(entry -> terms.put(
                    entry.getKey().replaceAll("[\\t\\r\\n]+", " ").strip(), Integer.toString(entry.getValue().intValue())));
            write(target.resolve("afinn-" + lang + ".tsv"),
                    "AFINN-165 (" + lang + "), ODbL 1.0 / MIT, see AFINN-ATTRIBUTION.md", terms);
            collectWords(terms.keySet(), words);
        }
        Map<String, String> vader = vader(source.resolve("vader_lexicon.txt"));
        write(target.resolve("vader-en.tsv"), "VADER lexicon, MIT (C.J. Hutto) / Apache-2.0, see VADER-LICENSE.txt", vader);
        collectWords(vader.keySet(), words);
        Map<String, String> sentix = sentix(source.resolve("sentix_v3.1.1.csv"), words);
        write(target.resolve("sentix-it.tsv"), "Sentix 3.1.1, CC BY-SA 4.0, see SENTIX-ATTRIBUTION.md", sentix);
        Map<String, String> emoji = emoji(source.resolve("emoji_sentiment_v1.0.csv"));
        write(target.resolve("emoji-sentiment.tsv"),
                "Emoji Sentiment Ranking 1.0, CC BY-SA 4.0, see EMOJI-ATTRIBUTION.md", emoji);
        for (String lang : List.of("it", "en")) {
            Map<String, String> own = new TreeMap<>();
            for (String line : Files.readAllLines(target.resolve("outcry-" + lang + ".tsv"), StandardCharsets.UTF_8)) {
                if (!line.startsWith("#") && line.contains("\t")) {
                    own.put(line.substring(0, line.indexOf('\t')), "");
                }
            }
            collectWords(own.keySet(), words);
        }
        Path vocabulary = target.resolve("hashtag-words.txt");
        try (Writer writer = Files.newBufferedWriter(vocabulary, StandardCharsets.UTF_8)) {
            writer.write("# words of the bundled lexicons (AFINN-165 ODbL 1.0, VADER MIT, Sentix 3.1.1 CC BY-SA 4.0),"
                    + " see the attribution files\n");
            for (String word : words) {
                writer.write(word + '\n');
            }
        }
        System.out.printf("wrote %d words to %s%n", words.size(), vocabulary);
    }

    private static Map<String, String> vader(Path file) throws IOException {
        Map<String, String> terms = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            if (fields.length >= 2 && !fields[0].isBlank()) {
                terms.put(fields[0].strip(), fields[1].strip());
            }
        }
        return terms;
    }

    private static Map<String, String> sentix(Path file, TreeSet<String> words) throws IOException {
        Map<String, double[]> sums = new TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.split(",");
                // multi-word lemmas are joined by '_'; quoted lemmas are chemical names with commas
                if (fields.length != 4 || !fields[0].chars().allMatch(Character::isLetter)) {
                    continue;
                }
                String lemma = fields[0].toLowerCase(Locale.ROOT);
                double[] sum = sums.computeIfAbsent(lemma, l -> new double[2]);
                sum[0] += Double.parseDouble(fields[1]);
                sum[1]++;
            }
        }
        Map<String, String> terms = new TreeMap<>();
        for (Map.Entry<String, double[]> lemma : sums.entrySet()) {
            double score = lemma.getValue()[0] / lemma.getValue()[1];
            if (lemma.getKey().length() >= MIN_HASHTAG_WORD) {
                words.add(TextNormalizer.fold(lemma.getKey()));
            }
            if (Math.abs(score) >= SENTIX_MIN) {
                terms.put(lemma.getKey(), String.format(Locale.ROOT, "%.3f", score));
            }
        }
        return terms;
    }

    private static Map<String, String> emoji(Path file) throws IOException {
        Map<String, String> terms = new TreeMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            int occurrences = Integer.parseInt(fields[2]);
            if (occurrences < EMOJI_MIN_OCCURRENCES) {
                continue;
            }
            double score = (Double.parseDouble(fields[6]) - Double.parseDouble(fields[4])) / occurrences;
            terms.put(fields[0], String.format(Locale.ROOT, "%.3f", score));
        }
        return terms;
    }

    private static void collectWords(Iterable<String> terms, TreeSet<String> words) {
        for (String term : terms) {
            List<String> tokens = new ArrayList<>(TextNormalizer.tokens(term));
            if (tokens.size() == 1 && tokens.get(0).length() >= MIN_HASHTAG_WORD
                    && tokens.get(0).chars().allMatch(Character::isLetter)) {
                words.add(tokens.get(0));
            }
        }
    }

    private static void write(Path out, String licence, Map<String, String> terms) throws IOException {
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write("# " + licence + "\n");
            for (Map.Entry<String, String> term : terms.entrySet()) {
                writer.write(term.getKey() + '\t' + term.getValue() + '\n');
            }
        }
        System.out.printf("wrote %d terms to %s%n", terms.size(), out);
    }
}
