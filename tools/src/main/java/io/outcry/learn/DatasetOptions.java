package io.outcry.learn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that map a labelled CSV onto posts, shared by {@code train} and {@code evaluate}. */
public final class DatasetOptions {

    @Option(names = "--csv", required = true, paramLabel = "<file.csv>", description = "Labelled CSV file with a header line.")
    Path csv;

    @Option(names = "--text", required = true, paramLabel = "<column>", description = "Column of the post text.")
    String textColumn;

    @Option(names = "--label", required = true, paramLabel = "<column>", description = "Column of the gold label.")
    String labelColumn;

    @Option(names = "--label-map", paramLabel = "<from=to,...>",
            description = "Renames or merges labels, e.g. 'negative=negative,neutral=other,positive=other' or '1=negative,0=other'.")
    String labelMap;

    @Option(names = "--filter", paramLabel = "<column>[!]=<value>",
            description = "Keeps the rows where the column equals (=) or differs from (!=) the value; repeatable, e.g. "
                    + "--filter \"negativereason!=Can't Tell\" --filter 'negativereason!='.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--lang-column", paramLabel = "<column>", description = "Column of the post language (ISO 639-1).")
    String langColumn;

    @Option(names = "--lang", paramLabel = "<code>", description = "Language of every post when there is no language column.")
    String lang;

    @Option(names = "--split-rest-by", paramLabel = "<column>",
            description = "With --positive-class: learn the rows of every other class as one class per value of this "
                    + "column, still counted as their class in the figures; e.g. --split-rest-by subjective on SENTIPOLC "
                    + "learns objective posts apart from subjective ones that are not negative.")
    String restColumn;

    /** @param positiveClass the class --split-rest-by keeps whole, or null */
    Dataset dataset(String positiveClass) {
        if (restColumn != null && positiveClass == null) {
            throw new IllegalArgumentException("--split-rest-by " + restColumn + " needs --positive-class: the class it keeps whole");
        }
        return new Dataset(csv, textColumn, labelColumn, Dataset.parseLabelMap(labelMap),
                filters.stream().map(Dataset.Filter::parse).toList(), langColumn, lang,
                restColumn == null ? null : new Dataset.RestSplit(positiveClass, restColumn));
    }
}
