package io.outcry.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    private static Csv parse(String text) throws IOException {
        return Csv.parse(new StringReader(text), "test.csv");
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
        Csv csv = parse("id,text\n1,\"a, b\"\n2,\"she said \"\"no\"\"\nthen left\"\n");
        assertThat(csv.header()).containsExactly("id", "text");
        assertThat(csv.rows()).containsExactly(List.of("1", "a, b"), List.of("2", "she said \"no\"\nthen left"));
    }

    @Test
    void readsCrlfEndingsAndAByteOrderMark() throws IOException {
        Csv csv = parse("\uFEFFid,text\r\n\"1\",\"ciao\"\r\n2,\r\n");
        assertThat(csv.header()).containsExactly("id", "text");
        assertThat(csv.rows()).containsExactly(List.of("1", "ciao"), List.of("2", ""));
    }

    @Test
    void keepsABareCarriageReturnInsideAnUnquotedFieldAsData() throws IOException {
        Csv csv = parse("id,text\n1,broken\rline\n2,next");
        assertThat(csv.rows()).containsExactly(List.of("1", "broken\rline"), List.of("2", "next"));
    }

    @Test
    void acceptsALeadingUnnamedIndexColumn() throws IOException {
        Csv csv = parse(",tweet_id,text\n0,119237,hello\n");
        assertThat(csv.column("text")).isEqualTo(2);
        assertThat(csv.column("")).isZero();
        assertThat(csv.rows().get(0)).containsExactly("0", "119237", "hello");
    }

    @Test
    void namesTheLineOfAQuoteNeverClosed() {
        assertThatThrownBy(() -> parse("id,text\n1,ok\n2,\"never closed\n3,x\n"))
                .isInstanceOf(CsvException.class)
                .hasMessageContaining("test.csv")
                .hasMessageContaining("line 3");
    }

    @Test
    void listsTheColumnsWhenOneIsMissing() throws IOException {
        Csv csv = parse("id,text\n1,a\n");
        assertThatThrownBy(() -> csv.column("label")).hasMessageContaining("[id, text]");
    }

    @Test
    void decodesHtmlEntitiesOfTweetExports() {
        assertThat(Html.unescape("fish &amp; chips &lt;3 &#39;ok&#39; &#x1F600; &bogus; & done"))
                .isEqualTo("fish & chips <3 'ok' \uD83D\uDE00 &bogus; & done");
    }
}
