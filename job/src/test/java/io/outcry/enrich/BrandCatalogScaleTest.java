package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.post.Post;
import io.outcry.post.PostText;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled catalog plus 5,000 generated brands: recognition stays correct, and the
 * throughput on 280-character posts is printed next to the bundled catalog's (a figure to
 * report, not a timed assertion).
 */
class BrandCatalogScaleTest {

    private static final int GENERATED = 5_000;
    private static final String[] SYLLABLES = {
        "zor", "kel", "brix", "vun", "quo", "dex", "tor", "fyn", "gax", "pli", "wem", "jor", "huk", "syl", "rax",
        "nob", "tiv", "xem", "ulk", "ozz"};
    private static final String[] SUFFIXES = {"Telecom", "Airways", "Express", "Bank", "Energy", "Mobile", "Logistics"};
    private static final String[] FILLER = (
            "ieri ho scritto al servizio clienti per la terza volta e nessuno mi ha ancora risposto sul problema"
            + " della fattura che non torna da mesi the support team never answers and i am still waiting for a"
            + " refund since last week davvero incredibile come si possa trattare cosi chi paga ogni mese").split(" ");

    @TempDir
    static Path dir;

    private static CatalogBrandRecognizer bundled;
    private static CatalogBrandRecognizer large;
    private static List<String> names;

    @BeforeAll
    static void loadCatalogs() throws Exception {
        bundled = CatalogBrandRecognizer.bundled();
        names = generatedNames();
        Path catalog = dir.resolve("brands.yaml");
        Files.writeString(catalog, bundledYaml() + generatedYaml(names));
        large = CatalogBrandRecognizer.load(catalog.toString());
    }

    @Test
    void recognisesEveryGeneratedBrandByNameAliasHandleAndHashtag() {
        assertThat(large.brands()).hasSize(bundled.brands().size() + GENERATED);
        for (int i = 0; i < names.size(); i++) {
            String word = names.get(i);
            String id = "gen" + i;
            String name = word + " " + SUFFIXES[i % SUFFIXES.length];
            assertThat(brandsOf(large, "ieri " + name + " non rispondeva")).as(name).containsExactly(id);
            assertThat(brandsOf(large, "@" + handle(i) + " still waiting")).as(handle(i)).containsExactly(id);
            assertThat(brandsOf(large, "#" + word.toLowerCase() + "down davvero")).as(word).containsExactly(id);
            if (i % 10 == 0) {
                assertThat(brandsOf(large, "che " + word + " oggi")).as("ambiguous " + word).isEmpty();
                assertThat(brandsOf(large, "che " + word + " oggi, il conto")).as(word + " in context")
                        .containsExactly(id);
            } else {
                assertThat(brandsOf(large, "che " + word + " oggi")).as(word).containsExactly(id);
            }
        }
    }

    @Test
    void theBundledBrandsReadTheSameInTheLargeCatalog() {
        for (String text : List.of(
                "Ma TELECOM ITALIA e' ancora giu'", "wind tre non prende, passo a ILIAD", "Ho tre figli",
                "Tre non ha segnale", "Stasera con Tim", "@united lost my bag", "Le poste in gioco",
                "Alle poste per una raccomandata", "vodaffone e ryannair", "sono timido")) {
            assertThat(brandsOf(large, text)).as(text).isEqualTo(brandsOf(bundled, text));
        }
    }

