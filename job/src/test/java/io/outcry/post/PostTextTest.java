package io.outcry.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostTextTest {

    @Test
    void anXHandleEndsAtTheDotThatEndsTheSentence() {
        assertThat(PostText.mentions("ancora giù @TIM_Official. Grazie @vodafoneit.", "twitter"))
                .containsExactly("tim_official", "vodafoneit");
        assertThat(PostText.mentions("@tim_official.grazie")).containsExactly("tim_official");
    }

    @Test
    void aBlueskyHandleIsTheWholeDomainNameWithoutTheFullStopAfterIt() {
        assertThat(PostText.mentions("down again @TIM.bsky.social. and @status.tim.it, cc @me", "bluesky"))
                .containsExactly("tim.bsky.social", "status.tim.it");
    }

    @Test
    void aMastodonMentionKeepsItsInstanceAndALocalOneStaysBare() {
        assertThat(PostText.mentions("@Tim@mastodon.uno la fibra è giù, vero @anna? scrivi a info@tim.it", "mastodon"))
                .containsExactly("tim@mastodon.uno", "anna");
    }

    @Test
    void theCanonicalParserReadsMentionsFromTheTextAsThePostsPlatformWritesThem() throws Exception {
        String json = """
                {"id": "1", "platform": "bluesky", "created_at": "2026-11-20T18:42:07Z",
                 "author": {"id": "did:plc:x", "handle": "anna.bsky.social"},
                 "text": "@tim.bsky.social la linea è giù"}""";
        assertThat(new CanonicalPostJson().parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).mentions())
                .containsExactly("tim.bsky.social");
    }
}
