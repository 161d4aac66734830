package io.outcry.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for a chat channel: a local HTTP endpoint the demo's job posts its alert
 * messages to, counting them and keeping the latest, so the demo shows the webhook working
 * without anybody's Slack.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<String> latest = new AtomicReference<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/outcry-demo", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                latest.set(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/outcry-demo";
    }

    long received() {
        return received.get();
    }

    /** The text line of the latest message, or null before the first one. */
    String latestText() {
        String json = latest.get();
        if (json == null) {
            return null;
        }
        int start = json.indexOf("\"text\":\"") + 8;
        return json.substring(start, json.indexOf('"', start));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
