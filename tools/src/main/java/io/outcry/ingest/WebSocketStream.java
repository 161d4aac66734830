package io.outcry.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection with the JDK's client, each message a record: what a platform whose
 * live stream is a WebSocket (Bluesky's Jetstream, Mastodon's streaming API) needs from
 * {@link LiveSource#stream}. At most {@link #WINDOW} messages are asked for ahead of the one
 * being handled, so a slow sink slows the server down instead of filling memory.
 *
 * <p>The JDK 17 client has a flaw: when the server hangs up while the connection is still being
 * opened, the messages sent with the handshake are lost and the connection fails with an
 * InternalError, or now and then reports nothing at all. Both end as a failed connection, by
 * the error or by {@link #SILENCE_TIMEOUT}, and the next one resumes from what was seen.
 */
final class WebSocketStream {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A firehose that says nothing for this long has most likely lost its connection without a word. */
    static final Duration SILENCE_TIMEOUT = Duration.ofSeconds(60);

    static final int WINDOW = 64;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    private WebSocketStream() {}

    /** Checks what the JDK's client would refuse, with a message that says so. */
    static void check(URI url) {
        if (!"ws".equalsIgnoreCase(url.getScheme()) && !"wss".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("expected a ws:// or wss:// URL, got '" + url + "'");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("the URL '" + url + "' names no host");
        }
        if (url.getFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URL has no #fragment: '" + url + "'");
        }
    }

    /** The end of the stream as the server announced it. */
    private record Closed(int status, String reason) {}

    /** Streams the messages of {@code url} to {@code records}; see {@link LiveSource#stream}. */
    static void stream(URI url, LiveSource.Records records) throws IOException, InterruptedException {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        WebSocket socket = open(url, events);
        records.connected(url);
        try {
            while (true) {
                Object event = events.poll(SILENCE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    throw new IOException("no message for " + SILENCE_TIMEOUT.toSeconds() + " s");
                } else if (event instanceof byte[] message) {
                    if (!records.record(message, 0, message.length)) {
                        socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
                        return;
                    }
                    socket.request(1);
                } else if (event instanceof Closed closed) {
                    if (closed.status() == WebSocket.NORMAL_CLOSURE || closed.status() == 1001) {
                        return;
                    }
                    throw new IOException("the server closed the connection with status " + closed.status()
                            + (closed.reason().isEmpty() ? "" : " (" + closed.reason() + ")"));
                } else {
                    Throwable error = (Throwable) event;
                    throw new IOException("the connection failed: " + describe(error), error);
                }
            }
        } finally {
            socket.abort();
        }
    }

    private static WebSocket open(URI url, BlockingQueue<Object> events) throws IOException, InterruptedException {
        try {
            return CLIENT.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(url, new Listener(events)).get();
        } catch (ExecutionException e) {
            // The client wraps the reason a few levels deep: a refused connection's cause may be an unresolved host.
            Throwable reason = e.getCause();
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof WebSocketHandshakeException handshake) {
                    throw refusal(url, handshake.getResponse().statusCode());
                }
                if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                    throw new UnknownHostException(url.getHost());
                }
                if (reason == e.getCause() && (cause instanceof ConnectException || cause instanceof HttpTimeoutException)) {
                    reason = cause;
                }
            }
            throw new IOException("cannot connect to " + url + ": " + describe(reason), reason);
        }
    }

    /**
     * A handshake the server answered with an HTTP status instead of switching protocols. A
     * client error (no such path, no such resource, a bad token) is for the user to fix; a
     * server error, a timeout or too many requests passes, so those are retried.
     */
    private static IOException refusal(URI url, int status) {
        String message = "the server answered the WebSocket handshake of " + url + " with HTTP " + status;
        if (status == 401 || status == 403) {
            return new LiveSource.Refused(message + ": the credentials are missing or wrong");
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new LiveSource.Refused(message + ": check the URL");
        }
        return new IOException(message);
    }

    private static String describe(Throwable error) {
        if (error.getMessage() != null) {
            return error.getMessage();
        }
        return error instanceof ConnectException ? "connection refused"
                : error instanceof HttpTimeoutException ? "timed out" : error.getClass().getSimpleName();
    }

    /** Collects the parts of each message and queues whole messages, ends and errors for the reading thread. */
    private static final class Listener implements WebSocket.Listener {

        private final BlockingQueue<Object> events;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        Listener(BlockingQueue<Object> events) {
            this.events = events;
        }

        @Override
        public void onOpen(WebSocket socket) {
            socket.request(WINDOW);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString().getBytes(StandardCharsets.UTF_8));
                text.setLength(0);
            } else {
                socket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            binary.writeBytes(part);
            if (last) {
                events.add(binary.toByteArray());
                binary.reset();
            } else {
                socket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            events.add(new Closed(status, reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            events.add(error);
        }
    }
}
