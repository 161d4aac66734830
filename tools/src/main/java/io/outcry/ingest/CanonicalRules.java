package io.outcry.ingest;

import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * What every adapter's post must meet before it is written: the canonical schema's rules that
 * a platform's own format does not enforce, so that a post written by {@code outcry ingest} is
 * one the job reads rather than dead-letters.
 */
final class CanonicalRules {

    private CanonicalRules() {}

    /** The rules of the canonical schema that a platform's own format does not already enforce. */
    static void check(Post post, long now) {
        if (post.createdAt() < CanonicalPostJson.EARLIEST.toEpochMilli()) {
            throw new Unmappable("created_at " + Instant.ofEpochMilli(post.createdAt()) + " is before social posts existed");
        }
        if (post.createdAt() > now + CanonicalPostJson.DEFAULT_MAX_FUTURE_SKEW.toMillis()) {
            throw new Unmappable("created_at " + Instant.ofEpochMilli(post.createdAt())
                    + " is in the future; check the clock of the machine that wrote the record");
        }
        if (post.text().length() > Post.MAX_TEXT_LENGTH) {
            throw new Unmappable("text has " + post.text().length() + " characters, more than " + Post.MAX_TEXT_LENGTH);
        }
        checkId("id", post.id());
        checkId("reply_to_id", post.replyToId());
        checkId("quoted_id", post.quotedId());
        checkId("retweeted_id", post.retweetedId());
        checkId("conversation_id", post.conversationId());
        checkId("author.id", post.author().id());
        checkLength("author.handle", post.author().handle(), Post.MAX_NAME_LENGTH);
        checkLength("author.location", post.author().location(), Post.MAX_NAME_LENGTH);
        checkLength("url", post.url(), Post.MAX_URL_LENGTH);
        checkNames("mentions", post.mentions());
        checkNames("hashtags", post.hashtags());
    }

    /**
     * The limits the job's parser puts on ids, names and tags, so that a post an adapter writes
     * is one the job reads: a Bluesky or Mastodon record is what its author's client wrote, and a
     * tag or a record key can be as long as anyone likes.
     */
    private static void checkLength(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw new Unmappable(field + ": '" + value.substring(0, 40) + "...' has " + value.length() + " characters, more than " + max);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new Unmappable(field + ": '" + value.strip() + "' holds a control character");
            }
        }
    }

    /** An id is bounded in UTF-8 bytes too, as the job's parser bounds it. */
    private static void checkId(String field, String value) {
        checkLength(field, value, Post.MAX_ID_LENGTH);
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > Post.MAX_ID_LENGTH) {
            throw new Unmappable(field + ": '" + value.substring(0, 40) + "...' takes more than " + Post.MAX_ID_LENGTH + " bytes in UTF-8");
        }
    }

    private static void checkNames(String field, List<String> names) {
        if (names.size() > Post.MAX_TAGS) {
            throw new Unmappable(field + ": " + names.size() + ", more than " + Post.MAX_TAGS);
        }
        for (String name : names) {
            checkLength(field, name, Post.MAX_NAME_LENGTH);
        }
    }
}
