package io.outcry.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection of {@code outcry ingest mastodon --live <url>}, for {@link MastodonFormat} as a
 * {@link LiveSource}: a Mastodon streaming API URL ({@code /api/v1/streaming/public},
 * {@code .../public/local}, {@code .../hashtag?tag=}, {@code .../user}, {@code .../list?list=})
 * read as server-sent events. Each event is handed on as the streaming message
 * {@link MastodonFormat} maps, {@code {"event": ..., "payload": ...}}; a comment ({@code :thump},
 * Mastodon's heartbeat) as an empty record, a keep-alive. {@link LiveIngest} reconnects and backs off.
 *
 * <p>The stream has no resume cursor. On a reconnect the gap is filled from the matching REST
 * timeline with {@code since_id} of the newest status seen, a page at a time; the stream is
 * joined before the gap is read, so nothing falls between the two, and what both carry is a
 * duplicate for the dedupe window. A refused token (401, 403) or a URL that names no stream
 * (404) is a {@link LiveSource.Refused} with one line for the user.
 */
final class MastodonLive {

    /** How often Mastodon sends a heartbeat ({@code :thump}) on an otherwise quiet stream. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** Four heartbeats missed: the connection is dead even if no error says so. */
    static final Duration SILENCE = HEARTBEAT.multipliedBy(4);
    /** The most statuses a timeline page holds. */
    private static final int PAGE = 40;

    /** The run asked to stop (enough records, Ctrl-C): not a failure of the connection. */
    private static final class Stop extends IOException {
        private static final long serialVersionUID = 1L;
        final boolean interrupted;

        Stop(boolean interrupted) {
            super(interrupted ? "interrupted" : "stopped");
            this.interrupted = interrupted;
        }
    }

    private final URI stream;
    private final URI timeline;
    private final String token;
    private final PrintWriter notices;
    private String newestId;
    /** Whether a connection opened before: a reconnect fills the gap. */
    private boolean joined;

    /**
     * @param token   the access token, or null for a stream the instance serves without one
     * @param notices where to say that a gap was filled, or that it cannot be
     */
    MastodonLive(URI stream, String token, PrintWriter notices) {
        check(stream);
        this.stream = stream;
        this.timeline = timelineOf(stream);
        this.token = token;
        this.notices = notices;
    }

    URI stream() {
        return stream;
    }

    /**
     * One connection: joins the stream, fills the gap since the newest status seen when it is a
     * reconnect, and hands on every event until the stream ends or {@code records} says stop.
     *
     * @throws LiveSource.Refused for a refused token or a URL that names no stream
     * @throws IOException when the connection fails, drops, stays silent or the server refuses for now (429, 5xx)
     */
    void connectOnce(LiveSource.Records records) throws IOException, InterruptedException {
        HttpURLConnection c = open(stream, "text/event-stream");
        int status = c.getResponseCode();
        if (status != HttpURLConnection.HTTP_OK) {
            refuseIfFatal(stream, status, c);
            throw new IOException("HTTP " + status);
        }
        records.connected(stream);
        try {
            if (joined) {
                fillGap(records);
            }
            joined = true;
            readEvents(c.getInputStream(), records);
        } catch (Stop e) {
            if (e.interrupted) {
                throw new InterruptedException();
            }
        }
    }

    /** Hands one record on; stops the connection when the run has had enough or was interrupted (Ctrl-C). */
    private static void deliver(LiveSource.Records records, byte[] bytes, int offset, int length) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new Stop(true);
        }
        if (!records.record(bytes, offset, length)) {
            throw new Stop(false);
        }
    }

    private HttpURLConnection open(URI uri, String accept) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout((int) SILENCE.toMillis());
        c.setReadTimeout((int) SILENCE.toMillis());
        c.setRequestProperty("Accept", accept);
        c.setRequestProperty("User-Agent", "outcry-ingest");
        if (token != null) {
            c.setRequestProperty("Authorization", "Bearer " + token);
        }
        return c;
    }

    private static void refuseIfFatal(URI uri, int status, HttpURLConnection c) throws LiveSource.Refused {
        if (status == HttpURLConnection.HTTP_UNAUTHORIZED || status == HttpURLConnection.HTTP_FORBIDDEN) {
            throw new LiveSource.Refused(uri + " refused the access token (HTTP " + status + errorOf(c)
                    + "); check --token-file or --token-env");
        }
        if (status == HttpURLConnection.HTTP_NOT_FOUND || status == HttpURLConnection.HTTP_BAD_REQUEST) {
            throw new LiveSource.Refused(uri + " is not a stream this instance serves (HTTP " + status + errorOf(c) + ")");
        }
    }

    /** Mastodon explains a refusal in {@code {"error": "..."}}; shown on the same line, shortened. */
    private static String errorOf(HttpURLConnection c) {
        try (InputStream body = c.getErrorStream()) {
            if (body == null) {
                return "";
            }
            String text = new String(body.readNBytes(300), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
            return text.isEmpty() ? "" : ": " + text;
        } catch (IOException e) {
            return "";
        }
    }

    /** Server-sent events: {@code event:} and {@code data:} lines, a blank line ends an event, {@code :} starts a comment. */
    private void readEvents(InputStream in, LiveSource.Records records) throws IOException {
        String[] event = {null};
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        JsonLines.read(in, (bytes, offset, length, number) -> {
            if (length == 0) {
                if (event[0] != null || data.size() > 0) {
                    dispatch(event[0] == null ? "message" : event[0], data.toByteArray(), records);
                }
                event[0] = null;
                data.reset();
            } else if (bytes[offset] == ':') {
                deliver(records, bytes, offset, 0);
            } else if (startsWith(bytes, offset, length, "event:")) {
                event[0] = value(bytes, offset, length, "event:");
            } else if (startsWith(bytes, offset, length, "data:")) {
                if (data.size() > 0) {
                    data.write('\n');
                }
                int skip = length > 5 && bytes[offset + 5] == ' ' ? 6 : 5;
                data.write(bytes, offset + skip, length - skip);
            }
        });
    }

    private static boolean startsWith(byte[] bytes, int offset, int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String value(byte[] bytes, int offset, int length, String prefix) {
        return new String(bytes, offset + prefix.length(), length - prefix.length(), StandardCharsets.UTF_8).strip();
    }

    private void dispatch(String event, byte[] data, LiveSource.Records records) throws IOException {
        if (event.equals("update")) {
            remember(idOf(data, 0, data.length));
        }
        byte[] message = message(event, data);
        deliver(records, message, 0, message.length);
    }

    /** The streaming message {@link MastodonFormat} reads: a JSON payload as it is, any other as a JSON string. */
    static byte[] message(String event, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + event.length() + 32);
        out.writeBytes("{\"event\":".getBytes(StandardCharsets.UTF_8));
        quote(event.getBytes(StandardCharsets.UTF_8), out);
        out.writeBytes(",\"payload\":".getBytes(StandardCharsets.UTF_8));
        int first = 0;
        while (first < data.length && data[first] <= ' ') {
            first++;
        }
        if (first < data.length && (data[first] == '{' || data[first] == '[')) {
            out.writeBytes(data);
        } else {
            quote(data, out);
        }
        out.write('}');
        return out.toByteArray();
    }

    private static void quote(byte[] text, ByteArrayOutputStream out) {
        out.write('"');
        for (byte b : text) {
            if (b == '"' || b == '\\') {
                out.write('\\');
                out.write(b);
            } else if (b >= 0 && b < ' ') {
                out.writeBytes(String.format("\\u%04x", b).getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(b);
            }
        }
        out.write('"');
    }

    /** Reads the timeline since the newest status seen, newest page first, until a page is not full. */
    private void fillGap(LiveSource.Records records) throws IOException {
        if (newestId == null) {
            return;
        }
        if (timeline == null) {
            notices.println("mastodon live: " + stream.getPath() + " has no REST timeline to fill the gap from; statuses posted while disconnected are missed");
            return;
        }
        String since = newestId;
        String maxId = null;
        int statuses = 0;
        while (true) {
            URI page = URI.create(timeline + (timeline.getQuery() == null ? "?" : "&") + "since_id=" + since
                    + "&limit=" + PAGE + (maxId == null ? "" : "&max_id=" + maxId));
            HttpURLConnection c = open(page, "application/json");
            int status = c.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                refuseIfFatal(page, status, c);
                throw new IOException("HTTP " + status + " from " + page);
            }
            byte[] body;
            try (InputStream in = c.getInputStream()) {
                body = in.readAllBytes();
            }
            List<String> ids = pageIds(body);
            if (ids.isEmpty()) {
                break;
            }
            statuses += ids.size();
            ids.forEach(this::remember);
            deliver(records, body, 0, body.length);
            if (ids.size() < PAGE) {
                break;
            }
            maxId = ids.get(ids.size() - 1);
        }
        notices.println("mastodon live: filled the gap with " + statuses + " statuses after id " + since + " from " + timeline.getPath());
        notices.flush();
    }

    private void remember(String id) {
        if (id != null && (newestId == null || id.length() > newestId.length()
                || (id.length() == newestId.length() && id.compareTo(newestId) > 0))) {
            newestId = id;
        }
    }

    /** The top-level {@code id} of a status, or null when the data is not one. */
    private static String idOf(byte[] bytes, int offset, int length) {
        try {
            JsonCursor json = new JsonCursor(bytes, offset, length);
            if (!json.startObject()) {
                return null;
            }
            while (json.nextField()) {
                if (json.is("id")) {
                    return json.id("", "id");
                }
                json.skip();
            }
        } catch (Unmappable e) {
            return null;
        }
        return null;
    }

    /** The ids of a timeline page, in its order (newest first); a page that is not an array of statuses has none. */
    private static List<String> pageIds(byte[] body) {
        List<String> ids = new ArrayList<>();
        try {
            JsonCursor json = new JsonCursor(body, 0, body.length);
            if (!json.nextIs('[')) {
                return ids;
            }
            json.array("", "");
            while (json.nextObject("", "[]")) {
                String id = null;
                while (json.nextField()) {
                    if (json.is("id")) {
                        id = json.id("[].", "id");
                    } else {
                        json.skip();
                    }
                }
                if (id != null) {
                    ids.add(id);
                }
            }
        } catch (Unmappable e) {
            return ids;
        }
        return ids;
    }

    /** @throws IllegalArgumentException for a URL that is not a Mastodon streaming URL, saying what one looks like */
    static void check(URI url) {
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("expected an http(s) URL such as https://mastodon.social/api/v1/streaming/public");
        }
        if (url.getPath() == null || !url.getPath().startsWith("/api/v1/streaming")) {
            throw new IllegalArgumentException("not a streaming API URL; it starts /api/v1/streaming, "
                    + "e.g. https://mastodon.social/api/v1/streaming/public");
        }
    }

    /**
     * The REST timeline that holds what a stream sends, or null when there is none: Mastodon names
     * a stream by path ({@code /streaming/public/local}) or by {@code ?stream=public:local}.
     */
    static URI timelineOf(URI stream) {
        Map<String, String> query = query(stream.getRawQuery());
        String name = stream.getPath().substring("/api/v1/streaming".length()).replaceAll("^/|/$", "").replace('/', ':');
        if (name.isEmpty()) {
            name = query.getOrDefault("stream", "");
        }
        String tag = query.get("tag");
        String path = switch (name) {
            case "public" -> "public";
            case "public:local" -> "public?local=true";
            case "public:remote" -> "public?remote=true";
            case "public:media" -> "public?only_media=true";
            case "public:local:media" -> "public?local=true&only_media=true";
            case "public:remote:media" -> "public?remote=true&only_media=true";
            case "hashtag" -> tag == null ? null : "tag/" + tag;
            case "hashtag:local" -> tag == null ? null : "tag/" + tag + "?local=true";
            case "user" -> "home";
            case "list" -> query.get("list") == null ? null : "list/" + query.get("list");
            default -> null;
        };
        return path == null ? null : stream.resolve("/api/v1/timelines/" + path);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), pair.substring(eq + 1));
            }
        }
        return values;
    }
}
