package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.text.PhraseIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Topics from a keyword taxonomy in YAML: a post gets every topic of its brands' industries,
 * and every generic topic, whose keywords or phrases it contains as whole words, case and
 * accents ignored, in any of the listed languages.
 *
 * <p>Taxonomy format ({@code catalog/topics.yaml} is the bundled one and explains each key):
 * <pre>
 * topics:
 *   - id: customer_service         # [a-z0-9_]+, unique, not "other"
 *     labels: [Customer Service Issue]   # optional: complaint reasons of labelled data
 *     keywords:
 *       en: [customer service, on hold]
 *       it: [servizio clienti]
 *   - id: delivery_lost
 *     industries: [delivery]       # optional: without it the topic is generic
 *     refines: delivery            # optional: a post that gets this topic does not also get that one
 *     keywords:
 *       it: [smarrito]
 * </pre>
 * Among the topics one industry sees (its own and the generic ones) a keyword belongs to one
 * topic only; different industries may give the same keyword different topics.
 */
public final class KeywordTopicClassifier implements TopicClassifier {

    public static final String BUNDLED_TAXONOMY = "catalog/topics.yaml";

    private static final Pattern ID = Pattern.compile("[a-z0-9_]+");
    private static final List<String> NOTHING_MATCHED = List.of(OTHER);
    private static final int NOT_REFINING = -1;

    private final String[] topicIds;
    /** For each topic, the index of the topic it refines, or {@link #NOT_REFINING}. */
    private final int[] refines;
    private final PhraseIndex<Integer> generic;
    /** Per industry: its topics' and the generic topics' keywords, so one pass serves a post. */
    private final Map<String, PhraseIndex<Integer>> byIndustry;
    private final Map<String, String> topicsByLabel;

    private KeywordTopicClassifier(String[] topicIds, int[] refines, PhraseIndex<Integer> generic,
            Map<String, PhraseIndex<Integer>> byIndustry, Map<String, String> topicsByLabel) {
        this.topicIds = topicIds;
        this.refines = refines;
        this.generic = generic;
        this.byIndustry = byIndustry;
        this.topicsByLabel = topicsByLabel;
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
        Map<String, Integer> indexOf = new HashMap<>();
        Map<String, String> topicsByLabel = new LinkedHashMap<>();
        Set<String> industries = new LinkedHashSet<>();
        for (int i = 0; i < topics.size(); i++) {
            Topic topic = topics.get(i);
            String where = where(topic, i);
            if (topic.id() == null || !ID.matcher(topic.id()).matches()) {
                throw source.invalid(where + ": 'id' must be set and match [a-z0-9_]+");
            }
            if (OTHER.equals(topic.id())) {
                throw source.invalid(where + ": '" + OTHER + "' is reserved for posts matching no topic; remove it");
            }
            if (indexOf.putIfAbsent(topic.id(), i) != null) {
                throw source.invalid("duplicate topic id '" + topic.id() + "': ids must be unique");
            }
            if (topic.keywords() == null || topic.keywords().values().stream().allMatch(l -> l == null || l.isEmpty())) {
                throw source.invalid(where + ": 'keywords' must list at least one keyword under a language key");
            }
            for (String industry : topic.industriesOrNone()) {
                if (industry == null || !ID.matcher(industry).matches()) {
                    throw source.invalid(where + ": industry '" + industry + "' must match [a-z0-9_]+, as in the brand catalog");
                }
                industries.add(industry);
            }
            for (String label : topic.labels() == null ? List.<String>of() : topic.labels()) {
                if (label == null || label.isBlank()) {
                    throw source.invalid(where + ": 'labels' has an empty entry; remove it");
                }
                String owner = topicsByLabel.putIfAbsent(label, topic.id());
                if (owner != null) {
                    throw source.invalid(where + ": label '" + label + "' already means topic '" + owner
                            + "'; a label belongs to one topic only");
                }
            }
            ids[i] = topic.id();
        }
        int[] refines = new int[topics.size()];
        for (int i = 0; i < topics.size(); i++) {
            String refined = topics.get(i).refines();
            Integer target = refined == null ? null : indexOf.get(refined);
            if (refined != null && (target == null || target == i)) {
                throw source.invalid(where(topics.get(i), i) + ": 'refines' names '" + refined
                        + "', which is not another topic of this taxonomy");
            }
            refines[i] = target == null ? NOT_REFINING : target;
        }
        for (int i = 0; i < topics.size(); i++) {
            // one level only, so two topics can never hide each other and leave a post with none
            if (refines[i] != NOT_REFINING && refines[refines[i]] != NOT_REFINING) {
                throw source.invalid(where(topics.get(i), i) + ": refines '" + ids[refines[i]]
                        + "', which itself refines '" + ids[refines[refines[i]]] + "'; refine the broadest topic");
            }
        }
        PhraseIndex<Integer> generic = index(source, topics, null);
        Map<String, PhraseIndex<Integer>> byIndustry = new HashMap<>();
        for (String industry : industries) {
            byIndustry.put(industry, index(source, topics, industry));
        }
        return new KeywordTopicClassifier(ids, refines, generic, byIndustry, Collections.unmodifiableMap(topicsByLabel));
    }

