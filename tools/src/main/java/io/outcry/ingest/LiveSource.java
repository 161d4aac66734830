package io.outcry.ingest;

import java.io.IOException;
import java.net.URI;

/**
 * A platform's live stream, for {@code outcry ingest <format> --live <url>}: a format that can
 * be read live implements this beside {@link PlatformFormat}. The source opens one connection
 * per call to {@link #stream}; {@link LiveIngest} reconnects, backs off and counts. Where the
 * platform allows it the source resumes where the previous connection stopped (Jetstream's
 * {@code cursor}): it sees every record it maps, so it knows the last position itself.
 */
public interface LiveSource {

    /**
     * Checks the URL the user gave before anything connects.
     *
     * @throws IllegalArgumentException saying what is wrong, e.g. {@code expected a ws:// or wss:// URL}
     */
    void check(URI url);

    /**
     * Opens one connection to {@code url} (plus the resume point, when there is one) and hands
     * each record the stream sends to {@code records}, in order, on the calling thread. Returns
     * when the server ends the stream or {@code records} asks to stop.
     *
     * @throws Refused when the server refuses in a way that retrying cannot fix (no such path, a bad token)
     * @throws IOException when the connection fails or drops: {@link LiveIngest} tries again after a backoff
     */
    void stream(URI url, Records records) throws IOException, InterruptedException;

    /** Where a live source delivers what it reads. */
    @FunctionalInterface
    interface Records {

        /** The connection is open; {@code url} is the one used, resume point included. */
        default void connected(URI url) {}

        /**
         * One record, in {@code bytes[offset, offset + length)}; the array may be reused after the call.
         *
         * @return false to close the connection and stop
         */
        boolean record(byte[] bytes, int offset, int length) throws IOException;
    }

    /** The server refused for good: a wrong URL or credentials. Trying again would only repeat it. */
    final class Refused extends IOException {

        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }
}
