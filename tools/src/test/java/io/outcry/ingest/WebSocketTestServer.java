package io.outcry.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket server of RFC 6455's bare minimum, for live-mode tests: the opening handshake,
 * unmasked text frames from the server, and the ways a real server ends a connection (a close
 * frame, a dropped socket, an HTTP error instead of the upgrade). What each connection does is
 * up to the test's {@link Handler}.
 */
final class WebSocketTestServer implements AutoCloseable {

    /** What one connection does, told which one it is (0, 1, ...) and the request's path and query. */
    @FunctionalInterface
    interface Handler {
        void handle(int connection, URI request, Connection socket) throws IOException;
    }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final Handler handler;
    /** The request target of every connection, in order of arrival. */
    final List<URI> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    WebSocketTestServer(Handler handler) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.handler = handler;
        this.acceptor = new Thread(this::accept, "websocket-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI url(String path) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int number = connections.getAndIncrement();
                Thread connection = new Thread(() -> serve(number, socket), "websocket-test-connection-" + number);
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(int number, Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            BufferedReader head = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1);
            String requestLine = head.readLine();
            String key = null;
            for (String line = head.readLine(); line != null && !line.isEmpty(); line = head.readLine()) {
                if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            URI request = URI.create(requestLine.split(" ")[1]);
            requests.add(request);
            handler.handle(number, request, new Connection(socket, key));
        } catch (IOException | RuntimeException ignored) {
            // The client went away; that is what some tests do.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One client's connection, before and after the upgrade. */
    static final class Connection {

        private final Socket socket;
        private final String key;
        private final OutputStream out;

        Connection(Socket socket, String key) throws IOException {
            this.socket = socket;
            this.key = key;
            this.out = socket.getOutputStream();
        }

        /** Answers the handshake with 101 Switching Protocols. */
        void upgrade() throws IOException {
            String accept;
            try {
                accept = Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Answers the handshake with an HTTP error instead, as a server that will not stream does. */
        void refuse(int status) throws IOException {
            out.write(("HTTP/1.1 " + status + " Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void send(String text) throws IOException {
            frame(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        /** A close frame with a status, as a server that ends the stream on purpose sends. */
        void close(int status) throws IOException {
            frame(0x8, new byte[] {(byte) (status >> 8), (byte) status});
        }

        /**
         * Ends the connection without a close frame, as a crashed server or a proxy that times out
         * does. What was sent still arrives: a reset would lose it, and the test could not know
         * which events the client saw.
         */
        void drop() throws IOException {
            socket.shutdownOutput();
            socket.close();
        }

        /** Waits until the client closes or goes away; what it sends meanwhile (its close frame) is read and dropped. */
        void awaitClientGone() throws IOException {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // Nothing to do with it: only the end matters.
            }
        }

        private void frame(int opcode, byte[] payload) throws IOException {
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length < 65536) {
                out.write(126);
                out.write(payload.length >> 8);
                out.write(payload.length);
            } else {
                out.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) payload.length >> shift));
                }
            }
            out.write(payload);
            out.flush();
        }
    }
}
