package io.outcry.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test CSV files as rows keyed by header, read with the project's own CSV reader. */
final class Csv {

    private Csv() {}

    static List<Map<String, String>> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
    }

    static List<Map<String, String>> resource(String name) {
        try (InputStream in = Csv.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + ": test resource missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read", e);
        }
    }

    static List<Map<String, String>> parse(String text) {
        io.outcry.learn.Csv csv;
        try {
            csv = io.outcry.learn.Csv.parse(new StringReader(text), "test CSV");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<String, String>> rows = new ArrayList<>(csv.rows().size());
        for (List<String> record : csv.rows()) {
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < csv.header().size(); c++) {
                row.put(csv.header().get(c), c < record.size() ? record.get(c) : "");
            }
            rows.add(row);
        }
        return rows;
    }
}
