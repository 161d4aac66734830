package io.outcry.enrich;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Topics from a keyword taxonomy in YAML: a post gets every topic whose keywords or phrases
 * it contains as whole words, case and accents ignored, in any of the listed languages.
 *
 * <p>Taxonomy format ({@code catalog/topics.yaml} is the bundled one):
 * <pre>
 * topics:
 *   - id: outage                   # [a-z0-9_]+, unique, not "other"
 *     keywords:
 *       en: [down, no signal]
 *       it: [non funziona, guasto]
 * </pre>
 * A keyword belongs to one topic only.
 */
public final class KeywordTopicClassifier implements TopicClassifier {

    public static final String BUNDLED_TAXONOMY = "catalog/topics.yaml";

    private static final Pattern ID = Pattern.compile("[a-z0-9_]+");
    private static final List<String> NOTHING_MATCHED = List.of(OTHER);

    private final String[] topicIds;
    private final PhraseIndex<Integer> keywords;

    private KeywordTopicClassifier(String[] topicIds, PhraseIndex<Integer> keywords) {
        this.topicIds = topicIds;
        this.keywords = keywords;
    }

    /** Loads the taxonomy at {@code path}, or the bundled one when {@code path} is null. */
    public static KeywordTopicClassifier load(String path) {
        return load(CatalogSource.of(path, BUNDLED_TAXONOMY));
    }

    static KeywordTopicClassifier load(CatalogSource source) {
        TaxonomyFile file = source.readYaml(TaxonomyFile.class);
        if (file.topics() == null || file.topics().isEmpty()) {
            throw source.invalid("no topics: expected a top-level 'topics:' list with at least one entry");
        }
        List<Topic> topics = file.topics();
        String[] ids = new String[topics.size()];
        Map<String, Integer> seen = new HashMap<>();
        PhraseIndex.Builder<Integer> keywords = PhraseIndex.builder();
        for (int i = 0; i < topics.size(); i++) {
            Topic topic = topics.get(i);
            String where = "topic #" + (i + 1) + (topic.id() == null ? "" : " '" + topic.id() + "'");
            if (topic.id() == null || !ID.matcher(topic.id()).matches()) {
                throw source.invalid(where + ": 'id' must be set and match [a-z0-9_]+");
            }
            if (OTHER.equals(topic.id())) {
                throw source.invalid(where + ": '" + OTHER + "' is reserved for posts matching no topic; remove it");
            }
            if (seen.putIfAbsent(topic.id(), i) != null) {
                throw source.invalid("duplicate topic id '" + topic.id() + "': ids must be unique");
            }
            if (topic.keywords() == null || topic.keywords().values().stream().allMatch(l -> l == null || l.isEmpty())) {
                throw source.invalid(where + ": 'keywords' must list at least one keyword under a language key");
            }
            ids[i] = topic.id();
            for (Map.Entry<String, List<String>> language : topic.keywords().entrySet()) {
                if (language.getValue() == null) {
                    continue;
                }
                for (String keyword : language.getValue()) {
                    String at = where + ", " + language.getKey() + " keyword '" + keyword + "'";
                    Integer owner;
                    try {
                        owner = keywords.add(keyword == null ? "" : keyword, i);
                    } catch (IllegalArgumentException e) {
                        throw source.invalid(at + ": " + e.getMessage());
                    }
                    if (owner != null && owner != i) {
                        throw source.invalid(at + ": already a keyword of topic '" + ids[owner]
                                + "'; a keyword belongs to one topic only");
                    }
                }
            }
        }
        return new KeywordTopicClassifier(ids, keywords.build());
    }

    /** Topic ids in taxonomy order, without {@code other}. */
    public List<String> topicIds() {
        return List.of(topicIds);
    }

    @Override
    public List<String> classify(TokenizedText text) {
        long matched = 0;
        boolean[] wide = null;
        List<String> tokens = text.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            PhraseIndex.Match<Integer> match = keywords.longestAt(tokens, i);
            if (match == null) {
                continue;
            }
            int topic = match.value();
            if (topic < Long.SIZE) {
                matched |= 1L << topic;
            } else {
                if (wide == null) {
                    wide = new boolean[topicIds.length];
                }
                wide[topic] = true;
            }
        }
        if (matched == 0 && wide == null) {
            return NOTHING_MATCHED;
        }
        List<String> topics = new ArrayList<>(Long.bitCount(matched) + 1);
        for (int topic = 0; topic < topicIds.length; topic++) {
            if (topic < Long.SIZE ? (matched & (1L << topic)) != 0 : wide != null && wide[topic]) {
                topics.add(topicIds[topic]);
            }
        }
        return List.copyOf(topics);
    }

    /** One taxonomy entry: keywords per language code. */
    record Topic(String id, Map<String, List<String>> keywords) {}

    /** The file's shape: one top-level key. */
    record TaxonomyFile(List<Topic> topics) {}
}