    /** The keywords of the generic topics and, when {@code industry} is set, of its own ones. */
    private static PhraseIndex<Integer> index(CatalogSource source, List<Topic> topics, String industry) {
        PhraseIndex.Builder<Integer> keywords = PhraseIndex.builder();
        for (int i = 0; i < topics.size(); i++) {
            Topic topic = topics.get(i);
            List<String> scope = topic.industriesOrNone();
            if (!scope.isEmpty() && !scope.contains(industry)) {
                continue;
            }
            for (Map.Entry<String, List<String>> language : topic.keywords().entrySet()) {
                if (language.getValue() == null) {
                    continue;
                }
                for (String keyword : language.getValue()) {
                    String at = where(topic, i) + ", " + language.getKey() + " keyword '" + keyword + "'";
                    Integer owner;
                    try {
                        owner = keywords.add(keyword == null ? "" : keyword, i);
                    } catch (IllegalArgumentException e) {
                        throw source.invalid(at + ": " + e.getMessage());
                    }
                    if (owner != null && owner != i) {
                        throw source.invalid(at + ": already a keyword of topic '" + topics.get(owner).id() + "'"
                                + (industry == null ? "" : " for industry '" + industry + "'")
                                + "; a keyword belongs to one topic only among those an industry sees");
                    }
                }
            }
        }
        return keywords.build();
    }

    private static String where(Topic topic, int i) {
        return "topic #" + (i + 1) + (topic.id() == null ? "" : " '" + topic.id() + "'");
    }

    /** Topic ids in taxonomy order, without {@code other}. */
    public List<String> topicIds() {
        return List.of(topicIds);
    }

    /** The industries some topic names; a brand of any other industry gets the generic topics only. */
    public Set<String> industries() {
        return Set.copyOf(byIndustry.keySet());
    }

    /**
     * The topic each complaint-reason label of labelled data means (the taxonomy's
     * {@code labels}), for evaluating topics against that data and training a model on it.
     */
    public Map<String, String> topicsByLabel() {
        return topicsByLabel;
    }

    @Override
    public List<String> classify(TokenizedText text, Set<String> industries) {
        boolean[] matched = new boolean[topicIds.length];
        boolean any;
        if (industries == null) {
            any = match(generic, text, matched);
            for (PhraseIndex<Integer> index : byIndustry.values()) {
                any |= match(index, text, matched);
            }
        } else if (industries.size() == 1) {
            any = match(byIndustry.getOrDefault(industries.iterator().next(), generic), text, matched);
        } else {
            any = match(generic, text, matched);
            for (String industry : industries) {
                PhraseIndex<Integer> index = byIndustry.get(industry);
                if (index != null) {
                    any |= match(index, text, matched);
                }
            }
        }
        if (!any) {
            return NOTHING_MATCHED;
        }
        boolean[] refined = new boolean[topicIds.length];
        for (int topic = 0; topic < topicIds.length; topic++) {
            if (matched[topic] && refines[topic] != NOT_REFINING) {
                refined[refines[topic]] = true;
            }
        }
        List<String> topics = new ArrayList<>(2);
        for (int topic = 0; topic < topicIds.length; topic++) {
            if (matched[topic] && !refined[topic]) {
                topics.add(topicIds[topic]);
            }
        }
        return List.copyOf(topics);
    }

    private static boolean match(PhraseIndex<Integer> keywords, TokenizedText text, boolean[] matched) {
        boolean any = false;
        int[] ids = text.ids();
        for (int i = 0; i < ids.length; i++) {
            PhraseIndex.Match<Integer> match = keywords.longestAt(ids, i);
            if (match != null) {
                matched[match.value()] = true;
                any = true;
            }
        }
        return any;
    }

    /** One taxonomy entry; see the class comment for what each key means. */
    record Topic(String id, List<String> industries, String refines, List<String> labels,
            Map<String, List<String>> keywords) {

        List<String> industriesOrNone() {
            return industries == null ? List.of() : industries;
        }
    }

    /** The file's shape: one top-level key. */
    record TaxonomyFile(List<Topic> topics) {}
}
