package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyFingerprintTest {

    private final ReplyFingerprint fingerprint = new ReplyFingerprint(CannedReplySettings.defaults());

    @Test
    void dropsWhatATemplateFillsInPerCustomer() {
        assertThat(ReplyFingerprint.words("@giulia_rossi Ciao Giulia, pratica n. 48213 aperta alle 18:30, "
                + "dettagli su https://t.co/Ab12 ^AB"))
                .containsExactly("ciao", "pratica", "n", "aperta", "alle", "dettagli", "su");
        assertThat(ReplyFingerprint.words("@tomc55 Hi Tom! Your flight FR123 is on time -JD"))
                .containsExactly("hi", "your", "flight", "is", "on", "time");
    }

    @Test
    void foldsCaseAndAccents() {
        assertThat(ReplyFingerprint.words("Verificherò SUBITO perché è così"))
                .containsExactly("verifichero", "subito", "perche", "e", "cosi");
    }

    @Test
    void keepsALowerCaseWordAfterAGreetingAndCapitalisedWordsElsewhere() {
        assertThat(ReplyFingerprint.words("Ciao, a Bari la linea torna stasera"))
                .containsExactly("ciao", "a", "bari", "la", "linea", "torna", "stasera");
    }

    @Test
    void theSameTemplateFilledForTwoCustomersHasTheSameSignature() {
        int[] a = fingerprint.signature("@anna_costa Ciao Anna, ticket 1234 aperto, ti scriviamo in DM ^LC");
        int[] b = fingerprint.signature("@marcob27 Ciao Marco, ticket 99 aperto, ti scriviamo in DM -AB");
        assertThat(ReplyFingerprint.similarity(a, b)).isEqualTo(1.0);
        assertThat(fingerprint.bandKeys(a)).isEqualTo(fingerprint.bandKeys(b));
    }

    @Test
    void differentRepliesHaveLowSimilarity() {
        int[] a = fingerprint.signature("Ciao, ci dispiace: la fibra a Bari è ferma per un guasto alla centrale");
        int[] b = fingerprint.signature("Ciao, ci dispiace: il rimborso della bolletta di ottobre parte domani");
        assertThat(ReplyFingerprint.similarity(a, b)).isLessThan(0.4);
    }

    @Test
    void nothingLeftMeansNoSignature() {
        assertThat(fingerprint.signature("@someone 👍 https://t.co/x 123")).isNull();
    }
}
