package io.outcry.simulate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes each record's value as one line of a file (NDJSON). Malformed records are single-line
 * by construction, so the file has exactly one line per record; an empty record is an empty line.
 */
public final class NdjsonFileSink implements Consumer<SimulatedRecord>, AutoCloseable {

    private final Path file;
    private final OutputStream out;

    public NdjsonFileSink(Path file) throws IOException {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    @Override
    public void accept(SimulatedRecord record) {
        try {
            out.write(record.value());
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