    @Test
    void printsThroughputOnTweetSizedPostsForBothCatalogs() {
        SplittableRandom random = new SplittableRandom(7);
        List<Post> posts = new ArrayList<>();
        List<TokenizedText> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String text = tweet(random, i);
            posts.add(Posts.post("someone", text, null, PostText.mentions(text), PostText.hashtags(text), null, null));
            texts.add(TokenizedText.of(text));
        }
        double averageLength = posts.stream().mapToInt(p -> p.text().length()).average().orElseThrow();
        for (CatalogBrandRecognizer recognizer : List.of(bundled, large)) {
            int recognised = 0;
            long rounds = 0;
            long start = System.nanoTime();
            long warm = start + 500_000_000L;
            long end = warm + 1_000_000_000L;
            long measuredFrom = 0;
            long measured = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                if (measuredFrom == 0 && now >= warm) {
                    measuredFrom = now;
                }
                for (int i = 0; i < posts.size(); i++) {
                    recognised += recognizer.recognize(posts.get(i), texts.get(i)).isEmpty() ? 0 : 1;
                }
                rounds++;
                if (measuredFrom != 0) {
                    measured += posts.size();
                }
            }
            double seconds = (System.nanoTime() - measuredFrom) / 1e9;
            System.out.printf("brand recognition, %d-brand catalog, %.0f-char posts: %,.0f posts/s (%.2f µs/post)%n",
                    recognizer.brands().size(), averageLength, measured / seconds, seconds * 1e6 / measured);
            // every generated post names a generated brand, which only the large catalog knows
            assertThat(recognised / rounds).isEqualTo(recognizer == large ? posts.size() : 0);
        }
    }

    /** A post of about 280 characters naming generated brand {@code i % GENERATED} once. */
    private static String tweet(SplittableRandom random, int i) {
        int brand = i % GENERATED;
        String reference = switch (i % 3) {
            case 0 -> names.get(brand) + " " + SUFFIXES[brand % SUFFIXES.length];
            case 1 -> "@" + handle(brand);
            default -> "#" + names.get(brand).toLowerCase() + "down";
        };
        StringBuilder text = new StringBuilder(reference);
        while (text.length() < 270) {
            text.append(' ').append(FILLER[random.nextInt(FILLER.length)]);
        }
        return text.append('!').toString();
    }

    private static List<String> brandsOf(CatalogBrandRecognizer recognizer, String text) {
        Post post = Posts.post("someone", text, null, PostText.mentions(text), PostText.hashtags(text), null, null);
        return recognizer.recognize(post, TokenizedText.of(text));
    }

    private static String handle(int i) {
        return names.get(i).toLowerCase() + "_" + SUFFIXES[i % SUFFIXES.length].toLowerCase();
    }

    /** Distinct invented words of two to four syllables, none an Italian or English word. */
    private static List<String> generatedNames() {
        SplittableRandom random = new SplittableRandom(42);
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < GENERATED) {
            StringBuilder word = new StringBuilder();
            int syllables = 2 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            word.setCharAt(0, Character.toUpperCase(word.charAt(0)));
            words.add(word.toString());
        }
        return new ArrayList<>(words);
    }

    /** Every tenth brand's short name is ambiguous and confirmed by its industry's "conto". */
    private static String generatedYaml(List<String> names) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String word = names.get(i);
            String alias = i % 10 == 0 ? "{name: " + word + ", ambiguous: true}" : word;
            yaml.append("  - id: gen").append(i).append('\n')
                    .append("    name: ").append(word).append(' ').append(SUFFIXES[i % SUFFIXES.length]).append('\n')
                    .append("    industry: ").append(i % 10 == 0 ? "bank" : "generated").append('\n')
                    .append("    aliases: [").append(alias).append("]\n")
                    .append("    handles: [").append(handle(i)).append("]\n")
                    .append("    hashtags: [").append(word.toLowerCase()).append("down]\n");
        }
        return yaml.toString();
    }

    /** The bundled catalog with a bank industry context added; its brands list comes last. */
    private static String bundledYaml() throws Exception {
        try (InputStream in = BrandCatalogScaleTest.class.getClassLoader()
                .getResourceAsStream(CatalogBrandRecognizer.BUNDLED_CATALOG)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(yaml).contains("industry_context:\n").endsWith("\n");
            return yaml.replace("industry_context:\n", "industry_context:\n  bank: [conto]\n");
        }
    }
}
