package io.outcry.detect;

import io.outcry.post.CitedPost;
import io.outcry.window.Complainer;
import java.util.List;
import java.util.Map;

/**
 * Why an alert fired, from its anomalous windows: what an on-call person reads first.
 *
 * @param topTerms        words much more frequent in the alert's complaints than in the brand's usual ones
 * @param examples        posts to open, complaints first, widest reach next, with their text and link
 * @param topAuthors      who complained most often
 * @param influencers     the widest-reaching complainers
 * @param posts           posts in the alert's windows, retweets included
 * @param retweets        retweets among them
 * @param retweetShare    retweets / posts
 * @param reach           followers reached, retweets included
 * @param negativeShare   negative posts / posts
 * @param campaignAuthors accounts discounted as a copy-paste campaign
 * @param regions         credible complainers per region name
 * @param topics          credible complainers per topic
 * @param languages       posts per language
 * @param intents         posts per intent
 */
public record Explanation(
        List<String> topTerms,
        List<CitedPost> examples,
        List<Complainer> topAuthors,
        List<Complainer> influencers,
        long posts,
        long retweets,
        double retweetShare,
        long reach,
        double negativeShare,
        long campaignAuthors,
        Map<String, Long> regions,
        Map<String, Long> topics,
        Map<String, Long> languages,
        Map<String, Long> intents) {

    public List<String> examplePostIds() {
        return examples.stream().map(CitedPost::id).toList();
    }

    /** The same explanation showing these examples. */
    public Explanation withExamples(List<CitedPost> shown) {
        return new Explanation(topTerms, shown, topAuthors, influencers, posts, retweets, retweetShare, reach, negativeShare,
                campaignAuthors, regions, topics, languages, intents);
    }
}
