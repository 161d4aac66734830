package io.outcry.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plain text of a Mastodon status's HTML {@code content}, as a reader sees it.
 *
 * <ul>
 *   <li>Paragraphs are separated by a blank line, {@code <br>} is a line break, list items
 *       start a line; other tags are dropped and their text kept.
 *   <li>A link is its {@code href}: Mastodon shortens long URLs on screen by wrapping their
 *       start and end in {@code <span class="invisible">}, so the text of a link is not the link.
 *       A link whose text is not part of its URL (HTML from other fediverse software) keeps the
 *       text, then the URL.
 *   <li>A mention is {@code @user@instance}: the anchor shows only {@code @user}, so its
 *       {@code href} is looked up among the status's {@code mentions} (fully qualified by the
 *       caller), else the instance is the host of the {@code href}.
 *   <li>A hashtag is its text, {@code #tag}. Entities are decoded. Custom emoji are
 *       {@code :shortcode:} in the text already and stay so; an {@code <img>} (other software)
 *       becomes its {@code alt}.
 * </ul>
 */
final class MastodonHtml {

    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"), Map.entry("hellip", "…"), Map.entry("mdash", "—"),
            Map.entry("ndash", "–"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"), Map.entry("ldquo", "“"),
            Map.entry("rdquo", "”"), Map.entry("laquo", "«"), Map.entry("raquo", "»"), Map.entry("euro", "€"),
            Map.entry("copy", "©"), Map.entry("reg", "®"), Map.entry("trade", "™"), Map.entry("middot", "·"),
            Map.entry("bull", "•"), Map.entry("deg", "°"), Map.entry("times", "×"), Map.entry("shy", "\u00ad"));

    private static final String[] TAGS = {"span", "a", "p", "br", "li", "ul", "ol", "div", "blockquote", "pre", "img",
            "h1", "h2", "h3", "h4", "h5", "h6"};

    private final String html;
    private final List<String[]> mentions;
    private final StringBuilder text;
    private int at;
    /** The line breaks owed before the next text: 0, 1 (a new line) or 2 (a new paragraph). */
    private int pendingBreaks;
    private int preformatted;
    /** Set between {@code <a>} and {@code </a>}: the anchor's text is decided at its end. */
    private StringBuilder anchor;
    private String href;
    private String anchorClass;

    private MastodonHtml(String html, List<String[]> mentions) {
        this.html = html;
        this.mentions = mentions;
        this.text = new StringBuilder(html.length());
    }

    /**
     * @param mentions the status's mentions, each {@code {user@instance, profile URL}}
     */
    static String text(String html, List<String[]> mentions) {
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return html;
        }
        MastodonHtml converter = new MastodonHtml(html, mentions);
        converter.convert();
        return converter.text.toString().strip();
    }

    private void convert() {
        int length = html.length();
        while (at < length) {
            char c = html.charAt(at);
            if (c == '<') {
                tag();
            } else if (c == '&') {
                append(entity());
            } else {
                int end = at + 1;
                while (end < length && html.charAt(end) != '<' && html.charAt(end) != '&') {
                    end++;
                }
                appendRun(at, end);
                at = end;
            }
        }
        if (anchor != null) {
            closeAnchor();
        }
    }

    private void append(String s) {
        target().append(s);
    }

    /** Text between tags, a run at a time, without a String for each character. */
    private void appendRun(int from, int to) {
        StringBuilder out = target();
        for (int i = from; i < to; i++) {
            char c = html.charAt(i);
            out.append(preformatted == 0 && (c == '\n' || c == '\r' || c == '\t') ? ' ' : c);
        }
    }

    /** Where text goes now: the open anchor, else the text after the line breaks it owes. */
    private StringBuilder target() {
        if (anchor != null) {
            return anchor;
        }
        if (pendingBreaks > 0 && !text.isEmpty()) {
            text.append(pendingBreaks == 2 ? "\n\n" : "\n");
        }
        pendingBreaks = 0;
        return text;
    }

    private void lineBreak() {
        target().append('\n');
    }

    private void breakBefore(int breaks) {
        pendingBreaks = Math.max(pendingBreaks, breaks);
    }

    /** Reads the tag at {@code <}; a {@code <} that starts no tag is text. */
    private void tag() {
        int close = tagEnd(at + 1);
        if (close < 0) {
            at++;
            append("<");
            return;
        }
        int start = at + 1;
        at = close + 1;
        boolean closing = html.charAt(start) == '/';
        int nameStart = closing ? start + 1 : start;
        int nameEnd = nameStart;
        while (nameEnd < close && Character.isLetterOrDigit(html.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = known(nameStart, nameEnd);
        switch (name) {
            case "br" -> lineBreak();
            case "p", "div", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6" -> {
                breakBefore(2);
                if (name.equals("pre")) {
                    preformatted += closing ? -1 : 1;
                }
            }
            case "li" -> breakBefore(closing ? 0 : 1);
            case "a" -> {
                if (closing) {
                    closeAnchor();
                } else {
                    if (anchor != null) {
                        closeAnchor();
                    }
                    String inside = html.substring(start, close);
                    anchor = new StringBuilder();
                    href = attribute(inside, "href");
                    anchorClass = attribute(inside, "class");
                }
            }
            case "img" -> {
                String alt = attribute(html.substring(start, close), "alt");
                if (alt != null) {
                    append(alt);
                }
            }
            default -> { }
        }
    }

    /** The tag's name when it is one that matters here, else "": without a String for every tag. */
    private String known(int from, int to) {
        for (String name : TAGS) {
            if (name.length() == to - from && html.regionMatches(true, from, name, 0, name.length())) {
                return name;
            }
        }
        return "";
    }

    /** The index of the {@code >} that ends the tag, skipping quoted attribute values; -1 if none. */
    private int tagEnd(int from) {
        char quote = 0;
        for (int i = from; i < html.length(); i++) {
            char c = html.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            } else if (c == '<') {
                return -1;
            }
        }
        return -1;
    }

    /** An attribute's value, entities decoded, or null. */
    private static String attribute(String tag, String name) {
        int i = 0;
        while ((i = tag.indexOf(name, i)) >= 0) {
            int after = i + name.length();
            boolean startsName = i > 0 && Character.isWhitespace(tag.charAt(i - 1));
            int eq = after;
            while (eq < tag.length() && tag.charAt(eq) == ' ') {
                eq++;
            }
            if (startsName && eq < tag.length() && tag.charAt(eq) == '=') {
                int v = eq + 1;
                while (v < tag.length() && tag.charAt(v) == ' ') {
                    v++;
                }
                if (v >= tag.length()) {
                    return "";
                }
                char quote = tag.charAt(v);
                int end;
                if (quote == '"' || quote == '\'') {
                    end = tag.indexOf(quote, v + 1);
                    v++;
                } else {
                    end = v;
                    while (end < tag.length() && !Character.isWhitespace(tag.charAt(end)) && tag.charAt(end) != '/') {
                        end++;
                    }
                }
                return decode(tag.substring(v, end < 0 ? tag.length() : end));
            }
            i = after;
        }
        return null;
    }

    private static String decode(String value) {
        return value.indexOf('&') < 0 ? value : text(value, List.of());
    }

    private void closeAnchor() {
        String shown = anchor.toString();
        anchor = null;
        String classes = anchorClass == null ? "" : anchorClass;
        if (classes.contains("hashtag") || (shown.startsWith("#") && !classes.contains("mention"))) {
            append(shown);
        } else if (classes.contains("mention") || shown.startsWith("@")) {
            append(mention(shown));
        } else if (href == null || href.isEmpty()) {
            append(shown);
        } else {
            String visible = shown.strip();
            if (visible.endsWith("…")) {
                visible = visible.substring(0, visible.length() - 1);
            }
            append(visible.isEmpty() || href.contains(visible) ? href : shown + " " + href);
        }
    }

    /** {@code @user@instance} for an anchor that shows {@code @user}. */
    private String mention(String shown) {
        for (String[] mention : mentions) {
            if (mention[1] != null && mention[1].equals(href)) {
                return "@" + mention[0];
            }
        }
        String handle = shown.strip();
        String host = host(href);
        if (handle.indexOf('@', 1) > 0 || host == null) {
            return handle;
        }
        return (handle.startsWith("@") ? handle : "@" + handle) + "@" + host;
    }

    /** The host of an absolute URL, without port and user info; null when it has none. */
    static String host(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int start = scheme + 3;
        int end = start;
        while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != '?' && url.charAt(end) != '#') {
            end++;
        }
        String authority = url.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        int port = authority.lastIndexOf(':');
        String host = port >= 0 ? authority.substring(0, port) : authority;
        return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }

    /** Decodes the entity at {@code &}; an {@code &} that starts none is itself. */
    private String entity() {
        int semicolon = html.indexOf(';', at + 1);
        if (semicolon < 0 || semicolon - at > 12) {
            at++;
            return "&";
        }
        String name = html.substring(at + 1, semicolon);
        String decoded = null;
        if (name.startsWith("#")) {
            try {
                int codePoint = name.startsWith("#x") || name.startsWith("#X")
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                decoded = Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : null;
            } catch (NumberFormatException e) {
                decoded = null;
            }
        } else {
            decoded = ENTITIES.get(name);
        }
        if (decoded == null) {
            at++;
            return "&";
        }
        at = semicolon + 1;
        return decoded;
    }
}
