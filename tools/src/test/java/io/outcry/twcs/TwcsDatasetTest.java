package io.outcry.twcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.enrich.CatalogBrandRecognizer;
import io.outcry.evaldata.SharedData;
import io.outcry.post.Post;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first 5,000 records of the real export (eval only, read from ../shared/data, never copied). */
class TwcsDatasetTest {

    @TempDir
    Path dir;

    private static TwcsCsv.Result readDataset() throws IOException {
        return TwcsCsv.read(SharedData.file("twcs_first5000.csv"));
    }

    @Test
    void everyRecordOfTheRealExportIsAPostOrRejected() throws IOException {
        TwcsCsv.Result result = readDataset();

        assertThat(result.posts().size() + result.rejected().size()).isEqualTo(5000);
        assertThat(result.rejected()).as("rejected: %s", result.rejected()).isEmpty();
    }

    @Test
    void findsTheBrandCareAccountsInOrderOfFirstAppearance() throws IOException {
        TwcsCsv.Result result = readDataset();

        assertThat(result.brandAccounts()).hasSize(76)
                .startsWith("sprintcare", "Ask_Spectrum", "VerizonSupport")
                .contains("AmazonHelp", "AppleSupport", "AskPayPal")
                .allMatch(account -> !account.chars().allMatch(Character::isDigit));
        assertThat(result.posts()).filteredOn(p -> p.author().verified())
                .extracting(p -> p.author().id()).isSubsetOf(result.brandAccounts());

        Path catalog = Files.writeString(dir.resolve("twcs-brands.yaml"), TwcsCsv.catalogYaml(result.brandAccounts()));
        assertThat(CatalogBrandRecognizer.load(catalog.toString()).brands()).hasSize(76);
    }

    @Test
    void theBareCarriageReturnOfTweet3399StaysInsideItsText() throws IOException {
        Map<String, Post> byId = readDataset().posts().stream().collect(Collectors.toMap(Post::id, Function.identity()));

        assertThat(byId.get("3399").text()).startsWith("@AskPayPal \r\rI just love the start of email");
        assertThat(byId.get("3399").author().id()).isEqualTo("116510");
        assertThat(byId.get("3400").author().id()).as("the record after it is whole").isEqualTo("AskPlayStation");
    }

    @Test
    void floatReplyIdsBecomeIdsOfPostsInTheExport() throws IOException {
        Map<String, Post> byId = readDataset().posts().stream().collect(Collectors.toMap(Post::id, Function.identity()));

        assertThat(byId.get("1").replyToId()).isEqualTo("3");
        assertThat(byId.get("8").replyToId()).isNull();
        assertThat(byId.values()).extracting(Post::replyToId).filteredOn(id -> id != null)
                .allMatch(id -> id.matches("[1-9][0-9]*"));
    }

    @Test
    void everyPostBelongsToTheConversationOfItsParent() throws IOException {
        Map<String, Post> byId = readDataset().posts().stream().collect(Collectors.toMap(Post::id, Function.identity()));
        Map<String, Long> sizes = byId.values().stream().collect(Collectors.groupingBy(Post::conversationId, Collectors.counting()));

        assertThat(byId.values()).allSatisfy(post -> {
            Post parent = post.replyToId() == null ? null : byId.get(post.replyToId());
            String expected = post.replyToId() == null ? post.id() : parent == null ? post.replyToId() : parent.conversationId();
            assertThat(post.conversationId()).as("conversation of %s", post.id()).isEqualTo(expected);
        });
        assertThat(sizes).hasSize(1312);
        assertThat(sizes.keySet()).filteredOn(id -> !byId.containsKey(id)).as("under a parent the file does not hold").hasSize(6);
        assertThat(sizes.values().stream().mapToLong(Long::longValue).max()).hasValue(130);
    }
}
