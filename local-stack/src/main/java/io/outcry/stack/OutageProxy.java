package io.outcry.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of a real Elasticsearch node that can stage an outage for tests and
 * benchmarks ({@link Mode}): it passes every byte through, answers every request 429 or 401, or
 * refuses connections. Each change of mode drops the open connections, so a client's pooled
 * keep-alive connections meet the new mode at once.
 */
public final class OutageProxy implements AutoCloseable {

    /**
     * What the proxy does with a request: pass it, answer it 429 as an overloaded node does,
     * refuse the connection, or answer it 401 as a secured node does to a client without
     * credentials.
     */
    public enum Mode {
        PASS(0, null, null),
        THROTTLE(429, "Too Many Requests", "es_rejected_execution_exception"),
        REFUSE(0, null, null),
        UNAUTHORIZED(401, "Unauthorized", "security_exception");

        private final int status;
        private final String head;
        private final byte[] body;

        Mode(int status, String reason, String errorType) {
            this.status = status;
            String cause = "\"type\":\"" + errorType + "\",\"reason\":\"the outage proxy answers " + status + "\"";
            this.body = ("{\"error\":{\"root_cause\":[{" + cause + "}]," + cause + "},\"status\":" + status + "}")
                    .getBytes(StandardCharsets.UTF_8);
            this.head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\n"
                    + "X-Elastic-Product: Elasticsearch\r\nContent-Length: " + body.length + "\r\n\r\n";
        }
    }

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong answered = new AtomicLong();
    private volatile Mode mode = Mode.PASS;
    private volatile ServerSocket listener;

    private OutageProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.port = FreePorts.pick(1)[0];
        listen();
    }

    /** @param elasticsearchUrl the node, e.g. {@code http://127.0.0.1:9200} */
    public static OutageProxy inFrontOf(String elasticsearchUrl) throws IOException {
        URI uri = URI.create(elasticsearchUrl);
        return new OutageProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
    }

    /** The proxy's URL, to give the client instead of the node's. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Requests answered 429 or 401 so far. */
    public long answered() {
        return answered.get();
    }

    public synchronized void set(Mode next) throws IOException {
        if (next == mode) {
            return;
        }
        mode = next;
        dropConnections();
        if (next == Mode.REFUSE) {
            listener.close();
        } else if (listener.isClosed()) {
            listen();
        }
    }

    private void listen() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listener = socket;
        Thread acceptor = new Thread(() -> accept(socket), "outage-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return;
            }
            open.add(client);
            Mode now = mode;
            daemon(() -> {
                if (now.status > 0) {
                    answer(client, now);
                } else {
                    pass(client);
                }
            }, "outage-proxy-" + now.name().toLowerCase(Locale.ROOT));
        }
    }

    private void pass(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(upstream, 5_000);
            open.add(server);
            daemon(() -> pump(server, client), "outage-proxy-down");
            pump(client, server);
        } catch (IOException e) {
            release(client);
            release(server);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: the other goes too
        } finally {
            release(from);
            release(to);
        }
    }

    /** Reads each request whole (Content-Length or chunked) and answers it the mode's status, keeping the connection. */
    private void answer(Socket client, Mode mode) {
        try (InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                skipBody(in, head.toLowerCase(Locale.ROOT));
                answered.incrementAndGet();
                out.write(mode.head.getBytes(StandardCharsets.US_ASCII));
                out.write(mode.body);
                out.flush();
            }
        } catch (IOException e) {
            // the client or a mode change closed the connection
        } finally {
            release(client);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        if (head.contains("transfer-encoding: chunked")) {
            while (true) {
                String sizeLine = readLine(in).split(";")[0].trim();
                int size = Integer.parseInt(sizeLine, 16);
                in.readNBytes(size);
                readLine(in);
                if (size == 0) {
                    return;
                }
            }
        }
        for (String line : head.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).trim()));
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private void dropConnections() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void release(Socket socket) {
        open.remove(socket);
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket that is already broken
        }
    }

    @Override
    public synchronized void close() throws IOException {
        listener.close();
        dropConnections();
    }
}
