package io.outcry.ingest;

import io.outcry.post.Deletion;
import io.outcry.post.Author;
import io.outcry.post.Post;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bluesky-jetstream}: Bluesky's Jetstream events, one JSON object per line or WebSocket
 * message: {@code {"did", "time_us", "kind": "commit" | "identity" | "account", "commit":
 * {"operation", "collection", "rkey", "record"}}}.
 *
 * <ul>
 *   <li>A post ({@code app.bsky.feed.post} created) is identified by its AT URI,
 *       {@code at://<did>/app.bsky.feed.post/<rkey>}, the form its replies and quotes use to
 *       name it, so references join without rewriting. Its author is the DID, with the handle
 *       known for it (else the DID); followers are unknown.
 *   <li>Facets slice the UTF-8 bytes of the text: a mention's handle is the text it covers
 *       ({@code @name.bsky.social}), a tag facet is a hashtag, a link facet's shortened text is
 *       replaced by its full URI. {@code reply.parent.uri} is the reply's target and
 *       {@code reply.root.uri} its conversation (a post that replies to nothing starts its own),
 *       an embedded post ({@code app.bsky.embed.record}, {@code recordWithMedia}) the quote,
 *       {@code langs[0]} the language, {@code createdAt} the time.
 *   <li>A repost ({@code app.bsky.feed.repost} created) is a retweet of {@code subject.uri} with
 *       empty text; its permalink is the reposted post's, and, replying to nothing, it starts a
 *       conversation of its own, as X gives a retweet its own {@code conversation_id}.
 *   <li>A deleted post or repost is a {@link Deletion}. Commits of other collections, and
 *       {@code identity} and {@code account} events, are control messages; an identity event
 *       names a DID's handle for the posts that follow (see {@link BlueskyHandles}).
 * </ul>
 *
 * Live, it reads a Jetstream WebSocket, asking for posts and reposts only, and resumes after a
 * reconnect from {@link #REWIND_MICROS} before the last {@code time_us} it saw: Jetstream replays
 * from a cursor, and the posts seen twice are counted as duplicates.
 */
public final class BlueskyJetstreamFormat implements PlatformFormat, LiveSource {

    public static final String NAME = "bluesky-jetstream";
    static final String PLATFORM = "bluesky";
    static final String POST = "app.bsky.feed.post";
    static final String REPOST = "app.bsky.feed.repost";
    /** How far back a reconnect starts: the events around a drop may reach us out of order. */
    static final long REWIND_MICROS = 5_000_000;
    /** A handle is a domain name, at most 253 characters. */
    private static final int MAX_HANDLE_LENGTH = 253;

    private final BlueskyHandles handles;
    /** Judges whether a post was created in the future. */
    private final Clock clock;
    private long lastTimeUs = -1;

    public BlueskyJetstreamFormat() {
        this(new BlueskyHandles(BlueskyHandles.CAPACITY));
    }

    BlueskyJetstreamFormat(BlueskyHandles handles) {
        this(handles, Clock.systemUTC());
    }

    BlueskyJetstreamFormat(BlueskyHandles handles, Clock clock) {
        this.handles = handles;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int map(byte[] bytes, int offset, int length, Outcomes out) {
        JsonCursor json = new JsonCursor(bytes, offset, length);
        try {
            if (!json.startObject()) {
                out.deadLetter("expected a Jetstream event, a JSON object, got " + json.describeNext());
                return 1;
            }
            Event event = readEvent(json);
            if (!json.atEnd()) {
                throw new Unmappable("more than one JSON value on the line");
            }
            lastTimeUs = Math.max(lastTimeUs, event.timeUs);
            if (event.kind == null) {
                throw new Unmappable("kind is missing");
            }
            switch (event.kind) {
                case "commit" -> commit(event, out);
                case "identity" -> {
                    handles.identity(did(event), isHandle(event.handle) ? event.handle : null);
                    out.control("identity");
                }
                case "account" -> out.control("account");
                default -> throw new Unmappable("kind '" + event.kind + "' is none of commit, identity, account");
            }
        } catch (Unmappable e) {
            out.deadLetter(e.getMessage());
        }
        return 1;
    }

    /** The fields Outcry reads from one event, the commit's record included. */
    private static final class Event {
        String did;
        long timeUs = -1;
        String kind;
        boolean hasCommit;
        String operation;
        String collection;
        String rkey;
        boolean hasRecord;
        String text;
        String createdAt;
        String lang;
        final List<Facet> facets = new ArrayList<>(2);
        final List<String> tags = new ArrayList<>(0);
        String replyTo;
        String replyRoot;
        String quoted;
        String subject;
        String handle;
    }

    /** One facet feature over {@code text}'s UTF-8 bytes {@code [start, end)}: a mention's DID, a link's URI or a tag. */
    private record Facet(String type, String value, long start, long end) {}

    private static Event readEvent(JsonCursor json) {
        Event e = new Event();
        while (json.nextField()) {
            if (json.is("did")) {
                e.did = json.string("", "did");
            } else if (json.is("time_us")) {
                e.timeUs = json.wholeNumber("", "time_us");
            } else if (json.is("kind")) {
                e.kind = json.string("", "kind");
            } else if (json.is("commit")) {
                if (json.object("", "commit")) {
                    e.hasCommit = true;
                    readCommit(json, e);
                }
            } else if (json.is("identity")) {
                if (json.object("", "identity")) {
                    while (json.nextField()) {
                        if (json.is("handle")) {
                            e.handle = json.string("identity.", "handle");
                        } else if (json.is("did") && e.did == null) {
                            e.did = json.string("identity.", "did");
                        } else {
                            json.skip();
                        }
                    }
                }
            } else {
                json.skip();
            }
        }
        return e;
    }

    private static void readCommit(JsonCursor json, Event e) {
        while (json.nextField()) {
            if (json.is("operation")) {
                e.operation = json.string("commit.", "operation");
            } else if (json.is("collection")) {
                e.collection = json.string("commit.", "collection");
            } else if (json.is("rkey")) {
                e.rkey = json.string("commit.", "rkey");
            } else if (json.is("record")) {
                if (json.object("commit.", "record")) {
                    e.hasRecord = true;
                    readRecord(json, e);
                }
            } else {
                json.skip();
            }
        }
    }

    /** A post's or a repost's record: the collection may come after it, so both kinds' fields are read. */
    private static void readRecord(JsonCursor json, Event e) {
        String path = "commit.record.";
        while (json.nextField()) {
            if (json.is("text")) {
                e.text = json.string(path, "text");
            } else if (json.is("createdAt")) {
                e.createdAt = json.string(path, "createdAt");
            } else if (json.is("langs")) {
                if (json.array(path, "langs")) {
                    while (json.nextElement()) {
                        String lang = json.string(path, "langs[]");
                        e.lang = e.lang == null && lang != null && !lang.isBlank() ? lang : e.lang;
                    }
                }
            } else if (json.is("facets")) {
                if (json.array(path, "facets")) {
                    while (json.nextObject(path, "facets[]")) {
                        readFacet(json, e.facets);
                    }
                }
            } else if (json.is("tags")) {
                if (json.array(path, "tags")) {
                    while (json.nextElement()) {
                        addTag(e.tags, json.string(path, "tags[]"));
                    }
                }
            } else if (json.is("reply")) {
                if (json.object(path, "reply")) {
                    while (json.nextField()) {
                        if (json.is("parent")) {
                            e.replyTo = json.object(path, "reply.parent") ? readUri(json, path + "reply.parent.") : null;
                        } else if (json.is("root")) {
                            e.replyRoot = json.object(path, "reply.root") ? readUri(json, path + "reply.root.") : null;
                        } else {
                            json.skip();
                        }
                    }
                }
            } else if (json.is("embed")) {
                if (json.object(path, "embed")) {
                    e.quoted = readEmbed(json, path + "embed.");
                }
            } else if (json.is("subject")) {
                e.subject = json.object(path, "subject") ? readUri(json, path + "subject.") : null;
            } else {
                json.skip();
            }
        }
    }

    private static void readFacet(JsonCursor json, List<Facet> facets) {
        String path = "commit.record.facets[].";
        long start = -1;
        long end = -1;
        int first = facets.size();
        while (json.nextField()) {
            if (json.is("index")) {
                if (json.object(path, "index")) {
                    while (json.nextField()) {
                        if (json.is("byteStart")) {
                            start = json.wholeNumber(path, "index.byteStart");
                        } else if (json.is("byteEnd")) {
                            end = json.wholeNumber(path, "index.byteEnd");
                        } else {
                            json.skip();
                        }
                    }
                }
            } else if (json.is("features")) {
                if (json.array(path, "features")) {
                    while (json.nextObject(path, "features[]")) {
                        String type = null;
                        String value = null;
                        while (json.nextField()) {
                            if (json.is("$type")) {
                                type = json.string(path, "features[].$type");
                            } else if (json.is("did") || json.is("uri") || json.is("tag")) {
                                value = json.string(path, "features[]." + json.name());
                            } else {
                                json.skip();
                            }
                        }
                        if (type != null && value != null) {
                            facets.add(new Facet(type, value, -1, -1));
                        }
                    }
                }
            } else {
                json.skip();
            }
        }
        // The index may come before or after the features it applies to.
        for (int i = first; i < facets.size(); i++) {
            Facet f = facets.get(i);
            facets.set(i, new Facet(f.type(), f.value(), start, end));
        }
    }

    /** A strong reference, {@code {"uri", "cid"}}, the cursor inside it. */
    private static String readUri(JsonCursor json, String path) {
        String uri = null;
        while (json.nextField()) {
            if (json.is("uri")) {
                uri = json.string(path, "uri");
            } else {
                json.skip();
            }
        }
        return uri;
    }

    /**
     * The quoted record's URI: {@code embed.record.uri} for {@code app.bsky.embed.record},
     * {@code embed.record.record.uri} for {@code recordWithMedia}; null for images, external links
     * and other embeds.
     */
    private static String readEmbed(JsonCursor json, String path) {
        String uri = null;
        while (json.nextField()) {
            if (json.is("record") && json.object(path, "record")) {
                while (json.nextField()) {
                    if (json.is("uri")) {
                        uri = json.string(path, "record.uri");
                    } else if (json.is("record") && json.object(path, "record.record")) {
                        uri = readUri(json, path + "record.record.");
                    } else {
                        json.skip();
                    }
                }
            } else {
                json.skip();
            }
        }
        return uri;
    }

    private static void addTag(List<String> tags, String tag) {
        if (tag == null) {
            return;
        }
        String name = (tag.startsWith("#") ? tag.substring(1) : tag).toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !tags.contains(name)) {
            tags.add(name);
        }
    }

    private static String did(Event e) {
        String did = Tweets.required(e.did, "did");
        if (!did.startsWith("did:")) {
            throw new Unmappable("did '" + did + "' is not a DID such as did:plc:...");
        }
        return did;
    }

    private void commit(Event e, Outcomes out) {
        if (!e.hasCommit) {
            throw new Unmappable("commit is missing from a commit event");
        }
        String collection = Tweets.required(e.collection, "commit.collection");
        String operation = Tweets.required(e.operation, "commit.operation");
        if (!collection.equals(POST) && !collection.equals(REPOST)) {
            out.control(collection);
            return;
        }
        String did = did(e);
        String id = "at://" + did + "/" + collection + "/" + Tweets.required(e.rkey, "commit.rkey");
        switch (operation) {
            case "delete" -> out.deletion(new Deletion(PLATFORM, id, did, e.timeUs < 0 ? -1 : e.timeUs / 1000));
            case "create", "update" -> {
                if (!e.hasRecord) {
                    throw new Unmappable("commit.record is missing from a " + operation);
                }
                out.post(collection.equals(POST) ? post(e, did, id) : repost(e, did, id));
            }
            default -> throw new Unmappable("commit.operation '" + operation + "' is none of create, update, delete");
        }
    }

    private Post post(Event e, String did, String id) {
        if (e.text == null) {
            throw new Unmappable("commit.record.text is missing");
        }
        long time = Tweets.isoDate(Tweets.required(e.createdAt, "commit.record.createdAt"), "commit.record.createdAt");
        List<String> mentions = new ArrayList<>(2);
        List<String> hashtags = new ArrayList<>(2);
        String text = e.facets.isEmpty() ? e.text : applyFacets(e.text, e.facets, mentions, hashtags);
        for (String tag : e.tags) {
            addTag(hashtags, tag);
        }
        String handle = handles.of(did);
        String replyTo = postUri(e.replyTo, "commit.record.reply.parent.uri", true);
        Post post = new Post(id, PLATFORM, time, new Author(did, handle, Author.UNKNOWN_FOLLOWERS, false, null), text, e.lang,
                null, null, replyTo, postUri(e.quoted, "commit.record.embed.record.uri", false), null, List.copyOf(mentions),
                List.copyOf(hashtags), permalink(handle, e.rkey), conversation(e, replyTo, id));
        CanonicalRules.check(post, clock.millis());
        return post;
    }


    private Post repost(Event e, String did, String id) {
        long time = Tweets.isoDate(Tweets.required(e.createdAt, "commit.record.createdAt"), "commit.record.createdAt");
        String subject = postUri(Tweets.required(e.subject, "commit.record.subject.uri"), "commit.record.subject.uri", true);
        AtUri original = AtUri.parse(subject);
        Post post = new Post(id, PLATFORM, time, new Author(did, handles.of(did), Author.UNKNOWN_FOLLOWERS, false, null), "", null,
                null, null, null, null, subject, List.of(), List.of(), permalink(handles.of(original.did()), original.rkey()), id);
        CanonicalRules.check(post, clock.millis());
        return post;
    }

    /**
     * The thread a post belongs to: a reply's root, named as the root post's own id is, or the
     * post itself when it replies to nothing. The lexicon requires a root beside every parent;
     * a reply without one would belong to no known thread while the rest of its thread has one,
     * so it is refused rather than left without a conversation.
     */
    private static String conversation(Event e, String replyTo, String id) {
        if (replyTo == null) {
            return id;
        }
        return postUri(Tweets.required(e.replyRoot, "commit.record.reply.root.uri"), "commit.record.reply.root.uri", true);
    }

    /**
     * A reference to a post, as it joins with a post's id; null when absent. An embed may name
     * something that is not a post (a feed, a list): that is no quote ({@code required} false).
     */
    private static String postUri(String uri, String field, boolean required) {
        if (uri == null) {
            return null;
        }
        if (!uri.startsWith("at://")) {
            throw new Unmappable(field + " '" + uri + "' is not an at:// URI");
        }
        if (!uri.contains("/" + POST + "/")) {
            if (required) {
                throw new Unmappable(field + " '" + uri + "' names no " + POST);
            }
            return null;
        }
        return uri;
    }

    /** The parts of {@code at://<did>/<collection>/<rkey>} a permalink needs. */
    private record AtUri(String did, String rkey) {
        static AtUri parse(String uri) {
            int slash = uri.indexOf('/', "at://".length());
            return new AtUri(uri.substring("at://".length(), slash), uri.substring(uri.lastIndexOf('/') + 1));
        }
    }

    static String permalink(String handleOrDid, String rkey) {
        return "https://bsky.app/profile/" + handleOrDid + "/post/" + rkey;
    }

    /**
     * Reads the facets over the text's UTF-8 bytes: collects mentions and tags, and returns the
     * text with each link's shortened display replaced by its URI. A facet whose range does not
     * fall on the text's character boundaries is broken (clients have sent such) and the app
     * shows it as plain text: so does this, and a broken mention is named by its DID's handle.
     */
    private String applyFacets(String text, List<Facet> facets, List<String> mentions, List<String> hashtags) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        facets.sort((a, b) -> Long.compare(a.start(), b.start()));
        ByteArrayOutputStream rewritten = null;
        int copied = 0;
        for (Facet facet : facets) {
            boolean valid = facet.start() >= 0 && facet.start() < facet.end() && facet.end() <= utf8.length
                    && startsCharacter(utf8, (int) facet.start()) && startsCharacter(utf8, (int) facet.end());
            String type = facet.type();
            if (type.equals("app.bsky.richtext.facet#mention")) {
                String shown = valid ? new String(utf8, (int) facet.start(), (int) (facet.end() - facet.start()), StandardCharsets.UTF_8) : "";
                String handle = shown.length() > 1 && shown.charAt(0) == '@' && isHandle(shown, 1)
                        ? shown.substring(1).toLowerCase(Locale.ROOT) : null;
                if (handle != null) {
                    handles.mentioned(facet.value(), handle);
                }
                String mention = handle != null ? handle : handles.of(facet.value()).toLowerCase(Locale.ROOT);
                if (!mentions.contains(mention)) {
                    mentions.add(mention);
                }
            } else if (type.equals("app.bsky.richtext.facet#tag")) {
                addTag(hashtags, facet.value());
            } else if (type.equals("app.bsky.richtext.facet#link") && valid && facet.start() >= copied) {
                if (rewritten == null) {
                    rewritten = new ByteArrayOutputStream(utf8.length + 64);
                }
                rewritten.write(utf8, copied, (int) facet.start() - copied);
                rewritten.writeBytes(facet.value().getBytes(StandardCharsets.UTF_8));
                copied = (int) facet.end();
            }
        }
        if (rewritten == null) {
            return text;
        }
        rewritten.write(utf8, copied, utf8.length - copied);
        return rewritten.toString(StandardCharsets.UTF_8);
    }

    /** Whether byte {@code i} starts a character (or is the end): UTF-8 continuation bytes are 10xxxxxx. */
    private static boolean startsCharacter(byte[] utf8, int i) {
        return i == utf8.length || (utf8[i] & 0xC0) != 0x80;
    }

    /**
     * Whether an identity event's handle names the account: Bluesky writes {@code handle.invalid}
     * when the handle no longer resolves to its DID.
     */
    private static boolean isHandle(String handle) {
        return handle != null && !handle.equals("handle.invalid") && isHandle(handle, 0);
    }

    /** A handle is a domain name: letters, digits, hyphens and at least one dot, 253 characters at most. */
    private static boolean isHandle(String text, int from) {
        if (text.length() - from > MAX_HANDLE_LENGTH) {
            return false;
        }
        boolean dot = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dot = true;
            } else if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return dot;
    }

    @Override
    public void check(URI url) {
        WebSocketStream.check(url);
        String query = url.getRawQuery();
        if (query != null && (query.contains("compress=true") || query.contains("compress=1"))) {
            throw new IllegalArgumentException("compress=true asks Jetstream for zstd with its own dictionary, which this reader "
                    + "does not decode; leave it out");
        }
    }

    @Override
    public void stream(URI url, Records records) throws IOException, InterruptedException {
        WebSocketStream.stream(resumeUrl(url), records);
    }

    /**
     * The URL of the next connection: posts and reposts only unless the user chose collections,
     * and after events were seen a {@code cursor} {@link #REWIND_MICROS} before the last one.
     */
    URI resumeUrl(URI url) {
        StringBuilder query = new StringBuilder();
        String given = url.getRawQuery();
        if (given != null) {
            for (String parameter : given.split("&")) {
                if (!parameter.isEmpty() && !(lastTimeUs >= 0 && parameter.startsWith("cursor="))) {
                    query.append(query.length() == 0 ? "" : "&").append(parameter);
                }
            }
        }
        if (given == null || !given.contains("wantedCollections=")) {
            query.append(query.length() == 0 ? "" : "&").append("wantedCollections=" + POST + "&wantedCollections=" + REPOST);
        }
        if (lastTimeUs >= 0) {
            query.append("&cursor=").append(Math.max(0, lastTimeUs - REWIND_MICROS));
        }
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath())
                + "?" + query);
    }
}
