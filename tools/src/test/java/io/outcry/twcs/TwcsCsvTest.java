package io.outcry.twcs;

import static io.outcry.twcs.TwcsFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.enrich.CatalogBrandRecognizer;
import io.outcry.text.TokenizedText;
import io.outcry.post.Author;
import io.outcry.post.Post;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwcsCsvTest {

    @TempDir
    Path dir;

    @Test
    void mapsABrandReplyToACanonicalPost() throws IOException {
        TwcsCsv.Result result = read(
                "0,10,AcmeHelp,False,Wed Nov 01 09:15:02 +0000 2017,@9001 Sorry! Please DM us #AcmeCare,,9.0\n");

        assertThat(result.rejected()).isEmpty();
        assertThat(result.posts()).containsExactly(new Post("10", "twitter",
                Instant.parse("2017-11-01T09:15:02Z").toEpochMilli(), new Author("AcmeHelp", "acmehelp", Author.UNKNOWN_FOLLOWERS, true, null),
                "@9001 Sorry! Please DM us #AcmeCare", null, null, null, "9", null, null,
                List.of("9001"), List.of("acmecare"), null, "9"));
    }

    /** Newest first, as the export lists a thread, with its top cut off, a whole thread and a row in error. */
    private static final String THREADS =
            "0,5,AcmeHelp,False,Wed Nov 01 09:15:00 +0000 2017,@9001 please DM us,,4.0\n"
            + "1,4,9001,True,Wed Nov 01 09:12:00 +0000 2017,@AcmeHelp still broken,5,3.0\n"
            + "2,3,AcmeHelp,False,Wed Nov 01 09:11:00 +0000 2017,@9001 sorry to hear,4,1.0\n"
            + "3,9,AcmeHelp,False,Wed Nov 01 09:21:00 +0000 2017,@9002 on it,,8\n"
            + "4,8,9002,True,Wed Nov 01 09:20:00 +0000 2017,@AcmeHelp my parcel?,9,\n"
            + "5,31,AcmeHelp,False,Wed Nov 01 09:31:00 +0000 2017,@9003 sorry,,30\n"
            + "6,30,9003,True,not a date,@AcmeHelp still nothing,31,29\n"
            + "7,29,9003,True,Wed Nov 01 09:29:00 +0000 2017,@AcmeHelp where is it,30,\n";

    @Test
    void aThreadsPostsShareTheConversationOfItsTopmostTweetWhereverTheRowsAre() throws IOException {
        TwcsCsv.Result result = read(THREADS);

        assertThat(result.rejected()).extracting(TwcsCsv.Rejected::recordNumber).containsExactly(7L);
        assertThat(result.posts()).extracting(p -> p.id() + "<" + p.replyToId() + " in " + p.conversationId()).containsExactly(
                "5<4 in 1", "4<3 in 1", "3<1 in 1",
                "9<8 in 8", "8<null in 8",
                "31<30 in 30", "29<null in 29");
    }

    @Test
    void readingTheFileTwiceGivesEveryPostTheConversationReadingItWholeDoes() throws IOException {
        Path csv = Files.writeString(dir.resolve("twcs.csv"), TwcsFixture.HEADER + THREADS);
        List<Post> posts = new java.util.ArrayList<>();
        List<TwcsCsv.Rejected> rejected = new java.util.ArrayList<>();

        long records = TwcsCsv.stream(csv, posts::add, rejected::add);

        TwcsCsv.Result whole = TwcsCsv.read(csv);
        assertThat(records).isEqualTo(8);
        assertThat(posts).isEqualTo(whole.posts());
        assertThat(rejected).extracting(TwcsCsv.Rejected::reason).isEqualTo(whole.rejected().stream().map(TwcsCsv.Rejected::reason).toList());
    }

    @Test
    void aChainClosedOnItselfTakesTheSmallestIdOfItsCycleAndSoDoesWhatLeadsIntoIt() throws IOException {
        TwcsCsv.Result result = read("0,22,9001,True,Wed Nov 01 09:10:00 +0000 2017,a,,21\n"
                + "1,21,AcmeHelp,False,Wed Nov 01 09:11:00 +0000 2017,b,,22\n"
                + "2,20,9001,True,Wed Nov 01 09:12:00 +0000 2017,c,,22\n"
                + "3,40,9002,True,Wed Nov 01 09:13:00 +0000 2017,d,,40\n");

        assertThat(result.posts()).extracting(Post::conversationId).containsExactly("21", "21", "21", "40");
    }

    @Test
    void idsTooLongForALongStillChainApart() throws IOException {
        String big = "123456789012345678901234";
        TwcsCsv.Result result = read("0," + big + "1,AcmeHelp,False,Wed Nov 01 09:11:00 +0000 2017,a,," + big + "0\n"
                + "1," + big + "0,9001,True,Wed Nov 01 09:10:00 +0000 2017,b,,\n"
                + "2," + big + "2,AcmeHelp,False,Wed Nov 01 09:12:00 +0000 2017,c,," + big + "3\n");

        assertThat(result.posts()).extracting(Post::conversationId).containsExactly(big + "0", big + "0", big + "3");
    }

    @Test
    void aCustomerIsANumberNotVerifiedAndOfUnknownReach() throws IOException {
        Post post = read("0,9,9001,True,Wed Nov 01 09:10:00 +0000 2017,@AcmeHelp my order never came,10,\n").posts().get(0);

        assertThat(post.author()).isEqualTo(new Author("9001", "9001", Author.UNKNOWN_FOLLOWERS, false, null));
        assertThat(post.replyToId()).as("an empty in_response_to_tweet_id is no reply").isNull();
        assertThat(post.mentions()).containsExactly("acmehelp");
    }

    @Test
    void readsFloatIdsAndQuotedIdLists() throws IOException {
        TwcsCsv.Result result = read(
                "0,12.0,9001,True,Wed Nov 01 09:10:00 +0000 2017,first,\"13,15,17\",11.0\n"
                        + "1,13,AcmeHelp,False,Wed Nov 01 09:11:00 +0000 2017,second,\"20\",000012.0\n");

        assertThat(result.rejected()).isEmpty();
        assertThat(result.posts()).extracting(Post::id).containsExactly("12", "13");
        assertThat(result.posts()).extracting(Post::replyToId).containsExactly("11", "12");
    }

    @Test
    void aBareCarriageReturnInAnUnquotedTextStaysInItsRecord() throws IOException {
        TwcsCsv.Result result = read(
                "0,1,9001,True,Wed Nov 01 09:10:00 +0000 2017,@AcmeHelp \r\rlove the start of this email,2,\n"
                        + "1,2,AcmeHelp,False,Wed Nov 01 09:12:00 +0000 2017,@9001 glad to hear,,1.0\n");

        assertThat(result.rejected()).isEmpty();
        assertThat(result.posts()).extracting(Post::text)
                .containsExactly("@AcmeHelp \r\rlove the start of this email", "@9001 glad to hear");
        assertThat(result.posts().get(1).replyToId()).isEqualTo("1");
    }

    @Test
    void readsQuotedTextsWithCommasLineBreaksAndDoubledQuotes() throws IOException {
        TwcsCsv.Result result = read(
                "0,1,9001,True,Wed Nov 01 09:10:00 +0000 2017,\"@AcmeHelp hi, it says \"\"error 5\"\"\nagain\r\nand again\",,\n"
                        + "1,2,9002,True,Wed Nov 01 09:11:00 +0000 2017,\"\",,\n");

        assertThat(result.rejected()).isEmpty();
        assertThat(result.posts()).extracting(Post::text)
                .containsExactly("@AcmeHelp hi, it says \"error 5\"\nagain\r\nand again", "");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a date in another format    | 1,5,9001,True,2017-11-01 09:10:00,text,,                                  | created_at        | 'Tue Oct 31 22:10:47 +0000 2017'
            a weekday that is not the date's | 1,5,9001,True,Mon Nov 01 09:10:00 +0000 2017,text,,                  | created_at        | weekday matching the date
            a tweet id that is no number | 1,5a,9001,True,Wed Nov 01 09:10:00 +0000 2017,text,,                     | tweet_id          | write the tweet id in digits
            no tweet id                 | 1,,9001,True,Wed Nov 01 09:10:00 +0000 2017,text,,                        | tweet_id          | needs its id
            a text with an unquoted comma | 1,5,9001,True,Wed Nov 01 09:10:00 +0000 2017,hi, there,,                | columns           | has 9 fields, the header 8; quote a text
            a short row                 | 1,5,9001,True                                                             | columns           | has 4 fields
            an inbound flag that is not one | 1,5,9001,yes,Wed Nov 01 09:10:00 +0000 2017,text,,                    | inbound           | neither True nor False
            a named account marked inbound | 1,5,AcmeHelp,True,Wed Nov 01 09:10:00 +0000 2017,text,,                | inbound           | customers are numbers
            a gap in the response list  | 1,5,9001,True,Wed Nov 01 09:10:00 +0000 2017,text,"6,,7",                 | response_tweet_id | separated by single commas
            a reply id in exponent form | 1,5,9001,True,Wed Nov 01 09:10:00 +0000 2017,text,,1.2e+18               | in_response_to_tweet_id | not a whole number
            a date before Twitter       | 1,5,9001,True,Sun Oct 31 09:10:00 +0000 1999,text,,                       | post              | before social posts existed
            """)
    void rejectsARecordItCannotMapWithTheRecordTheFieldAndTheFix(String what, String row, String field, String fix)
            throws IOException {
        TwcsCsv.Result result = read("0,4,9001,True,Wed Nov 01 09:09:00 +0000 2017,fine,,\n" + row + "\n"
                + "2,6,9001,True,Wed Nov 01 09:11:00 +0000 2017,fine too,,\n");

        assertThat(result.posts()).extracting(Post::id).containsExactly("4", "6");
        assertThat(result.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.recordNumber()).isEqualTo(2);
            assertThat(rejected.reason()).startsWith("record 2 (line 3), " + field + ": ").contains(fix);
            assertThat(rejected.field()).isEqualTo(field);
            assertThat(new String(rejected.original(), StandardCharsets.UTF_8)).isEqualTo(row);
        });
    }

    @Test
    void aRepeatedTweetIsRejectedNotCountedTwice() throws IOException {
        TwcsCsv.Result result = read("0,4,9001,True,Wed Nov 01 09:09:00 +0000 2017,one,,\n"
                + "1,4.0,9001,True,Wed Nov 01 09:09:00 +0000 2017,one,,\n");

        assertThat(result.posts()).hasSize(1);
        assertThat(result.rejected()).singleElement().extracting(TwcsCsv.Rejected::reason)
                .isEqualTo("record 2 (line 3), tweet_id: 4 was already read in record 1; remove the repeated row");
    }

    @Test
    void aRecordThatIsNotUtf8IsRejectedWithItsBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((TwcsFixture.HEADER + "0,4,9001,True,Wed Nov 01 09:09:00 +0000 2017,caf").getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9);
        bytes.writeBytes(",,\n".getBytes(StandardCharsets.UTF_8));
        byte[] file = bytes.toByteArray();

        TwcsCsv.Result result = TwcsCsv.read(new ByteArrayInputStream(file));

        assertThat(result.posts()).isEmpty();
        assertThat(result.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.reason()).startsWith("record 1 (line 2), csv: field 6 is not valid UTF-8");
            assertThat(rejected.original()).containsExactly(
                    java.util.Arrays.copyOfRange(file, TwcsFixture.HEADER.length(), file.length - 1));
        });
    }

    @Test
    void everyRecordIsAPostOrRejectedInFileOrder() throws IOException {
        StringBuilder csv = new StringBuilder();
        int records = 0;
        for (int i = 1; i <= 30; i++) {
            String date = i % 7 == 0 ? "yesterday" : "Wed Nov 01 09:" + String.format("%02d", i) + ":00 +0000 2017";
            String text = i % 5 == 0 ? "\"multi\nline, text\"" : "text " + i;
            csv.append(i - 1).append(',').append(i).append(".0,").append(9000 + i).append(",True,")
                    .append(date).append(',').append(text).append(",,\n");
            records++;
        }
        csv.append("30,31,9031,True,Wed Nov 01 10:00:00 +0000 2017,\"never closed\n31,32,9032,True,x,y,,\n");
        records++;

        TwcsCsv.Result result = read(csv.toString());

        assertThat(result.records()).isEqualTo(records);
        assertThat(result.rejected()).extracting(TwcsCsv.Rejected::recordNumber).containsExactly(7L, 14L, 21L, 28L, 31L);
        assertThat(result.rejected().get(4).field()).isEqualTo("csv");
        assertThat(result.posts()).hasSize(26).extracting(Post::id).doesNotContain("7", "14", "21", "28").startsWith("1", "2");
    }

    @Test
    void listsTheBrandAccountsInOrderOfFirstAppearance() throws IOException {
        TwcsCsv.Result result = read("0,1,9001,True,Wed Nov 01 09:10:00 +0000 2017,a,,\n"
                + "1,2,ZetaCare,False,Wed Nov 01 09:11:00 +0000 2017,b,,\n"
                + "2,3,AcmeHelp,False,Wed Nov 01 09:12:00 +0000 2017,c,,\n"
                + "3,4,ZetaCare,False,Wed Nov 01 09:13:00 +0000 2017,d,,\n");

        assertThat(result.brandAccounts()).containsExactly("ZetaCare", "AcmeHelp");
    }

    @Test
    void refusesAFileThatIsNotATwcsExport() {
        assertThatThrownBy(() -> TwcsCsv.read(new ByteArrayInputStream("id,text\n1,a\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not the twcs export's ,tweet_id,author_id");
    }

    @Test
    void theCatalogLoadsAsTheJobsBrandsAndKnowsTheCareAccounts() throws IOException {
        String yaml = TwcsCsv.catalogYaml(List.of("AcmeHelp", "Zeta_Care", "Ask.Bank", "acmehelp"));
        Path file = Files.writeString(dir.resolve("twcs-brands.yaml"), yaml);

        CatalogBrandRecognizer catalog = CatalogBrandRecognizer.load(file.toString());

        assertThat(catalog.brands()).extracting(b -> b.id() + " " + b.name() + " " + b.industry() + " " + b.handles())
                .containsExactly("acmehelp AcmeHelp support [acmehelp]", "zeta_care Zeta_Care support [zeta_care]",
                        "ask_bank Ask.Bank support [ask.bank]");
        assertThat(catalog.isOfficialAccount("twitter", "acmehelp", "AcmeHelp")).isTrue();
        Post complaint = read("0,1,9001,True,Wed Nov 01 09:10:00 +0000 2017,@AcmeHelp my order never came,,\n").posts().get(0);
        assertThat(catalog.recognize(complaint, TokenizedText.of(complaint.text()))).containsExactly("acmehelp");
    }
}
