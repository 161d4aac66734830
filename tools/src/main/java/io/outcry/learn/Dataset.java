package io.outcry.learn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to read labelled posts out of a CSV file: which column holds the text, which the
 * label, how labels are renamed or merged, which rows to keep, and where the language comes
 * from.
 *
 * @param csv the file
 * @param textColumn column of the post text
 * @param labelColumn column of the gold label
 * @param labelMap renames labels ({@code neutral=other}); labels it does not name are kept
 * @param filters rows must pass every one of them
 * @param langColumn column of the language, or null
 * @param lang language of every row when there is no language column, or null
 * @param restSplit how the rows outside one class are learnt as several, or null
 */
public record Dataset(Path csv, String textColumn, String labelColumn, Map<String, String> labelMap,
        List<Filter> filters, String langColumn, String lang, RestSplit restSplit) {

    public Dataset {
        labelMap = Map.copyOf(labelMap);
        filters = List.copyOf(filters);
    }

    /** Every row learnt as its gold class. */
    public Dataset(Path csv, String textColumn, String labelColumn, Map<String, String> labelMap,
            List<Filter> filters, String langColumn, String lang) {
        this(csv, textColumn, labelColumn, labelMap, filters, langColumn, lang, null);
    }

    /**
     * Rows whose class is not {@code keptClass} are learnt as one class per value of
     * {@code column}, named {@code <class> (<column>=<value>)}, and still counted as their class
     * in the figures. On SENTIPOLC, {@code subjective} parts the posts that are not negative into
     * objective ones and subjective ones, positive or neutral: one class of the two held posts
     * that share little, and the model tells negative posts from each better than from their mix.
     */
    public record RestSplit(String keptClass, String column) {

        private static final Pattern PART = Pattern.compile("(.+) \\([^()=]+=[^()]*\\)");

        /** The class a row of {@code label} whose {@link #column()} holds {@code value} is learnt as. */
        String learntAs(String label, String value) {
            return label.equals(keptClass) ? label : label + " (" + column + "=" + value + ")";
        }

        /** The class {@code learnt} is a part of, or null when it names no part. */
        static String whole(String learnt) {
            Matcher part = PART.matcher(learnt);
            return part.matches() ? part.group(1) : null;
        }
    }

    /** Keeps a row when its {@code column} equals {@code value}, or differs from it when {@code negated}. */
    public record Filter(String column, String value, boolean negated) {

        /** Parses {@code column=value} or {@code column!=value}; the value may be empty. */
        public static Filter parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new CsvException("filter '" + spec + "' must read <column>=<value> or <column>!=<value>");
            }
            boolean negated = spec.charAt(eq - 1) == '!';
            String column = spec.substring(0, negated ? eq - 1 : eq);
            if (column.isEmpty()) {
                throw new CsvException("filter '" + spec + "' names no column");
            }
            return new Filter(column, spec.substring(eq + 1), negated);
        }

        boolean keeps(String cell) {
            return cell.equals(value) != negated;
        }
    }

    /** Parses {@code a=b,c=d} into a label map; an empty or null spec maps nothing. */
    public static Map<String, String> parseLabelMap(String spec) {
        Map<String, String> map = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return map;
        }
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new CsvException("label map entry '" + pair + "' must read <label>=<new label>, e.g. neutral=other");
            }
            map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return map;
    }

    /** Reads the rows the filters keep. */
    public List<LabelledPost> load() throws IOException {
        return loadBy(null).get("");
    }

    /**
     * Reads the rows the filters keep, grouped by their value in {@code groupColumn} (sorted),
     * or all in one group when it is null.
     */
    public SortedMap<String, List<LabelledPost>> loadBy(String groupColumn) throws IOException {
        Csv file = Csv.read(csv);
        int group = groupColumn == null ? -1 : file.column(groupColumn);
        int text = file.column(textColumn);
        int label = file.column(labelColumn);
        int language = langColumn == null ? -1 : file.column(langColumn);
        int[] filterColumns = filters.stream().mapToInt(f -> file.column(f.column())).toArray();
        int rest = restSplit == null ? -1 : file.column(restSplit.column());
        SortedMap<String, List<LabelledPost>> posts = new TreeMap<>();
        int line = 1;
        for (List<String> row : file.rows()) {
            line++;
            int needed = Math.max(Math.max(Math.max(Math.max(text, label), language), group), rest);
            if (row.size() <= needed) {
                throw new CsvException(csv + ": record " + line + " has " + row.size() + " fields, the header "
                        + file.header().size() + "; quote fields holding commas or line breaks");
            }
            if (!kept(row, filterColumns)) {
                continue;
            }
            String gold = row.get(label).strip();
            String mapped = labelMap.getOrDefault(gold, gold);
            String learnt = rest < 0 ? mapped : restSplit.learntAs(mapped, row.get(rest).strip());
            LabelledPost post = new LabelledPost(Html.unescape(row.get(text)),
                    language < 0 ? lang : blankToNull(row.get(language)), mapped, learnt);
            posts.computeIfAbsent(group < 0 ? "" : row.get(group).strip(), g -> new ArrayList<>()).add(post);
        }
        if (posts.isEmpty()) {
            throw new CsvException(csv + ": no row left after the filters " + filters);
        }
        return posts;
    }

    private boolean kept(List<String> row, int[] filterColumns) {
        for (int f = 0; f < filterColumns.length; f++) {
            String cell = filterColumns[f] < row.size() ? row.get(filterColumns[f]) : "";
            if (!filters.get(f).keeps(cell)) {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value.strip();
    }
}
