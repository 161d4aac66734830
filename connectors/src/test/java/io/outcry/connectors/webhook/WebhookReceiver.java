package io.outcry.connectors.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real HTTP server on a loopback port that records every POST and answers with scripted
 * replies (200 once the script runs out). It can also hold requests until released, to play a
 * receiver that stalls.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String body, Map<String, List<String>> headers, long arrivedNanos) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue()))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** What the server answers to one request. */
    record Reply(int status, Map<String, String> headers, String body) {

        static Reply status(int status) {
            return new Reply(status, Map.of(), "");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new ArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    private volatile CountDownLatch stall = new CountDownLatch(0);
    private Duration delay = Duration.ZERO;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static WebhookReceiver start() throws IOException {
        return start(0);
    }

    static WebhookReceiver start(int port) throws IOException {
        return new WebhookReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/alerts";
    }

    synchronized WebhookReceiver reply(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** Every request waits before it is answered. */
    synchronized WebhookReceiver delayEachRequest(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Requests from now on are held, unanswered, until {@link #release()}. */
    void stall() {
        stall = new CountDownLatch(1);
    }

    void release() {
        stall.countDown();
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    List<String> bodies() {
        return received().stream().map(Received::body).toList();
    }

    /** Waits until at least {@code count} requests arrived. */
    synchronized void awaitRequests(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("received " + received.size() + " of " + count + " requests within " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Reply reply;
            Duration wait;
            synchronized (this) {
                received.add(new Received(body, Map.copyOf(exchange.getRequestHeaders()), System.nanoTime()));
                notifyAll();
                reply = script.isEmpty() ? Reply.status(200) : script.pollFirst();
                wait = delay;
            }
            if (!stall.await(60, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(wait.toMillis());
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
