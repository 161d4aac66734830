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
 * {@link LiveSource#stream}. Messages are asked for one at a time, after the previous one was
 * handled, so a slow sink slows the server down instead of filling memory.
 */
final class WebSocketStream {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A firehose that says nothing for this long has most likely lost its connection without a word. */
    static final Duration SILENCE_TIMEOUT = Duration.ofSeconds(60);

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
            Throwable cause = e.getCause();
            while (cause.getCause() != null && !(cause instanceof WebSocketHandshakeException)) {
                if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                    break;
                }
                cause = cause.getCause();
            }
            if (cause instanceof WebSocketHandshakeException handshake) {
                throw refusal(url, handshake.getResponse().statusCode());
            }
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                throw new UnknownHostException(url.getHost());
            }
            throw new IOException("cannot connect to " + url + ": " + describe(cause), cause);
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
        if (error instanceof ConnectException) {
            return "connection refused";
        }
        if (error instanceof HttpTimeoutException) {
            return "timed out";
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
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
            socket.request(1);
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
