package io.outcry.connectors.mail;

import io.outcry.connectors.secrets.SecretReferences;
import io.outcry.connectors.webhook.DeliveryTransport;
import io.outcry.connectors.webhook.WebhookDelivery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Sends a delivery (an RFC 5322 message, {@link MailMessage#toMime}) in one SMTP transaction
 * (RFC 5321): EHLO, STARTTLS when asked (refusing a server that does not offer it), AUTH PLAIN
 * when a username is set, MAIL FROM, RCPT TO each recipient, DATA. A 4xx reply or a lost
 * connection is worth a retry; a 5xx is not.
 */
final class SmtpTransport implements DeliveryTransport {

    private static final long serialVersionUID = 1L;

    private final SmtpSettings settings;
    private final Duration timeout;
    private final TlsSockets tls;

    SmtpTransport(SmtpSettings settings, Duration timeout, TlsSockets tls) {
        this.settings = settings;
        this.timeout = timeout;
        this.tls = tls;
    }

    @Override
    public Attempt send(WebhookDelivery delivery) {
        Socket plain = new Socket();
        Socket socket = plain;
        Session session = null;
        try {
            plain.connect(new InetSocketAddress(settings.host(), settings.port()), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            session = new Session(plain);
            session.expect(220, null);
            List<String> capabilities = session.expect(250, "EHLO outcry");
            if (settings.startTls()) {
                if (capabilities.stream().noneMatch(line -> line.toUpperCase().startsWith("STARTTLS"))) {
                    return Attempt.failed(false, "SMTP server " + this + " does not offer STARTTLS; the password would cross in clear."
                            + " Use a server that offers it, or set starttls: false for a server on a trusted network");
                }
                session.expect(220, "STARTTLS");
                SSLSocket secure = (SSLSocket) tls.factory().createSocket(plain, settings.host(), settings.port(), true);
                // The certificate must name the host, as a browser checks it; SSLSocket alone does not.
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                socket = secure;
                session = new Session(secure);
                session.expect(250, "EHLO outcry");
            }
            if (settings.username() != null) {
                String password = SecretReferences.resolve("SMTP password of " + this, settings.password());
                String username = SecretReferences.resolve("SMTP username of " + this, settings.username());
                String plainAuth = Base64.getEncoder().encodeToString(("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8));
                session.expectQuietly(235, "AUTH PLAIN " + plainAuth, "AUTH PLAIN <credentials>");
            }
            session.expect(250, "MAIL FROM:<" + settings.from() + ">");
            for (String recipient : settings.to()) {
                session.expectAny(new int[] {250, 251}, "RCPT TO:<" + recipient + ">");
            }
            session.expect(354, "DATA");
            session.data(delivery.body());
            List<String> accepted = session.expect(250, null);
            return Attempt.delivered("SMTP 250 " + String.join(" ", accepted));
        } catch (SmtpReply reply) {
            return Attempt.failed(reply.code >= 400 && reply.code < 500, reply.getMessage());
        } catch (IOException e) {
            return Attempt.failed(true, "no answer from SMTP server " + this + ": " + e);
        } finally {
            if (session != null) {
                session.quit();
            }
            closeQuietly(socket);
            closeQuietly(plain);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing after the transaction ended changes nothing for the message.
        }
    }

    @Override
    public String toString() {
        return settings.toString();
    }

    /** An SMTP reply other than the one expected. */
    private static final class SmtpReply extends Exception {
        final int code;

        SmtpReply(int code, String command, List<String> lines) {
            super("SMTP " + code + " " + String.join(" ", lines) + (command == null ? "" : " (to " + command + ")"), null, false, false);
            this.code = code;
        }
    }

    /** Commands and replies on one connection. */
    private static final class Session {
        private final BufferedReader in;
        private final OutputStream out;

        Session(Socket socket) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            this.out = socket.getOutputStream();
        }

        List<String> expect(int code, String command) throws IOException, SmtpReply {
            return expectAny(new int[] {code}, command);
        }

        /** Sends a command that holds a secret; a failure names it by {@code shown} only. */
        void expectQuietly(int code, String command, String shown) throws IOException, SmtpReply {
            send(command);
            read(new int[] {code}, shown);
        }

        List<String> expectAny(int[] codes, String command) throws IOException, SmtpReply {
            if (command != null) {
                send(command);
            }
            return read(codes, command);
        }

        private void send(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private List<String> read(int[] codes, String command) throws IOException, SmtpReply {
            List<String> lines = new ArrayList<>();
            int code;
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    throw new IOException("the SMTP server closed the connection" + (command == null ? "" : " after " + command));
                }
                if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
                    throw new IOException("the SMTP server answered '" + line + "', which is no SMTP reply");
                }
                code = Integer.parseInt(line.substring(0, 3));
                lines.add(line.length() > 4 ? line.substring(4) : "");
                if (line.length() == 3 || line.charAt(3) != '-') {
                    break;
                }
            }
            for (int expected : codes) {
                if (code == expected) {
                    return lines;
                }
            }
            throw new SmtpReply(code, command, lines);
        }

        /** The message, each line starting with a dot doubled (RFC 5321 4.5.2), then the lone dot. */
        void data(byte[] message) throws IOException {
            String text = new String(message, StandardCharsets.US_ASCII);
            StringBuilder stuffed = new StringBuilder(text.length() + 16);
            for (String line : text.split("\r\n", -1)) {
                stuffed.append(line.startsWith(".") ? "." + line : line).append("\r\n");
            }
            if (text.endsWith("\r\n")) {
                // split left an empty line after the last line end.
                stuffed.setLength(stuffed.length() - 2);
            }
            stuffed.append(".\r\n");
            out.write(stuffed.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Ends the session politely, whatever came before; the server's answer changes nothing. */
        void quit() {
            try {
                send("QUIT");
                in.readLine();
            } catch (IOException ignored) {
                // A server that hung up, or never answers QUIT, has already had its say.
            }
        }
    }
}
