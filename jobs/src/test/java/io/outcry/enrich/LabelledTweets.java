package io.outcry.enrich;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A minimal RFC 4180 reader for the labelled tweet files of ../shared/data (quoted fields hold raw newlines). */
final class LabelledTweets {

    private LabelledTweets() {}

    /** The rows of {@code file}, header first. */
    static List<List<String>> read(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int c;
            while ((c = in.read()) != -1) {
                if (quoted) {
                    if (c == '"') {
                        in.mark(1);
                        int next = in.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next != -1) {
                                in.reset();
                            }
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else if (c != '\r') {
                    field.append((char) c);
                }
            }
            if (!field.isEmpty() || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
        }
        return rows;
    }

    /** Twitter's HTML escapes, as the airline export keeps them. */
    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
