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

    Dataset dataset() {
        return new Dataset(csv, textColumn, labelColumn, Dataset.parseLabelMap(labelMap),
                filters.stream().map(Dataset.Filter::parse).toList(), langColumn, lang);
    }
}
