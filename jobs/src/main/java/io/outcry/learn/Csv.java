package io.outcry.learn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read whole: RFC 4180 quoting (fields in double quotes may hold commas, doubled
 * quotes and raw line breaks), LF or CRLF line endings, an optional UTF-8 byte order mark,
 * a bare CR inside an unquoted field kept as data (exported tweets hold some), and a header whose first name may be empty (the unnamed index column pandas
 * writes).
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
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        }
    }

    /** Parses {@code source} whole; {@code sourceName} names it in error messages. */
    public static Csv parse(Reader source, String sourceName) throws IOException {
        // one character of look-ahead, for doubled quotes and CRLF
        Reader reader = source.markSupported() ? source : new BufferedReader(source);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int quoteLine = 0;
        int c;
        boolean first = true;
        while ((c = reader.read()) != -1) {
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    continue;
                }
            }
            if (quoted) {
                if (c == '"') {
                    reader.mark(1);
                    int next = reader.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            reader.reset();
                        }
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (fieldStarted) {
                        // a quote inside an unquoted field is data, as spreadsheets write it
                        field.append('"');
                    } else {
                        quoted = true;
                        fieldStarted = true;
                        quoteLine = line;
                    }
                }
                case ',' -> {
                    record.add(field.toString());
                    field.setLength(0);
                    fieldStarted = false;
                }
                case '\r', '\n' -> {
                    if (c == '\r') {
                        reader.mark(1);
                        int next = reader.read();
                        if (next != '\n' && next != -1) {
                            reader.reset();
                            field.append('\r');
                            fieldStarted = true;
                            continue;
                        }
                    }
                    line++;
                    record.add(field.toString());
                    field.setLength(0);
                    fieldStarted = false;
                    if (!(record.size() == 1 && record.get(0).isEmpty())) {
                        records.add(record);
                    }
                    record = new ArrayList<>();
                }
                default -> {
                    field.append((char) c);
                    fieldStarted = true;
                }
            }
        }
        if (quoted) {
            throw new CsvException(sourceName + ": the quoted field opened on line " + quoteLine
                    + " is never closed; close it with a double quote (a quote inside a field is written twice)");
        }
        if (fieldStarted || !field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
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
