package io.outcry.ingest;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Keeps a {@link LiveSource} streaming: after a drop or a failed connection it connects again,
 * waiting {@code first}, then twice as long after each further failure in a row up to
 * {@code max}; a connection that delivered records starts the count again. A refusal that
 * retrying cannot fix ends the run at once, and so does a host that does not resolve before any
 * connection ever worked (a typo in the URL, not a network blip).
 */
final class LiveIngest {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    /** How the run waits; tests record the waits instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

    private final LiveSource source;
    private final URI url;
    private final Duration first;
    private final Duration max;
    private final int maxFailures;
    private final Sleeper sleeper;
    private final PrintWriter err;
    private final String name;

    /** @param maxFailures failed connections in a row before giving up; {@link Integer#MAX_VALUE} for never */
    LiveIngest(LiveSource source, URI url, Duration first, Duration max, int maxFailures, Sleeper sleeper, PrintWriter err,
            String name) {
        this.source = source;
        this.url = url;
        this.first = first;
        this.max = max;
        this.maxFailures = maxFailures;
        this.sleeper = sleeper;
        this.err = err;
        this.name = name;
    }

    /**
     * Streams until {@code records} asks to stop or the thread is interrupted (Ctrl-C).
     *
     * @throws LiveSource.Refused when the server refuses for good
     * @throws IOException the last failure, when {@code maxFailures} connections in a row failed
     */
    void run(LiveSource.Records records) throws IOException {
        boolean everConnected = false;
        int failures = 0;
        while (true) {
            Connection connection = new Connection(records);
            String ended;
            try {
                source.stream(url, connection);
                if (connection.stopped) {
                    return;
                }
                ended = "the server ended the stream";
            } catch (LiveSource.Refused e) {
                throw e;
            } catch (UnknownHostException e) {
                if (!everConnected) {
                    throw new LiveSource.Refused("cannot resolve the host of " + url + ": " + e.getMessage());
                }
                ended = "cannot resolve the host: " + e.getMessage();
            } catch (IOException e) {
                ended = e.getMessage();
            } catch (InterruptedException e) {
                return;
            }
            everConnected |= connection.opened;
            failures = connection.delivered > 0 ? 0 : failures + 1;
            if (failures >= maxFailures) {
                throw new IOException("gave up after " + failures + " failed connections in a row; the last: " + ended);
            }
            Duration wait = failures == 0 ? first : backoff(failures);
            err.printf("ingest %s: %s after %,d records; connecting again in %d ms%s%n", name, ended, connection.delivered,
                    wait.toMillis(), failures == 0 ? "" : " (" + failures + " failed in a row)");
            err.flush();
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The wait after the {@code failures}-th failure in a row: first, 2 first, 4 first, ... up to max. */
    Duration backoff(int failures) {
        Duration wait = first.multipliedBy(1L << Math.min(failures - 1, 30));
        return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
    }

    /** One connection's view of the records: says when it opened and how much it delivered. */
    private final class Connection implements LiveSource.Records {

        private final LiveSource.Records records;
        boolean opened;
        boolean stopped;
        long delivered;

        Connection(LiveSource.Records records) {
            this.records = records;
        }

        @Override
        public void connected(URI used) {
            opened = true;
            err.println("ingest " + name + ": connected to " + used);
            err.flush();
            records.connected(used);
        }

        @Override
        public boolean record(byte[] bytes, int offset, int length) throws IOException {
            delivered++;
            stopped = !records.record(bytes, offset, length);
            return !stopped;
        }
    }
}
