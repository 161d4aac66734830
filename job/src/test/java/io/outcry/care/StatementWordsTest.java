package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link StatementTracker#words} as one pass gives what the two regular expressions it replaced gave. */
class StatementWordsTest {

    private static final String[] PIECES = {"Valle d'Aosta", "VALLE D’AOSTA", "perché", "Perche\u0301", "CITTÀ", "ß", "İstanbul",
        "ΟΔΟΣ", "Σ", "ǅ", "ﬁ", "Æ", "ø", "n\u0303", "\u20dd", "\u0903", "😀", "\uD800", "\uDC00", "🇮🇹", "東京", "123", "4G", " ", "  ",
        "\n", "\t", "-", "#", "@tim_official", "http://t.co/x", "!", "?", ",", ".", "'", "\u00a0", "\u2009", "Ⅻ", "ʼ", "ı", "ﾃｨﾑ"};

    @Test
    void foldsAsTheRegularExpressionsDid() {
        SplittableRandom random = new SplittableRandom(5L);
        for (String piece : PIECES) {
            assertThat(StatementTracker.words(piece)).as(piece).isEqualTo(former(piece));
        }
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                text.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : PIECES[random.nextInt(PIECES.length)]);
            }
            String s = text.toString();
            assertThat(StatementTracker.words(s)).as("%s", s.codePoints().mapToObj(Integer::toHexString).toList()).isEqualTo(former(s));
        }
        assertThat(StatementTracker.words(null)).isEqualTo(" ");
        assertThat(StatementTracker.words("Disservizio in VALLE d'Aosta!")).isEqualTo(" disservizio in valle d aosta ");
    }

    private static String former(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]+", " ").strip();
        return " " + folded + " ";
    }
}
