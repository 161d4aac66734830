package io.outcry.learn;

import io.outcry.csv.CsvReader;
import io.outcry.csv.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read whole, in the dialect of {@link CsvReader} (RFC 4180 quoting, LF or CRLF,
 * an optional byte order mark, a bare CR inside an unquoted field kept as data), with a
 * header whose first name may be empty (the unnamed index column pandas writes).
 *
 * @param header column names of the first record
 * @param rows every following record, each as long as it was written
 */
public record Csv(List<String> header, List<List<String>> rows) {

    public Csv {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    public static Csv read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    /** Parses {@code source} whole; {@code sourceName} names it in error messages. */
    public static Csv parse(Reader source, String sourceName) throws IOException {
        StringWriter text = new StringWriter();
        source.transferTo(text);
        return parse(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), sourceName);
    }

    private static Csv parse(InputStream source, String sourceName) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(source)) {
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                if (!record.readable()) {
                    throw new CsvException(sourceName + ": record on line " + record.line() + ": " + record.problem());
                }
                records.add(record.fields());
            }
        }
        if (records.isEmpty()) {
            throw new CsvException(sourceName + ": empty file, expected a header line");
        }
        return new Csv(records.get(0), records.subList(1, records.size()));
    }

    /** Position of the column named {@code name}; the error lists the columns there are. */
    public int column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new CsvException("no column '" + name + "'; the header has " + header);
        }
        return index;
    }
}
