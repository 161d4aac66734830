package io.outcry.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HashtagSplitterTest {

    private static int[] split(HashtagSplitter splitter, String hashtag) {
        return splitter.split(hashtag.toCharArray(), hashtag.length());
    }

    @Test
    void cutsIntoTheFewestWordsWithWordsShortAndLongAsciiAndNot() {
        HashtagSplitter splitter = new HashtagSplitter(Set.of("pessimo", "servizio", "assistenzaclienti", "città", "bella"));

        assertThat(split(splitter, "pessimoservizio")).containsExactly(7);
        assertThat(split(splitter, "pessimoassistenzaclienti")).containsExactly(7);
        assertThat(split(splitter, "bellacittà")).containsExactly(5);
    }

    @Test
    void ofTwoCutsIntoAsFewWordsTakesTheOneWhoseLastWordIsShorter() {
        HashtagSplitter splitter = new HashtagSplitter(Set.of("ab", "abc", "cde", "de"));

        assertThat(split(splitter, "abcde")).containsExactly(3);
    }

    @Test
    void leavesWholeAWordAndWhatNoWordsCover() {
        HashtagSplitter splitter = new HashtagSplitter(Set.of("pessimo", "servizio", "pessimoservizio"));

        assertThat(split(splitter, "pessimoservizio")).isNull();
        assertThat(split(splitter, "pessimoxservizio")).isNull();
    }
}
