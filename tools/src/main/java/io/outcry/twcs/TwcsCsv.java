package io.outcry.twcs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.csv.CsvReader;
import io.outcry.csv.CsvRecord;
import io.outcry.post.Author;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.post.PostText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The "Customer Support on Twitter" export (Kaggle's {@code twcs.csv}, written by pandas) as
 * canonical posts, so that real brand support threads can go through the job.
 *
 * <p>The layout: a header {@code ,tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id}
 * (the first column is pandas' unnamed index), one record per tweet. Its quirks: ids that
 * pandas read as floats because the column has gaps ({@code 3.0}), lists of ids in quotes
 * ({@code "5,7"}), texts with commas, quotes and line breaks in quotes, and a bare CR inside an
 * unquoted text (read by {@link CsvReader} as data, as it was tweeted, not as a line break).
 * Brand care accounts are named ({@code AmazonHelp}), customers are anonymised as numbers.
 *
 * <p>Every record becomes a post or a {@link Rejected} record with its original bytes and a
 * reason naming the record, the field and the fix; none is dropped. A post's conversation is the
 * root of its reply chain within the file ({@link Conversations}), so a whole file is read
 * before any post is handed on. A post is also one the
 * job's {@link CanonicalPostJson} parser accepts, so nothing this adapter emits is
 * dead-lettered later for a reason it could have said here.
 */
public final class TwcsCsv {

    /** The columns of the export, in order; the first is pandas' unnamed index. */
    public static final List<String> COLUMNS = List.of(
            "", "tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id", "in_response_to_tweet_id");

    private static final int TWEET_ID = 1;
    private static final int AUTHOR_ID = 2;
    private static final int INBOUND = 3;
    private static final int CREATED_AT = 4;
    private static final int TEXT = 5;
    private static final int RESPONSE_TWEET_ID = 6;
    private static final int IN_RESPONSE_TO = 7;

    /** {@code Tue Oct 31 22:10:47 +0000 2017}; strict, so a weekday that does not fit the date is refused. */
    private static final DateTimeFormatter CREATED_AT_FORMAT = DateTimeFormatter
            .ofPattern("EEE MMM dd HH:mm:ss xx uuuu", Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);
    /** A whole number, possibly written as a float by pandas ({@code 3.0}). */
    private static final Pattern ID = Pattern.compile("([0-9]+)(?:\\.0+)?");
    private static final Pattern NUMERIC_ACCOUNT = Pattern.compile("[0-9]+");
    private static final Pattern NOT_ID_CHAR = Pattern.compile("[^a-z0-9_]");
    private static final CanonicalPostJson CANONICAL = new CanonicalPostJson();

    private TwcsCsv() {}

    /** Reads a whole export: every record becomes a post or a rejected record, none is lost. */
    public static Result read(Path csv) throws IOException {
        try (InputStream in = Files.newInputStream(csv)) {
            return read(in);
        }
    }

    /** {@link #read(Path)} of an export in memory: the posts are kept, so their chains need no second reading. */
    public static Result read(InputStream csv) throws IOException {
        List<Post> posts = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        Set<String> brandAccounts = new LinkedHashSet<>();
        records(csv, post -> {
            posts.add(post);
            if (post.author().verified()) {
                brandAccounts.add(post.author().id());
            }
        }, rejected::add);
        Conversations.Builder chains = new Conversations.Builder();
        posts.forEach(post -> chains.add(post.id(), post.replyToId()));
        Conversations conversations = chains.build();
        posts.replaceAll(post -> post.withConversation(conversations.of(post.id())));
        return new Result(posts, rejected, List.copyOf(brandAccounts));
    }

    /**
     * Reads an export twice, so that a big one need not fit in memory: first only each post's id
     * and parent, to resolve the reply chains, then record by record, handing each post, with its
     * conversation, or rejected record on as soon as it is read, in file order.
     *
     * @return how many records the file holds (posts plus rejected)
     * @throws IOException when the file cannot be read or its header is not the export's
     */
    public static long stream(Path csv, Consumer<Post> posts, Consumer<Rejected> rejected) throws IOException {
        Conversations.Builder chains = new Conversations.Builder();
        try (InputStream in = Files.newInputStream(csv)) {
            records(in, post -> chains.add(post.id(), post.replyToId()), ignored -> { });
        }
        Conversations conversations = chains.build();
        try (InputStream in = Files.newInputStream(csv)) {
            return records(in, post -> {
                String conversation = conversations.of(post.id());
                if (conversation == null) {
                    throw new IllegalStateException(csv + " changed while it was read: tweet_id " + post.id()
                            + " was not in it the first time");
                }
                posts.accept(post.withConversation(conversation));
            }, rejected);
        }
    }

    /** One reading of an export, each post (without its conversation) or rejected record handed on as it is read. */
    private static long records(InputStream csv, Consumer<Post> posts, Consumer<Rejected> rejected) throws IOException {
        CsvReader reader = new CsvReader(csv);
        CsvRecord header = reader.next();
        if (header == null) {
            throw new IOException("empty file; a twcs export starts with the header " + String.join(",", COLUMNS));
        }
        if (!header.fields().equals(COLUMNS)) {
            throw new IOException("the header " + (header.readable() ? header.fields() : header.problem())
                    + " is not the twcs export's " + String.join(",", COLUMNS));
        }
        // ids seen, so that a repeated tweet is refused instead of counted twice
        Map<String, Long> recordOfId = new HashMap<>();
        long number = 0;
        for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
            number++;
            try {
                Post post = post(record);
                Long earlier = recordOfId.putIfAbsent(post.id(), number);
                if (earlier != null) {
                    throw new RecordException("tweet_id", post.id() + " was already read in record " + earlier
                            + "; remove the repeated row");
                }
                posts.accept(post);
            } catch (RecordException e) {
                rejected.accept(new Rejected(number, "record " + number + " (line " + record.line() + "), "
                        + e.field + ": " + e.getMessage(), record.raw()));
            }
        }
        return number;
    }

    private static Post post(CsvRecord record) throws RecordException {
        if (!record.readable()) {
            throw new RecordException("csv", record.problem());
        }
        List<String> f = record.fields();
        if (f.size() != COLUMNS.size()) {
            throw new RecordException("columns", "has " + f.size() + " fields, the header " + COLUMNS.size()
                    + "; quote a text holding commas or line breaks (\"...\")");
        }
        String id = id(f.get(TWEET_ID), "tweet_id");
        if (id == null) {
            throw new RecordException("tweet_id", "is empty; every tweet needs its id");
        }
        String authorId = f.get(AUTHOR_ID);
        if (authorId.isBlank()) {
            throw new RecordException("author_id", "is empty; write the brand account or the customer's number");
        }
        boolean brand = !NUMERIC_ACCOUNT.matcher(authorId).matches();
        boolean inbound = switch (f.get(INBOUND)) {
            case "True" -> true;
            case "False" -> false;
            default -> throw new RecordException("inbound", "'" + f.get(INBOUND) + "' is neither True nor False");
        };
        if (inbound == brand) {
            throw new RecordException("inbound", inbound
                    ? "is True (a customer's tweet) but author_id '" + authorId + "' is a named brand account; customers are numbers"
                    : "is False (a brand's tweet) but author_id " + authorId + " is a customer's number; brands are named accounts");
        }
        long createdAt = createdAt(f.get(CREATED_AT));
        String text = f.get(TEXT);
        String responses = f.get(RESPONSE_TWEET_ID);
        // validated only: the replies carry the chain in their own in_response_to_tweet_id
        if (!responses.isEmpty()) {
            for (String response : responses.split(",", -1)) {
                if (id(response.strip(), "response_tweet_id") == null) {
                    throw new RecordException("response_tweet_id", "'" + responses
                            + "' has an empty id; write the ids separated by single commas, e.g. \"5,7\"");
                }
            }
        }
        String replyTo = id(f.get(IN_RESPONSE_TO), "in_response_to_tweet_id");
        Author author = new Author(authorId, authorId.toLowerCase(Locale.ROOT), Author.UNKNOWN_FOLLOWERS, brand, null);
        Post post = new Post(id, "twitter", createdAt, author, text, null, null, null, replyTo, null, null,
                PostText.mentions(text), PostText.hashtags(text));
        try {
            CANONICAL.parse(CanonicalPostJson.write(post));
        } catch (InvalidRecordException e) {
            throw new RecordException("post", e.getMessage());
        }
        return post;
    }

    /** The id as a plain decimal string ({@code 3.0} becomes {@code 3}), or null when empty. */
    private static String id(String value, String field) throws RecordException {
        if (value.isEmpty()) {
            return null;
        }
        var m = ID.matcher(value);
        if (!m.matches()) {
            throw new RecordException(field, "'" + value + "' is not a whole number; write the tweet id in digits, e.g. 119237 or 119237.0");
        }
        return m.group(1).replaceFirst("^0+(?=.)", "");
    }

    private static long createdAt(String value) throws RecordException {
        try {
            return ZonedDateTime.parse(value, CREATED_AT_FORMAT).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new RecordException("created_at", "'" + value
                    + "' is not a date like 'Tue Oct 31 22:10:47 +0000 2017' (English weekday and month, UTC offset, the weekday matching the date)");
        }
    }

    /**
     * brands.yaml text for the job's {@code --brands} flag: one brand per account, id = account
     * lower-cased with characters outside {@code [a-z0-9_]} replaced by '_', name = the account,
     * handles and official_accounts = the account lower-cased, industry {@code support}. Two
     * accounts that fold to the same id (which the catalog refuses twice) share one brand.
     */
    public static String catalogYaml(Collection<String> brandAccounts) {
        Map<String, ObjectNode> brands = new LinkedHashMap<>();
        JsonNodeFactory json = JsonNodeFactory.instance;
        for (String account : brandAccounts) {
            String handle = account.toLowerCase(Locale.ROOT);
            String id = NOT_ID_CHAR.matcher(handle).replaceAll("_");
            ObjectNode brand = brands.get(id);
            if (brand == null) {
                brand = json.objectNode();
                brand.put("id", id);
                brand.put("name", account);
                brand.put("industry", "support");
                brand.putArray("handles");
                brand.putArray("official_accounts");
                brands.put(id, brand);
            }
            addOnce((ArrayNode) brand.get("handles"), handle);
            addOnce((ArrayNode) brand.get("official_accounts"), handle);
        }
        ObjectNode root = json.objectNode();
        root.putArray("brands").addAll(brands.values());
        YAMLMapper yaml = new YAMLMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        try {
            return "# The brand care accounts of a twcs export, written by `outcry twcs --catalog-out`.\n"
                    + "# Load it with the job's --brands flag.\n"
                    + yaml.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("a YAML tree always serializes", e);
        }
    }

    private static void addOnce(ArrayNode list, String value) {
        for (var item : list) {
            if (item.asText().equals(value)) {
                return;
            }
        }
        list.add(value);
    }

    /** @param brandAccounts the non-numeric author_ids (brand care accounts) in order of first appearance */
    public record Result(List<Post> posts, List<Rejected> rejected, List<String> brandAccounts) {

        /** Records read: every one is a post or rejected. */
        public long records() {
            return (long) posts.size() + rejected.size();
        }
    }

    /**
     * @param recordNumber 1-based record number in the file (the header is not a record)
     * @param reason       {@code record <n> (line <l>), <field>: <what is wrong and the fix>}
     * @param original     the record's raw bytes, without its line ending
     */
    public record Rejected(long recordNumber, String reason, byte[] original) {

        /** The field that was wrong ({@code created_at}, {@code columns}, ...), for counting rejections by cause. */
        public String field() {
            int start = reason.indexOf("), ");
            int end = start < 0 ? -1 : reason.indexOf(':', start);
            return end < 0 ? "other" : reason.substring(start + 3, end);
        }
    }

    /** Why one record cannot be a post: the field at fault and what is wrong with it. */
    private static final class RecordException extends Exception {

        private static final long serialVersionUID = 1L;

        final String field;

        RecordException(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
