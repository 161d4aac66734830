package io.outcry.backtest;

import io.outcry.connectors.kafka.Ingested;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A bounded source of the posts in an NDJSON file, one record per line in file order, each
 * parsed as the Kafka ingest parses it (a malformed line becomes a dead letter, as in
 * production). Each reader streams its own range of lines, so nothing big travels with the job.
 */
public final class NdjsonPosts implements GeneratorFunction<Long, Ingested<Post>> {

    private static final long serialVersionUID = 1L;

    private final String file;
    private transient BufferedReader reader;
    private transient CanonicalPostJson parser;
    private transient long nextLine;

    private NdjsonPosts(Path file) {
        this.file = file.toString();
    }

    public static DataGeneratorSource<Ingested<Post>> source(Path file) throws IOException {
        long lines;
        try (var stream = Files.lines(file, StandardCharsets.UTF_8)) {
            lines = stream.count();
        }
        return new DataGeneratorSource<>(new NdjsonPosts(file), lines, Ingested.typeInfo(TypeInformation.of(Post.class)));
    }

    @Override
    public void open(SourceReaderContext context) {
        parser = new CanonicalPostJson();
        nextLine = 0;
    }

    @Override
    public Ingested<Post> map(Long index) throws IOException {
        if (reader == null || index < nextLine) {
            close();
            reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
            nextLine = 0;
        }
        // A reader's range is contiguous and ascending: skip to its start once, then read on.
        while (nextLine < index) {
            reader.readLine();
            nextLine++;
        }
        String line = reader.readLine();
        nextLine++;
        if (line == null) {
            throw new UncheckedIOException(new IOException(file + " ended before line " + (index + 1)
                    + ": was it changed while the backtest ran?"));
        }
        // A file's line has no record timestamp to judge a date in the future against: -1 says so.
        return Ingested.parse(parser, file, 0, index, -1L, null, line.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
