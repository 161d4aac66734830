package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.evaldata.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * How often the airline keywords find the complaint reason people labelled, on the Twitter
 * US Airline Sentiment development part in {@code ../shared/data} (eval only: read in place,
 * never copied); the test fails where it is absent (see {@link SharedData}).
 */
class AirlineTopicAgreementTest {

    private static final String FILE = "airline_tweets_dev.csv";

    @Test
    void keywordTopicsFindTheLabelledComplaintReason() throws IOException {
        Path csv = SharedData.file(FILE);
        KeywordTopicClassifier classifier = KeywordTopicClassifier.load((String) null);
        Map<String, String> topicOf = classifier.topicsByLabel();

        List<List<String>> rows = LabelledTweets.read(csv);
        List<String> header = rows.get(0);
        int reasonColumn = header.indexOf("negativereason");
        int textColumn = header.indexOf("text");
        int labelled = 0;
        int found = 0;
        int onlyIt = 0;
        int nothing = 0;
        Map<String, int[]> perLabel = new TreeMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            String expected = topicOf.get(row.get(reasonColumn));
            if (expected == null) {
                continue; // no complaint, or "Can't Tell"
            }
            List<String> topics = classifier.classify(TokenizedText.of(row.get(textColumn)), Set.of("airline"));
            labelled++;
            int[] tally = perLabel.computeIfAbsent(row.get(reasonColumn), k -> new int[2]);
            tally[0]++;
            if (topics.contains(expected)) {
                found++;
                tally[1]++;
                onlyIt += topics.size() == 1 ? 1 : 0;
            }
            nothing += topics.equals(List.of(TopicClassifier.OTHER)) ? 1 : 0;
        }
        StringBuilder report = new StringBuilder(String.format(
                "airline keyword topics on %d labelled complaints: reason found %.3f, found alone %.3f, no topic %.3f%n",
                labelled, (double) found / labelled, (double) onlyIt / labelled, (double) nothing / labelled));
        perLabel.forEach((label, tally) -> report.append(String.format(
                "  %-28s %5d  found %.3f%n", label, tally[0], (double) tally[1] / tally[0])));
        System.out.print(report);

        assertThat(labelled).as("labelled complaints in %s", csv).isGreaterThan(5000);
        assertThat((double) found / labelled).as(report.toString()).isGreaterThanOrEqualTo(0.58);
        assertThat((double) onlyIt / labelled).as(report.toString()).isGreaterThanOrEqualTo(0.33);
    }
}
