package io.outcry.enrich;

import io.outcry.learn.Csv;
import io.outcry.learn.Html;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The labelled tweet files of ../shared/data, read with the project's own CSV reader. */
final class LabelledTweets {

    private LabelledTweets() {}

    /** The rows of {@code file}, header first. */
    static List<List<String>> read(Path file) throws IOException {
        Csv csv = Csv.read(file);
        List<List<String>> rows = new ArrayList<>(csv.rows().size() + 1);
        rows.add(csv.header());
        rows.addAll(csv.rows());
        return rows;
    }

    /** Twitter's HTML escapes, as the airline export keeps them. */
    static String unescape(String text) {
        return Html.unescape(text);
    }
}
