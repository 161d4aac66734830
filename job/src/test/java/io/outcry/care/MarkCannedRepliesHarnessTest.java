package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarkCannedRepliesHarnessTest {

    static final long MINUTE = 60_000;
    static final long T0 = Instant.parse("2026-11-20T17:00:00Z").toEpochMilli();

    static final String TEMPLATE_IT = "@%s Ciao %s, ci dispiace per il disagio. Abbiamo aperto la segnalazione n. %d: "
            + "i nostri tecnici ti aggiornano appena possibile in DM. %s";
    static final String TEMPLATE_EN = "@%s Hi %s, sorry for the trouble! We've raised ticket #%d for you, please follow "
            + "the link we sent by DM https://t.co/%s and we'll be in touch. %s";

    private KeyedOneInputStreamOperatorTestHarness<String, BrandReply, BrandReply> harness;
    private int postId;

    static KeyedOneInputStreamOperatorTestHarness<String, BrandReply, BrandReply> marker(CannedReplySettings settings)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MarkCannedReplies(settings, Duration.ZERO)), BrandReply::brand, Types.STRING);
    }

    @BeforeEach
    void start() throws Exception {
        harness = marker(CannedReplySettings.defaults());
        harness.open();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private BrandReply reply(String brand, String customer, long at, String text) {
        return new BrandReply(brand, "r" + postId++, "q" + postId, at, brand + "_care", text, customer, false, null);
    }

    /** The verdicts on the replies, in order. */
    private List<BrandReply> judge(BrandReply... replies) throws Exception {
        int before = harness.extractOutputValues().size();
        for (BrandReply reply : replies) {
            harness.processElement(new StreamRecord<>(reply, reply.createdAt()));
        }
        // replies are judged once the watermark passes them
        harness.processWatermark(java.util.Arrays.stream(replies).mapToLong(BrandReply::createdAt).max().orElse(Long.MIN_VALUE));
        List<BrandReply> all = harness.extractOutputValues();
        return all.subList(before, all.size());
    }

    private static String italian(String handle, String name, int ticket, String signature) {
        return String.format(TEMPLATE_IT, handle, name, ticket, signature);
    }

    @Test
    void theSameItalianTemplateToThreeCustomersIsCannedFromTheSecond() throws Exception {
        String first = italian("giulia_rossi", "Giulia", 48213, "^AB");
        List<BrandReply> judged = judge(
                reply("tim", "giulia_rossi", T0, first),
                reply("tim", "marcob27", T0 + MINUTE, italian("marcob27", "Marco", 50177, "^LC")),
                reply("tim", "sara_greco801", T0 + 2 * MINUTE, italian("sara_greco801", "Sara", 9921, "-JD")));
        assertThat(judged).extracting(BrandReply::canned).containsExactly(false, true, true);
        assertThat(judged.get(0).cannedExample()).isNull();
        assertThat(judged.subList(1, 3)).extracting(BrandReply::cannedExample).containsOnly(first);
    }

    @Test
    void theSameEnglishTemplateWithDifferentLinksIsCannedToo() throws Exception {
        String first = String.format(TEMPLATE_EN, "kate_ricci", "Kate", 771234, "Ab12Cd", "^MT");
        List<BrandReply> judged = judge(
                reply("ryanair", "kate_ricci", T0, first),
                reply("ryanair", "tomc55", T0 + MINUTE, String.format(TEMPLATE_EN, "tomc55", "Tom", 771299, "Zz9", "-SR")),
                reply("ryanair", "john_gallo", T0 + 9 * MINUTE, String.format(TEMPLATE_EN, "john_gallo", "John", 13, "q", "")));
        assertThat(judged).extracting(BrandReply::canned).containsExactly(false, true, true);
        assertThat(judged.get(2).cannedExample()).isEqualTo(first);
    }

    @Test
    void personalRepliesThatShareAGreetingAreNotCanned() throws Exception {
        List<BrandReply> judged = judge(
                reply("tim", "giulia_rossi", T0, "@giulia_rossi Ciao Giulia, ci dispiace per il disagio. La fibra a Bari "
                        + "è ferma per un guasto alla centrale di via Napoli, contiamo di riattivarla entro le 18:30."),
                reply("tim", "marcob27", T0 + MINUTE, "@marcob27 Ciao Marco, ci dispiace per il disagio. Ho controllato "
                        + "la tua bolletta di ottobre: l'addebito di 19 euro è un errore, te lo rimborsiamo nella prossima."),
                reply("tim", "sara_greco801", T0 + 2 * MINUTE, "@sara_greco801 Ciao Sara, ci dispiace per il disagio. "
                        + "L'app si blocca dopo l'ultimo aggiornamento su Android 14: disinstalla e reinstalla la versione 8.2."));
        assertThat(judged).extracting(BrandReply::canned).containsOnly(false);
    }

    @Test
    void theSameTextToTheSameCustomerTwiceIsNotCannedUntilAnotherCustomerGetsIt() throws Exception {
        String text = italian("giulia_rossi", "Giulia", 48213, "^AB");
        List<BrandReply> judged = judge(
                reply("tim", "giulia_rossi", T0, text),
                reply("tim", "giulia_rossi", T0 + 30 * MINUTE, text),
                reply("tim", "anna_costa", T0 + 40 * MINUTE, italian("anna_costa", "Anna", 48999, "^AB")));
        assertThat(judged).extracting(BrandReply::canned).containsExactly(false, false, true);
        assertThat(judged.get(2).cannedExample()).isEqualTo(text);
    }

    @Test
    void brandsAreJudgedIndependently() throws Exception {
        List<BrandReply> judged = judge(
                reply("tim", "giulia_rossi", T0, italian("giulia_rossi", "Giulia", 1, "^AB")),
                reply("vodafone", "marcob27", T0 + MINUTE, italian("marcob27", "Marco", 2, "^LC")),
                reply("vodafone", "anna_costa", T0 + 2 * MINUTE, italian("anna_costa", "Anna", 3, "^LC")));
        assertThat(judged).extracting(BrandReply::canned).containsExactly(false, false, true);
        assertThat(judged.get(2).cannedExample()).isEqualTo(judged.get(1).text());
    }

    @Test
    void judgesRepliesInEventTimeOrderWhateverOrderThePartitionsDeliverThemIn() throws Exception {
        BrandReply earlier = reply("tim", "giulia_rossi", T0, italian("giulia_rossi", "Giulia", 1, "^AB"));
        BrandReply later = reply("tim", "anna_costa", T0 + MINUTE, italian("anna_costa", "Anna", 2, "^LC"));

        List<BrandReply> judged = judge(later, earlier);

        assertThat(judged).extracting(BrandReply::customer).containsExactly("giulia_rossi", "anna_costa");
        assertThat(judged).extracting(BrandReply::canned).containsExactly(false, true);
    }

    @Test
    void aLateReplyWithinTheLatenessIsJudgedInItsTurnAndEmittedWhenTheLatenessHasPassed() throws Exception {
        var waiting = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MarkCannedReplies(CannedReplySettings.defaults(), Duration.ofMinutes(5))),
                BrandReply::brand, Types.STRING);
        waiting.open();
        BrandReply earlier = reply("tim", "giulia_rossi", T0, italian("giulia_rossi", "Giulia", 1, "^AB"));
        BrandReply later = reply("tim", "anna_costa", T0 + MINUTE, italian("anna_costa", "Anna", 2, "^LC"));
        waiting.processElement(new StreamRecord<>(later, later.createdAt()));
        // the watermark passes the earlier reply before it comes: 4 minutes late
        waiting.processWatermark(T0 + 4 * MINUTE);
        waiting.processElement(new StreamRecord<>(earlier, earlier.createdAt()));
        assertThat(waiting.extractOutputValues()).isEmpty();

        waiting.processWatermark(T0 + 6 * MINUTE);

        assertThat(waiting.extractOutputValues()).extracting(BrandReply::customer, BrandReply::canned)
                .containsExactly(tuple("giulia_rossi", false), tuple("anna_costa", true));
        assertThat(waiting.getOutput()).filteredOn(StreamRecord.class::isInstance)
                .extracting(record -> ((StreamRecord<?>) record).getTimestamp())
                .containsExactly(T0 + 5 * MINUTE, T0 + 6 * MINUTE);
        waiting.close();
    }

    @Test
    void everyReplyKeepsItsOwnTimestampAndFields() throws Exception {
        BrandReply in = reply("tim", "giulia_rossi", T0 + 1234, italian("giulia_rossi", "Giulia", 1, "^AB"));
        harness.processElement(new StreamRecord<>(in, in.createdAt()));
        harness.processWatermark(in.createdAt());
        StreamRecord<? extends BrandReply> out = (StreamRecord<? extends BrandReply>) harness.getOutput().poll();
        assertThat(out.getTimestamp()).isEqualTo(T0 + 1234);
        assertThat(out.getValue()).isEqualTo(in.judged(false, null));
    }

    @Test
    void repliesAreForgottenWhenTheWatermarkPassesTheHorizon() throws Exception {
        harness.close();
        harness = marker(CannedReplySettings.defaults().withHorizon(Duration.ofHours(1)));
        harness.open();
        judge(reply("tim", "giulia_rossi", T0, italian("giulia_rossi", "Giulia", 1, "^AB")));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(T0 + 60 * MINUTE);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        List<BrandReply> judged = judge(reply("tim", "anna_costa", T0 + 61 * MINUTE, italian("anna_costa", "Anna", 2, "^LC")));
        assertThat(judged).extracting(BrandReply::canned).containsExactly(false);
    }

    @Test
    void aReplyOlderThanTheHorizonIsNotMatchedEvenBeforeTheWatermarkEvictsIt() throws Exception {
        harness.close();
        harness = marker(CannedReplySettings.defaults().withHorizon(Duration.ofHours(1)));
        harness.open();
        List<BrandReply> judged = judge(
                reply("tim", "giulia_rossi", T0, italian("giulia_rossi", "Giulia", 1, "^AB")),
                reply("tim", "anna_costa", T0 + 2 * 60 * MINUTE, italian("anna_costa", "Anna", 2, "^LC")));
        assertThat(judged).extracting(BrandReply::canned).containsExactly(false, false);
    }

    @Test
    void theOldestRepliesGoWhenTheMemoryIsFull() throws Exception {
        harness.close();
        harness = marker(CannedReplySettings.defaults().withMaxRemembered(2));
        harness.open();
        List<BrandReply> judged = judge(
                reply("tim", "giulia_rossi", T0, italian("giulia_rossi", "Giulia", 1, "^AB")),
                reply("tim", "marcob27", T0 + MINUTE, "@marcob27 Ciao Marco, la fibra a Bari torna stasera dopo il guasto."),
                reply("tim", "sara_greco801", T0 + 2 * MINUTE, "@sara_greco801 Il rimborso della bolletta è partito ieri."),
                reply("tim", "anna_costa", T0 + 3 * MINUTE, italian("anna_costa", "Anna", 2, "^LC")));
        assertThat(judged).extracting(BrandReply::canned).containsExactly(false, false, false, false);
    }

    @Test
    void aTemplateInUseIsKeptAndTheLeastRecentlyUsedGoesFirst() throws Exception {
        harness.close();
        harness = marker(CannedReplySettings.defaults().withMaxRemembered(2));
        harness.open();
        List<BrandReply> judged = judge(
                reply("tim", "giulia_rossi", T0, italian("giulia_rossi", "Giulia", 1, "^AB")),
                reply("tim", "marcob27", T0 + MINUTE, "@marcob27 Ciao Marco, la fibra a Bari torna stasera dopo il guasto."),
                reply("tim", "luca_conti", T0 + 2 * MINUTE, italian("luca_conti", "Luca", 2, "^LC")),
                reply("tim", "sara_greco801", T0 + 3 * MINUTE, "@sara_greco801 Il rimborso della bolletta è partito ieri."),
                reply("tim", "anna_costa", T0 + 4 * MINUTE, italian("anna_costa", "Anna", 3, "^LC")),
                reply("tim", "tom_bruno", T0 + 5 * MINUTE, "@tom_bruno Ciao, la fibra a Bari torna stasera dopo il guasto."));
        // the personal reply to marcob27 was pushed out, the template used since stayed
        assertThat(judged).extracting(BrandReply::canned).containsExactly(false, false, true, false, true, false);
    }

    @Test
    void aTemplateInUseOutlivesTheHorizonOfItsFirstReply() throws Exception {
        harness.close();
        harness = marker(CannedReplySettings.defaults().withHorizon(Duration.ofHours(1)));
        harness.open();
        String first = italian("giulia_rossi", "Giulia", 1, "^AB");
        judge(reply("tim", "giulia_rossi", T0, first),
                reply("tim", "luca_conti", T0 + 50 * MINUTE, italian("luca_conti", "Luca", 2, "^LC")));
        harness.processWatermark(T0 + 70 * MINUTE);
        List<BrandReply> judged = judge(reply("tim", "anna_costa", T0 + 100 * MINUTE, italian("anna_costa", "Anna", 3, "^LC")));
        assertThat(judged).singleElement().satisfies(r -> {
            assertThat(r.canned()).isTrue();
            assertThat(r.cannedExample()).isEqualTo(first);
        });
    }

    @Test
    void aTemplateSentToTwoCustomersIsCannedForTheFirstOfThemToo() throws Exception {
        List<BrandReply> judged = judge(
                reply("tim", "giulia_rossi", T0, italian("giulia_rossi", "Giulia", 1, "^AB")),
                reply("tim", "luca_conti", T0 + MINUTE, italian("luca_conti", "Luca", 2, "^LC")),
                reply("tim", "giulia_rossi", T0 + 2 * MINUTE, italian("giulia_rossi", "Giulia", 3, "^LC")));
        assertThat(judged).extracting(BrandReply::canned).containsExactly(false, true, true);
    }

    @Test
    void aRestartFromASnapshotKeepsTheMemory() throws Exception {
        String first = italian("giulia_rossi", "Giulia", 48213, "^AB");
        judge(reply("tim", "giulia_rossi", T0, first));
        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + MINUTE);
        harness.close();
        harness = marker(CannedReplySettings.defaults());
        harness.initializeState(snapshot);
        harness.open();
        List<BrandReply> judged = judge(reply("tim", "anna_costa", T0 + 5 * MINUTE, italian("anna_costa", "Anna", 77, "^LC")));
        assertThat(judged).singleElement().satisfies(r -> {
            assertThat(r.canned()).isTrue();
            assertThat(r.cannedExample()).isEqualTo(first);
        });
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
    }

    @Test
    void aReplyWithNothingToCompareIsPassedOnAsNotCanned() throws Exception {
        List<BrandReply> judged = judge(
                reply("tim", "giulia_rossi", T0, "@giulia_rossi 👍"),
                reply("tim", "anna_costa", T0 + MINUTE, "@anna_costa 👍"),
                reply("tim", "anna_costa", T0 + MINUTE, null));
        assertThat(judged).extracting(BrandReply::canned).containsOnly(false);
        assertThat(judged).hasSize(3);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void whatItRemembersIsSerialisedWithoutKryo() throws Exception {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        for (Class<?> type : List.of(RememberedReply.class, BrandReply.class)) {
            assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class);
            // fails when a field would need Kryo
            assertThat(TypeInformation.of(type).createSerializer(noKryo)).isNotNull();
        }
        harness.close();
        harness = marker(CannedReplySettings.defaults());
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        harness.open();
        judge(reply("tim", "giulia_rossi", T0, italian("giulia_rossi", "Giulia", 1, "^AB")));
        OperatorSubtaskState snapshot = harness.snapshot(1, T0);
        assertThat(snapshot.getManagedKeyedState()).isNotEmpty();
    }
}
