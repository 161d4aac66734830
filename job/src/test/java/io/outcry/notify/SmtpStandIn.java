package io.outcry.notify;

import io.outcry.connectors.mail.TlsSockets;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A minimal SMTP server (RFC 5321) on a loopback port: EHLO, STARTTLS with a certificate made
 * for the test, AUTH PLAIN against one user, MAIL, RCPT, DATA, QUIT. It keeps each accepted
 * message, decoded, and can refuse the end of the first DATA with a scripted reply (451, 554).
 */
final class SmtpStandIn implements AutoCloseable {

    static final String STORE_PASSWORD = "changeit";

    /** One accepted message. */
    record Mail(String from, List<String> to, Map<String, String> headers, String text, boolean overTls) {}

    private final ServerSocket server;
    private final SSLContext tls;
    private final String username;
    private final String password;
    private final List<Mail> mails = new ArrayList<>();
    private final Deque<String> dataReplies = new ArrayDeque<>();
    private final Thread thread;
    private int transactions;

    SmtpStandIn(SSLContext tls, String username, String password) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.tls = tls;
        this.username = username;
        this.password = password;
        this.thread = new Thread(this::serve, "smtp-stand-in");
        thread.setDaemon(true);
        thread.start();
    }

    /** A PKCS12 key store with a self-signed certificate for 127.0.0.1 and localhost, made by keytool. */
    static Path keyStore(Path dir) throws IOException, InterruptedException {
        Path store = dir.resolve("smtp.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return store;
    }

    static SSLContext serverContext(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    /** What the client trusts: the test certificate only. */
    static TlsSockets trusting(Path store) {
        String path = store.toString();
        return () -> {
            try {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = new FileInputStream(path)) {
                    keys.load(in, STORE_PASSWORD.toCharArray());
                }
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(keys);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                return context.getSocketFactory();
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the test key store " + path, e);
            }
        };
    }

    int port() {
        return server.getLocalPort();
    }

    /** The end of the next transactions' DATA is answered with these, e.g. "451 4.3.0 try again later". */
    synchronized SmtpStandIn refuseData(String... replies) {
        dataReplies.addAll(List.of(replies));
        return this;
    }

    synchronized List<Mail> mails() {
        return List.copyOf(mails);
    }

    synchronized int transactions() {
        return transactions;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                session(socket);
            } catch (IOException e) {
                // A client that went away, or the server closing: wait for the next one.
            }
        }
    }

    private void session(Socket plain) throws IOException {
        Socket socket = plain;
        BufferedReader in = reader(socket);
        OutputStream out = socket.getOutputStream();
        reply(out, "220 localhost ESMTP stand-in");
        boolean overTls = false;
        boolean authenticated = username == null;
        String from = null;
        List<String> to = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase();
            if (command.startsWith("EHLO")) {
                reply(out, "250-localhost" + (tls != null && !overTls ? "\r\n250-STARTTLS" : "") + "\r\n250-AUTH PLAIN\r\n250 8BITMIME");
            } else if (command.equals("STARTTLS") && tls != null) {
                reply(out, "220 2.0.0 ready to start TLS");
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
                secure.setUseClientMode(false);
                secure.startHandshake();
                socket = secure;
                in = reader(socket);
                out = socket.getOutputStream();
                overTls = true;
            } else if (command.startsWith("AUTH PLAIN ")) {
                String[] parts = new String(Base64.getDecoder().decode(line.substring(11).trim()), StandardCharsets.UTF_8).split("\0", -1);
                authenticated = parts.length == 3 && parts[1].equals(username) && parts[2].equals(password);
                reply(out, authenticated ? "235 2.7.0 accepted" : "535 5.7.8 bad credentials");
            } else if (command.startsWith("MAIL FROM:")) {
                if (!authenticated) {
                    reply(out, "530 5.7.0 authentication required");
                    continue;
                }
                from = line.substring(10).replaceAll("[<>]", "").trim();
                to.clear();
                reply(out, "250 2.1.0 ok");
            } else if (command.startsWith("RCPT TO:")) {
                to.add(line.substring(8).replaceAll("[<>]", "").trim());
                reply(out, "250 2.1.5 ok");
            } else if (command.equals("DATA")) {
                reply(out, "354 end with <CRLF>.<CRLF>");
                StringBuilder data = new StringBuilder();
                String dataLine;
                while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                    data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\r\n");
                }
                String refusal;
                synchronized (this) {
                    transactions++;
                    refusal = dataReplies.pollFirst();
                    if (refusal == null) {
                        mails.add(parse(from, to, data.toString(), overTls));
                    }
                }
                reply(out, refusal != null ? refusal : "250 2.0.0 queued");
            } else if (command.equals("QUIT")) {
                reply(out, "221 2.0.0 bye");
                return;
            } else {
                reply(out, "502 5.5.2 command not recognized");
            }
        }
    }

    private static Mail parse(String from, List<String> to, String data, boolean overTls) {
        int split = data.indexOf("\r\n\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : data.substring(0, split).split("\r\n")) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon), header.substring(colon + 1).trim());
        }
        String subject = headers.get("Subject");
        if (subject.startsWith("=?UTF-8?B?")) {
            headers.put("Subject", new String(Base64.getDecoder().decode(subject.substring(10, subject.length() - 2)), StandardCharsets.UTF_8));
        }
        String text = new String(Base64.getMimeDecoder().decode(data.substring(split + 4)), StandardCharsets.UTF_8);
        return new Mail(from, List.copyOf(to), headers, text, overTls);
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
