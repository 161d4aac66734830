package io.outcry.ingest;

import io.outcry.post.Deletion;
import io.outcry.post.Author;
import io.outcry.post.Post;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code mastodon}: Mastodon statuses as the REST API returns them ({@code GET /api/v1/timelines/...}:
 * a JSON array per line, or one status per line) and streaming API messages
 * ({@code {"event": "update" | "status.update" | "delete" | ..., "payload": ...}}, as the WebSocket
 * API sends them and {@link MastodonLive} writes each server-sent event). As a {@link LiveSource} it
 * reads a streaming API URL ({@code --live}).
 *
 * <ul>
 *   <li>Ids are numbered by the instance that served the status, so the canonical id is
 *       {@code <instance>/<id>}, e.g. {@code mastodon.social/113...}, and so are
 *       {@code reply_to_id}, {@code quoted_id}, {@code retweeted_id} and the author's id. The
 *       instance is given ({@code --instance}, or the host of the live URL); without it, it is the
 *       host of a local status's {@code uri}, and a status of a remote account is a dead letter.
 *   <li>Text: {@code spoiler_text}, a blank line, then the plain text of the HTML {@code content}
 *       ({@link MastodonHtml}). A boost ({@code reblog}) is {@code RT @user@instance: } plus the
 *       original's text, with the original's mentions after its author and its tags, as
 *       {@code twitter-v1} writes a retweet, so the job treats both alike.
 *   <li>Handles are {@code user@instance}: the author's {@code account.acct} and every
 *       {@code mentions[].acct}, qualified with the instance when local. Hashtags from
 *       {@code tags[].name}; followers from {@code account.followers_count}
 *       (unknown when absent, null or negative).
 *   <li>An edit ({@code status.update}) is the post again under its id: it counts once,
 *       whichever version arrives first, so an edit of a post made before the stream was joined
 *       still counts, and the second version is a duplicate.
 *   <li>{@code delete} is a {@link Deletion}; other events ({@code notification},
 *       {@code filters_changed}, ...) and an empty page are control messages.
 * </ul>
 */
public final class MastodonFormat implements PlatformFormat, LiveSource {

    public static final String NAME = "mastodon";
    static final String PLATFORM = "mastodon";

    private final String instance;
    private final String token;
    private final PrintWriter notices;
    /** Judges whether a status was created in the future. */
    private final Clock clock;
    /** The live stream's connection state (the newest status seen), kept across reconnects. */
    private MastodonLive live;

    /** Takes the instance from each local status's {@code uri}; a remote account's status is a dead letter. */
    public MastodonFormat() {
        this(null);
    }

    /** @param instance the host of the instance that served the statuses, e.g. {@code mastodon.social}; null to take it from each status */
    public MastodonFormat(String instance) {
        this(instance, null, new PrintWriter(System.err, true));
    }

    /**
     * @param token   the access token of the streaming API, or null for a stream served without one
     * @param notices where the live stream says that it filled a gap
     */
    MastodonFormat(String instance, String token, PrintWriter notices) {
        this(instance, token, notices, Clock.systemUTC());
    }

