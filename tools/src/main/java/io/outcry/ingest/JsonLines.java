package io.outcry.ingest;

import java.io.BufferedInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads NDJSON / JSON lines files, gzip or not, a line at a time as bytes: the adapters parse
 * bytes, so decoding each line to a String first would only cost time.
 */
final class JsonLines {

    /** Receives each line without its {@code \n} or {@code \r\n}; the array is reused after the call. */
    @FunctionalInterface
    interface Handler {
        void line(byte[] bytes, int offset, int length, long number) throws IOException;
    }

    private static final int CHUNK = 1 << 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private JsonLines() {}

    /** Opens a file, decompressing it when it starts with the gzip magic bytes, whatever its name. */
    static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, CHUNK) : in;
    }

    /**
     * Calls {@code handler} for every line; a last line without a newline counts, the empty
     * string after a final newline does not.
     */
    static void read(InputStream in, Handler handler) throws IOException {
        byte[] buffer = new byte[CHUNK];
        int start = 0;
        int end = 0;
        long number = 0;
        while (true) {
            if (end == buffer.length) {
                if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                } else {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                break;
            }
            int scanFrom = end;
            end += read;
            for (int i = newline(buffer, scanFrom, end); i >= 0; i = newline(buffer, i + 1, end)) {
                int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                handler.line(buffer, start, lineEnd - start, ++number);
                start = i + 1;
            }
        }
        if (end > start) {
            int lineEnd = buffer[end - 1] == '\r' ? end - 1 : end;
            handler.line(buffer, start, lineEnd - start, ++number);
        }
    }

    /**
     * The index of the first {@code \n} in {@code bytes[from, to)}, or -1. Looks at eight bytes at
     * a time: a byte-by-byte search cost as much as mapping the statuses in a profile of
     * {@code outcry ingest}. In {@code (x - ONES) & ~x & HIGH_BITS} the lowest set bit marks the
     * first zero byte of {@code x}, i.e. the first newline of the word.
     */
    static int newline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(bytes, i) ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
