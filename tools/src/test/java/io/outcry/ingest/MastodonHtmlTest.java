package io.outcry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MastodonHtmlTest {

    private static String text(String html) {
        return MastodonHtml.text(html, List.of());
    }

    @Test
    void aMentionNotAmongTheStatusMentionsTakesTheInstanceFromItsLink() {
        assertThat(text("<p><a href=\"https://fosstodon.org/@bob\" class=\"u-url mention\">@<span>bob</span></a> ciao</p>"))
                .isEqualTo("@bob@fosstodon.org ciao");
        assertThat(MastodonHtml.text("<p><a href=\"https://social.example/users/bob\" class=\"mention\">@bob</a></p>",
                List.<String[]>of(new String[] {"Bob@example.org", "https://social.example/users/bob"})))
                .as("the acct wins over the link's host, which may be the instance's web domain")
                .isEqualTo("@Bob@example.org");
    }

    @Test
    void preformattedTextKeepsItsLineBreaksAndOtherTextTurnsThemIntoSpaces() {
        assertThat(text("<p>uno\ndue</p><pre>ping 8.8.8.8\ntimeout</pre>")).isEqualTo("uno due\n\nping 8.8.8.8\ntimeout");
    }

    @Test
    void entitiesAreDecodedAndWhatIsNotAnEntityOrATagStaysAsWritten() {
        assertThat(text("<p>&#x1F389; &#233; &hellip; &nbsp;&madeup; 3 &lt; 4 &amp; 5 < 6 && AT&T</p>"))
                .isEqualTo("🎉 é … \u00a0&madeup; 3 < 4 & 5 < 6 && AT&T");
    }

    @Test
    void anImageBecomesItsAltTextAndALinkWithoutTextItsUrl() {
        assertThat(text("<p>ok <img src=\"x.png\" alt=\":blobcat:\" class=\"emoji\"> <a href=\"https://example.org/a?b=1&amp;c=2\"></a></p>"))
                .isEqualTo("ok :blobcat: https://example.org/a?b=1&c=2");
    }

    @Test
    void plainTextWithoutTagsOrEntitiesIsReturnedAsItIs() {
        String plain = "nessun tag qui :blobcat:";

        assertThat(text(plain)).isSameAs(plain);
    }
}