    MastodonFormat(String instance, String token, PrintWriter notices, Clock clock) {
        this.clock = clock;
        this.instance = instance == null ? null : instance.toLowerCase(Locale.ROOT);
        this.token = token;
        this.notices = notices;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int map(byte[] bytes, int offset, int length, Outcomes out) {
        JsonCursor json = new JsonCursor(bytes, offset, length);
        try {
            if (json.nextIs('[')) {
                return page(json, out);
            }
            if (!json.startObject()) {
                out.deadLetter("expected a Mastodon status, an array of statuses or a streaming message, a JSON object, got "
                        + json.describeNext());
                return 1;
            }
            Status status = new Status();
            readStatus(json, status, "", true);
            if (!json.atEnd()) {
                throw new Unmappable("more than one JSON value on the line");
            }
            if (status.event == null) {
                out.post(post(status));
            } else {
                message(status, out);
            }
        } catch (Unmappable e) {
            out.deadLetter(e.getMessage());
        }
        return 1;
    }

    @Override
    public void check(URI url) {
        MastodonLive.check(url);
    }

    @Override
    public void stream(URI url, Records records) throws IOException, InterruptedException {
        if (live == null || !live.stream().equals(url)) {
            live = new MastodonLive(url, token, notices);
        }
        live.connectOnce(records);
    }

    /** A timeline page, {@code [status, ...]}: each status is a record. */
    private int page(JsonCursor json, Outcomes out) {
        List<Status> statuses = new ArrayList<>();
        json.array("", "");
        while (json.nextObject("", "[]")) {
            Status status = new Status();
            readStatus(json, status, "[].", false);
            statuses.add(status);
        }
        if (!json.atEnd()) {
            throw new Unmappable("more than one JSON value on the line");
        }
        if (statuses.isEmpty()) {
            out.control("empty");
            return 1;
        }
        for (int i = 0; i < statuses.size(); i++) {
            Status status = statuses.get(i);
            try {
                out.post(post(status));
            } catch (Unmappable e) {
                out.deadLetter("[" + i + "]" + (status.id == null ? "" : " (id " + status.id + ")") + ": " + e.getMessage());
            }
        }
        return statuses.size();
    }

    private void message(Status message, Outcomes out) {
        switch (message.event) {
            case "update", "status.update" -> {
                Status status = message.payload;
                if (status == null) {
                    status = new Status();
                    JsonCursor json = payloadCursor(message);
                    if (!json.startObject()) {
                        throw new Unmappable("payload of " + message.event + " must be a status, got " + json.describeNext());
                    }
                    readStatus(json, status, "payload.", false);
                }
                out.post(post(status));
            }
            case "delete" -> {
                String id = Tweets.required(message.payloadText, "payload of delete");
                if (instance == null) {
                    throw new Unmappable("a delete names only the status id " + id
                            + ", which is numbered by the instance that served it; give --instance");
                }
                out.deletion(new Deletion(PLATFORM, instance + "/" + id, null, -1));
            }
            default -> out.control(message.event);
        }
    }

    /** The WebSocket API sends a status as a JSON string inside the message. */
    private static JsonCursor payloadCursor(Status message) {
        byte[] payload = Tweets.required(message.payloadText, "payload of " + message.event).getBytes(StandardCharsets.UTF_8);
        return new JsonCursor(payload, 0, payload.length);
    }

    /** The fields Outcry reads from one status, a boosted one included; at the top level, a streaming message's too. */
    private static final class Status {
        String id;
        String createdAt;
        String inReplyToId;
        String quotedId;
        String url;
        String uri;
        String content;
        String spoiler;
        String language;
        Status reblog;
        String accountId;
        String acct;
        long followers = Author.UNKNOWN_FOLLOWERS;
        final List<String[]> mentions = new ArrayList<>(4);
        final List<String> tags = new ArrayList<>(4);
        String event;
        String payloadText;
        Status payload;
    }

    private static void readStatus(JsonCursor json, Status s, String path, boolean message) {
        while (json.nextField()) {
            if (json.is("id")) {
                s.id = json.id(path, "id");
            } else if (json.is("created_at")) {
                s.createdAt = json.string(path, "created_at");
            } else if (json.is("in_reply_to_id")) {
                s.inReplyToId = json.id(path, "in_reply_to_id");
            } else if (json.is("url")) {
                s.url = json.string(path, "url");
            } else if (json.is("uri")) {
                s.uri = json.string(path, "uri");
            } else if (json.is("content")) {
                s.content = json.string(path, "content");
            } else if (json.is("spoiler_text")) {
                s.spoiler = json.string(path, "spoiler_text");
            } else if (json.is("language")) {
                s.language = json.string(path, "language");
            } else if (json.is("reblog")) {
                if (json.object(path, "reblog")) {
                    s.reblog = new Status();
                    readStatus(json, s.reblog, path + "reblog.", false);
                }
            } else if (json.is("account")) {
                if (json.object(path, "account")) {
                    readAccount(json, s, path + "account.");
                }
            } else if (json.is("mentions")) {
                readMentions(json, s, path + "mentions");
            } else if (json.is("tags")) {
                TwitterV1Format.readNames(json, s.tags, "name", path + "tags");
            } else if (json.is("quote")) {
                if (json.object(path, "quote")) {
                    readQuote(json, s, path + "quote.");
                }
            } else if (message && json.is("event")) {
                s.event = json.string(path, "event");
            } else if (message && json.is("payload")) {
                if (json.nextIs('{')) {
                    json.object(path, "payload");
                    s.payload = new Status();
                    readStatus(json, s.payload, "payload.", false);
                } else {
                    s.payloadText = json.id(path, "payload");
                }
            } else {
                json.skip();
            }
        }
    }

    private static void readAccount(JsonCursor json, Status s, String path) {
        while (json.nextField()) {
            if (json.is("id")) {
                s.accountId = json.id(path, "id");
            } else if (json.is("acct")) {
                s.acct = json.string(path, "acct");
            } else if (json.is("followers_count")) {
                s.followers = followers(json, path);
            } else {
                json.skip();
            }
        }
    }

    /**
     * {@code followers_count}; a negative one is unknown rather than a dead letter: a server that
     * hides the count has nothing true to send, and the post is still good.
     */
    private static long followers(JsonCursor json, String path) {
        if (json.nextIs('-')) {
            json.wholeNumber(path, "followers_count");
            return Author.UNKNOWN_FOLLOWERS;
        }
        return json.followers(path, "followers_count");
    }

    /** Each mention as {acct, url}. */
    private static void readMentions(JsonCursor json, Status s, String path) {
        if (!json.array(path, "")) {
            return;
        }
        while (json.nextObject(path, "[]")) {
            String acct = null;
            String url = null;
            while (json.nextField()) {
                if (json.is("acct")) {
                    acct = json.string(path + "[].", "acct");
                } else if (json.is("url")) {
                    url = json.string(path + "[].", "url");
                } else {
                    json.skip();
                }
            }
            if (acct != null && !acct.isBlank()) {
                s.mentions.add(new String[] {acct, url});
            }
        }
    }

    /** Mastodon 4.5's {@code quote}: {@code {state, quoted_status: {...}}}, or {@code quoted_status_id} when shallow. */
    private static void readQuote(JsonCursor json, Status s, String path) {
        while (json.nextField()) {
            if (json.is("quoted_status_id")) {
                s.quotedId = json.id(path, "quoted_status_id");
            } else if (json.is("quoted_status")) {
                if (json.object(path, "quoted_status")) {
                    while (json.nextField()) {
                        if (json.is("id")) {
                            s.quotedId = json.id(path + "quoted_status.", "id");
                            json.skipRest();
                            break;
                        }
                        json.skip();
                    }
                }
            } else {
                json.skip();
            }
        }
    }

    private Post post(Status s) {
        String id = Tweets.required(s.id, "id");
        String acct = Tweets.required(s.acct, "account.acct");
        String accountId = Tweets.required(s.accountId, "account.id");
        String host = instanceOf(s, id, acct);
        long time = createdAt(Tweets.required(s.createdAt, "created_at"));
        String text;
        List<String> mentions = new ArrayList<>();
        List<String> hashtags;
        String lang;
        String retweetedId = null;
        if (s.reblog != null) {
            Status original = s.reblog;
            retweetedId = host + "/" + Tweets.required(original.id, "reblog.id");
            String originalAuthor = qualified(Tweets.required(original.acct, "reblog.account.acct"), host);
            text = "RT @" + originalAuthor + ": " + text(original, host, "reblog.");
            mentions.add(originalAuthor.toLowerCase(Locale.ROOT));
            addMentions(original, host, mentions);
            hashtags = original.tags;
            lang = s.language != null ? s.language : original.language;
        } else {
            text = text(s, host, "");
            addMentions(s, host, mentions);
            hashtags = s.tags;
            lang = s.language;
        }
        // A status names the status it answers (in_reply_to_id), never its thread's first one: the
        // conversation stays unknown, and care keys this platform's posts by customer.
        Post post = new Post(host + "/" + id, PLATFORM, time,
                new Author(host + "/" + accountId, qualified(acct, host), s.followers, false, null),
                text, lang == null || lang.isBlank() ? null : lang, null, null,
                retweetedId == null ? prefixed(host, s.inReplyToId) : null,
                retweetedId == null ? prefixed(host, s.quotedId) : null, retweetedId,
                List.copyOf(mentions), List.copyOf(hashtags), s.url);
        CanonicalRules.check(post, clock.millis());
        return post;
    }

    /**
     * Mastodon writes every {@code created_at} as {@code 2026-11-20T18:42:07.120Z}; that form is
     * read by hand on the hot path, as {@code twitter-v1} reads its dates; any other ISO-8601 instant by
     * {@link java.time.Instant#parse}.
     */
    static long createdAt(String value) {
        if (value.length() == 24 && value.charAt(4) == '-' && value.charAt(7) == '-' && value.charAt(10) == 'T'
                && value.charAt(13) == ':' && value.charAt(16) == ':' && value.charAt(19) == '.' && value.charAt(23) == 'Z') {
            try {
                int hour = Tweets.digits(value, 11, 13);
                int minute = Tweets.digits(value, 14, 16);
                int second = Tweets.digits(value, 17, 19);
                long epochDay = LocalDate.of(Tweets.digits(value, 0, 4), Tweets.digits(value, 5, 7), Tweets.digits(value, 8, 10))
                        .toEpochDay();
                if (hour <= 23 && minute <= 59 && second <= 59) {
                    return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + Tweets.digits(value, 20, 23);
                }
            } catch (NumberFormatException | DateTimeException e) {
                return Tweets.isoDate(value, "created_at");
            }
        }
        return Tweets.isoDate(value, "created_at");
    }

    /** The instance whose numbering the status's ids follow. */
    private String instanceOf(Status s, String id, String acct) {
        if (instance != null) {
            return instance;
        }
        if (acct.indexOf('@') >= 0) {
            throw new Unmappable("account.acct '" + acct + "' is on another instance: the id " + id
                    + " is numbered by the instance that served the status, which a status does not name; give --instance");
        }
        String host = MastodonHtml.host(s.uri != null ? s.uri : s.url);
        if (host == null) {
            throw new Unmappable("uri is missing: it names the instance of a local status (or give --instance)");
        }
        return host;
    }

    private static String text(Status s, String host, String path) {
        String content = s.content;
        if (content == null) {
            throw new Unmappable(path + "content is missing");
        }
        List<String[]> mentions = new ArrayList<>(s.mentions.size());
        for (String[] mention : s.mentions) {
            mentions.add(new String[] {qualified(mention[0], host), mention[1]});
        }
        String body = MastodonHtml.text(content, mentions);
        return s.spoiler == null || s.spoiler.isBlank() ? body : body.isEmpty() ? s.spoiler : s.spoiler + "\n\n" + body;
    }

    private static void addMentions(Status s, String host, List<String> mentions) {
        for (String[] mention : s.mentions) {
            mentions.add(qualified(mention[0], host).toLowerCase(Locale.ROOT));
        }
    }

    /** {@code user@instance}: a local account's {@code acct} is its bare username. */
    private static String qualified(String acct, String host) {
        String bare = acct.startsWith("@") ? acct.substring(1) : acct;
        return bare.indexOf('@') >= 0 ? bare : bare + "@" + host;
    }

    private static String prefixed(String host, String id) {
        return id == null || id.isBlank() ? null : host + "/" + id;
    }
}
