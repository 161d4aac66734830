package io.outcry.connectors.webhook;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the sink POSTs, and how it names that place in logs. Webhook URLs often carry their
 * secret in the path (Slack: {@code /services/T.../B.../<token>}) or the query, so logs show
 * the scheme, host, port and first path segment only.
 *
 * <p>The URL may instead be a reference, {@code ${env:VARIABLE}} or {@code ${file:/path}}, read
 * where the sink runs when it first sends: then the secret is in neither the command line nor
 * the job, and logs name the reference.
 */
final class WebhookEndpoint implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    /** The URL as given, or a reference to it. */
    private final String url;
    private final String logName;
    private transient URI uri;

    private WebhookEndpoint(String url, String logName) {
        this.url = url;
        this.logName = logName;
    }

    static WebhookEndpoint parse(String url) {
        if (url != null && REFERENCE.matcher(url.trim()).matches()) {
            return new WebhookEndpoint(url.trim(), url.trim());
        }
        URI uri = literal(url, "webhook URL");
        return new WebhookEndpoint(uri.toString(), redact(uri));
    }

    /** How logs name the endpoint: the URL without its secret parts, or the reference. */
    String logName() {
        return logName;
    }

    /** The URL, read from its reference on first use. */
    URI uri() {
        if (uri == null) {
            Matcher reference = REFERENCE.matcher(url);
            uri = reference.matches() ? literal(read(reference), "webhook URL from " + url) : URI.create(url);
        }
        return uri;
    }

    private String read(Matcher reference) {
        String name = reference.group(2);
        if (reference.group(1).equals("env")) {
            String value = System.getenv(name);
            if (value == null) {
                throw new IllegalArgumentException("webhook URL " + url + ": the environment variable " + name
                        + " is not set where the job runs; set it on every TaskManager");
            }
            return value;
        }
        try {
            return Files.readString(Path.of(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("webhook URL " + url + ": cannot read " + name
                    + " where the job runs; put the URL there on every TaskManager", e);
        }
    }

    private static URI literal(String url, String what) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "no " + what + "; call url(\"https://hooks.slack.com/services/...\")");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " '" + redact(url) + "' is not a valid URI (" + e.getReason()
                    + "); give an absolute http(s) URL such as https://hooks.slack.com/services/...");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " '" + redact(url)
                    + "' is not an absolute http(s) URL with a host; give one such as https://hooks.slack.com/services/...");
        }
        return uri;
    }

    private static String redact(String url) {
        try {
            return redact(new URI(url.trim()));
        } catch (URISyntaxException e) {
            return "<unparseable URL>";
        }
    }

    private static String redact(URI uri) {
        StringBuilder name = new StringBuilder();
        if (uri.getScheme() != null) {
            name.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            name.append(uri.getHost());
        }
        if (uri.getPort() >= 0) {
            name.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int second = path.indexOf('/', 1);
        name.append(second < 0 ? path : path.substring(0, second) + "/…");
        if (uri.getRawQuery() != null) {
            name.append("?…");
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return logName;
    }
}
