package io.outcry.window;

import java.util.List;

/**
 * What a window says about who complains, counted so that it resists manipulation: the
 * detector measures spikes on {@link #credibleComplainers}, not on posts.
 *
 * <ul>
 *   <li>Each author counts once per window and key, however many times they post.</li>
 *   <li>Retweets add reach, never complainers.</li>
 *   <li>Low-reach accounts posting the same text (after dropping links, mentions, hashtags,
 *       emoji and punctuation) are a copy-paste campaign: together they count as one voice.</li>
 * </ul>
 *
 * @param credibleComplainers distinct voices of original complaints, campaigns counted once
 * @param voiceIds            one hash per voice (an author, or a campaign's text), sorted, so
 *                            coarser levels (brand, brand x topic, ...) count distinct voices
 *                            exactly across regions and topics; never indexed
 * @param campaignAuthors     authors discounted as part of a copy-paste campaign
 * @param sampleTexts         a few complaint texts, chosen by post-id hash so the choice does not
 *                            depend on arrival order; the detector draws an alert's terms from them
 * @param notable             the most prolific and the widest-reaching complainers
 */
public record ComplaintEvidence(
        long credibleComplainers,
        List<Long> voiceIds,
        long campaignAuthors,
        List<String> sampleTexts,
        List<Complainer> notable) {

    public static final ComplaintEvidence NONE = new ComplaintEvidence(0, List.of(), 0, List.of(), List.of());
}
