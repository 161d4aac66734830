package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.post.Post;
import java.util.List;

/** Tells which brands a post is about, and which accounts speak for a brand. */
public interface BrandRecognizer {

    /**
     * Brand ids the post names, through its text, mentions or hashtags, each once, in
     * catalog order; empty when it names none.
     */
    List<String> recognize(Post post, TokenizedText text);

    /**
     * Whether {@code handle} (with or without '@', any case) is one of the brand's own
     * accounts on {@code platform}: what it posts is the brand talking, never a complaint about the brand.
     */
    boolean isOfficialAccount(String platform, String brandId, String handle);

    /**
     * The brands {@code handle} (with or without '@', any case) is an official account of on
     * {@code platform}, in catalog order; empty for everybody else, which is nearly every author.
     */
    default List<String> brandsOfAccount(String platform, String handle) {
        return List.of();
    }

    /**
     * What the brand sells, e.g. {@code telco}, {@code airline}, {@code delivery}, so that
     * other parts can pick industry-specific rules; null for an id the catalog does not have.
     */
    String industry(String brandId);
}
