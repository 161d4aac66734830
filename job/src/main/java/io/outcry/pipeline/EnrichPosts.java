package io.outcry.pipeline;

import io.outcry.care.BrandReply;
import io.outcry.care.OfficialPost;
import io.outcry.care.CustomerPost;
import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Enricher;
import io.outcry.enrich.Intent;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Enriches each post and emits it once, with its timeliness, when it names a brand: the windows
 * fan it out per (brand, topic), the zones and the too-late dead letters read it as it is. Posts
 * that name no brand have nothing to be windowed under: they are counted and go no further.
 *
 * <p>With care on, two side outputs carry what customer care needs: {@link #CUSTOMER_POSTS},
 * a customer's post per brand it addresses (not written by any brand's official account)
 * when it asks, complains or replies to a post; and {@link #BRAND_REPLIES}, a post by a
 * brand's official account. A post by an ordinary author that names no brand costs one
 * hash lookup of its author more; the window output is the same with care on or off.
 */
public class EnrichPosts extends ProcessFunction<TimedPost, TimedEnrichedPost> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<CustomerPost> CUSTOMER_POSTS =
            new OutputTag<>("care-customer-posts", TypeInformation.of(CustomerPost.class));
    /**
     * Every post of a brand's official accounts, retweets included, in time for care, whether
     * care is on or not: what the statement tracker reads.
     */
    public static final OutputTag<OfficialPost> OFFICIAL_POSTS =
            new OutputTag<>("official-posts", TypeInformation.of(OfficialPost.class));
    public static final OutputTag<BrandReply> BRAND_REPLIES =
            new OutputTag<>("care-brand-replies", TypeInformation.of(BrandReply.class));
    /** Posts whose enrichment failed: a bug, not bad input, yet one post must not stop every brand's alerts. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("enrich-dead-letters", TypeInformation.of(DeadLetter.class));

    /** Counter of the posts enriched, whether or not they name a brand. */
    public static final String POSTS_ENRICHED = "postsEnriched";
    /** Counter of the posts whose enrichment failed, each a dead letter at stage {@code enrich}. */
    public static final String POSTS_NOT_ENRICHED = "postsNotEnriched";

    private final EnricherFactory enricherFactory;
    private final boolean care;
    private final boolean anyCustomerPost;
    private final boolean officialPosts;
    private transient Enricher enricher;
    private transient Counter postsEnriched;
    private transient Counter postsWithoutBrand;
    private transient Counter postsNotEnriched;

    /** Without care outputs. */
    public EnrichPosts(EnricherFactory enricherFactory) {
        this(enricherFactory, false, false);
    }

    /**
     * @param care            whether to emit the care side outputs
     * @param anyCustomerPost whether every customer post addressed to a brand goes to care, not
     *                        only those that ask, complain or reply (see {@code CareSettings#openOnAnyPost})
     */
    public EnrichPosts(EnricherFactory enricherFactory, boolean care, boolean anyCustomerPost) {
        this(enricherFactory, care, anyCustomerPost, false);
    }

    /** @param officialPosts whether to emit {@link #OFFICIAL_POSTS}, which only the statement tracker reads */
    public EnrichPosts(EnricherFactory enricherFactory, boolean care, boolean anyCustomerPost, boolean officialPosts) {
        this.enricherFactory = enricherFactory;
        this.care = care;
        this.anyCustomerPost = anyCustomerPost;
        this.officialPosts = officialPosts;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        enricher = enricherFactory.create();
        postsEnriched = getRuntimeContext().getMetricGroup().counter(POSTS_ENRICHED);
        postsWithoutBrand = getRuntimeContext().getMetricGroup().counter("postsWithoutBrand");
        postsNotEnriched = getRuntimeContext().getMetricGroup().counter(POSTS_NOT_ENRICHED);
    }

    @Override
    public void processElement(TimedPost timed, Context ctx, Collector<TimedEnrichedPost> out) {
        Post post = timed.post();
        EnrichedPost enriched;
        // Only the enrichment is guarded, not what the post meets downstream: a post that
        // trips a bug in it is set aside, instead of failing the job on it again after every restart.
        try {
            enriched = enricher.enrich(post);
        } catch (RuntimeException e) {
            postsNotEnriched.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(DeadLetter.STAGE_ENRICH, "enrichment failed unexpectedly: " + e
                    + (e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : ""), null, -1, -1, post.createdAt(),
                    null, CanonicalPostJson.write(post)));
            return;
        }
        postsEnriched.inc();
        if (enriched.brands().isEmpty()) {
            postsWithoutBrand.inc();
        } else {
            out.collect(new TimedEnrichedPost(enriched, timed.timeliness()));
        }
        // Care judges a post at its time plus the allowed lateness; one later than that behind its
        // partition could reach care after that moment, when its verdict would hang on the watermark
        // (which a restart resets) instead of on its time, so care leaves it out.
        if (care && !post.isRetweet() && timed.inTimeForCare()) {
            care(enriched, ctx);
        }
        if (officialPosts && timed.inTimeForCare()) {
            official(enriched, ctx);
        }
    }

    private void care(EnrichedPost enriched, Context ctx) {
        Post post = enriched.post();
        String handle = post.author() == null ? null : post.author().handle();
        String author = handle == null ? null : handle.toLowerCase(Locale.ROOT);
        List<String> spokenFor = enricher.brandsOfAccount(post.platform(), handle);
        for (String brand : spokenFor) {
            ctx.output(BRAND_REPLIES, new BrandReply(brand, post.id(), post.replyToId(), post.createdAt(),
                    author, post.text(), customer(brand, post), false, null, post.conversationId()));
        }
        // a brand's account naming another brand speaks as a brand, not as its customer
        if (enriched.brands().isEmpty() || !spokenFor.isEmpty()) {
            return;
        }
        boolean asks = enriched.intent() == Intent.QUESTION || enriched.intent() == Intent.COMPLAINT;
        if (!asks && !post.isReply() && !anyCustomerPost) {
            return;
        }
        for (String brand : enriched.brands()) {
            ctx.output(CUSTOMER_POSTS, new CustomerPost(brand, post.id(), post.replyToId(), post.createdAt(),
                    author, asks, enriched.intent().id(),
                    enriched.topics().get(0), enriched.region().code(), enriched.lang(), post.permalink(), post.conversationId()));
        }
    }

    private void official(EnrichedPost enriched, Context ctx) {
        Post post = enriched.post();
        String handle = post.author() == null ? null : post.author().handle();
        for (String brand : enricher.brandsOfAccount(post.platform(), handle)) {
            ctx.output(OFFICIAL_POSTS, new OfficialPost(brand, post.id(), post.replyToId(), post.createdAt(),
                    customer(brand, post), post.text(), enriched.intent() == Intent.RESTORED, post.isRetweet()));
        }
    }

    /** The first mention that is not one of the brand's own accounts. */
    private String customer(String brand, Post post) {
        if (post.mentions() != null) {
            for (String mention : post.mentions()) {
                if (!enricher.isOfficialAccount(post.platform(), brand, mention)) {
                    return mention.toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }
}
