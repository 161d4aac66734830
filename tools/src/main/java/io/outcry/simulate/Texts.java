package io.outcry.simulate;

import io.outcry.simulate.Brands.Brand;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * What simulated people write. Complaints carry a topic keyword the classifier knows and a
 * negative word from the AFINN lexicon; praise carries positive AFINN words; questions and
 * chatter carry neither. Placeholders: {b} a reference to the brand (mention, name or hashtag),
 * {c} the author's city, {d} a destination, {n} a small number.
 *
 * <p>In the {@link Profile#REALISTIC} regime the caller decides whether the text names a town: a
 * null city gives a text without one, a city gives a text that names it (with "a Napoli" or
 * "zona Napoli" added when the template has no place for it). In the current regime the city
 * goes wherever the template has a place for it, as before.
 */
final class Texts {

    private static final Map<String, List<String>> COMPLAINTS_IT = Map.of(
            "outage", List.of(
                    "{b} non funziona da stamattina a {c}, è una vergogna",
                    "{b} ancora senza linea a {c}, servizio ridicolo",
                    "Guasto {b} a {c}? Internet non funziona, che schifo",
                    "{b} nessun segnale da {n} ore, disservizio vergognoso",
                    "Senza rete da {n} ore con {b}, un disastro"),
            "billing", List.of(
                    "{b} mi avete addebitato {n}0 euro in più in bolletta, vergogna",
                    "Bolletta {b} raddoppiata senza motivo, ridicolo. Voglio un rimborso",
                    "{b} addebito non autorizzato in fattura, inaccettabile",
                    "Aspetto il rimborso da {b} da {n} mesi, vergognoso"),
            "customer_service", List.of(
                    "{b} servizio clienti inesistente, {n}0 minuti di attesa. Vergogna",
                    "L'assistenza {b} è un disastro, nessun operatore risponde",
                    "Call center {b} ridicolo, mi hanno chiuso la chiamata {n} volte",
                    "{b} assistenza incompetente, sono furioso"),
            "app", List.of(
                    "L'app {b} si blocca di nuovo, che schifo",
                    "{b} impossibile fare l'accesso all'app da ieri, ridicolo",
                    "Password cambiata {n} volte e l'app {b} ancora non mi fa entrare. Disastro"),
            "delays", List.of(
                    "Volo {b} per {d} in ritardo di {n} ore, vergogna",
                    "{b} ennesimo ritardo, nessuna informazione. Ridicolo",
                    "Ancora in ritardo con {b}, {n} ore al gate. Vergognoso",
                    "{b} volo in ritardo e nessuno ci dice niente, sono furioso"),
            "cancellations", List.of(
                    "{b} volo cancellato all'ultimo minuto, disastro",
                    "Volo per {d} annullato da {b} senza preavviso, vergogna",
                    "{b} mi avete cancellato il volo per {d}, inaccettabile"),
            "baggage", List.of(
                    "{b} bagaglio perso a {d}, nessuno risponde. Schifo",
                    "Valigia distrutta, {b} non si prende responsabilità. Vergogna",
                    "{b} bagaglio ancora disperso dopo {n} giorni, ridicolo"),
            "delivery", List.of(
                    "{b} pacco fermo da {n} giorni, vergogna",
                    "Consegna mai arrivata, {b} un disastro",
                    "Spedizione bloccata a {c} da una settimana, ridicolo {b}",
                    "{b} il corriere dice consegna tentata ma ero a casa, vergognoso"));

    private static final Map<String, List<String>> COMPLAINTS_EN = Map.of(
            "outage", List.of(
                    "{b} no signal in {c} since this morning, terrible",
                    "{b} internet not working again, worst provider ever",
                    "Is {b} down? No service in {c} for {n} hours, awful",
                    "{b} outage again?! ridiculous"),
            "billing", List.of(
                    "{b} charged twice on my bill, unacceptable",
                    "{b} still waiting for my refund after {n} months, terrible",
                    "My {b} bill doubled for no reason, ridiculous"),
            "customer_service", List.of(
                    "{b} customer service is the worst, {n} hours on hold",
                    "{b} support is useless, terrible experience",
                    "Called the {b} call center {n} times, nobody answers. Awful"),
            "app", List.of(
                    "{b} app keeps crashing, awful",
                    "Can't login to the {b} app since yesterday, ridiculous",
                    "{b} reset my password {n} times and still locked out, terrible"),
            "delays", List.of(
                    "{b} flight to {d} delayed {n} hours, terrible",
                    "Another delay with {b}, worst airline",
                    "{b} delayed again and no information at the gate, ridiculous"),
            "cancellations", List.of(
                    "{b} flight to {d} cancelled with no notice, awful",
                    "{b} canceled my flight, unacceptable"),
            "baggage", List.of(
                    "{b} lost my luggage in {d}, terrible",
                    "{b} baggage still missing after {n} days, worst airline"),
            "delivery", List.of(
                    "{b} my package never arrived, terrible",
                    "{b} parcel stuck for {n} days, awful",
                    "Worst delivery ever {b}, ridiculous"));

    private static final List<String> GENERIC_COMPLAINTS_IT = List.of(
            "{b} siete una vergogna", "Mai più con {b}, che schifo", "{b} ridicoli come sempre");
    private static final List<String> GENERIC_COMPLAINTS_EN = List.of(
            "{b} worst company ever, terrible", "Never again {b}, awful", "{b} you are ridiculous");

    private static final Map<Brands.Industry, List<String>> PRAISE_IT = Map.of(
            Brands.Industry.TELCO, List.of(
                    "Fibra {b} velocissima, contento", "Grazie {b}, assistenza gentile e veloce",
                    "Nuova offerta {b} fantastica", "{b} connessione perfetta anche in montagna"),
            Brands.Industry.AIRLINE, List.of(
                    "Volo {b} per {d} perfetto, equipaggio gentile", "Grazie {b}, viaggio fantastico",
                    "{b} puntuale e personale gentile, contento"),
            Brands.Industry.DELIVERY, List.of(
                    "{b} pacco arrivato in anticipo, perfetto", "Grazie {b}, corriere gentile e veloce"));
    private static final Map<Brands.Industry, List<String>> PRAISE_EN = Map.of(
            Brands.Industry.TELCO, List.of(
                    "Thanks {b}, great support today", "Great speed with {b} fiber, happy customer",
                    "Love the new {b} app, great job"),
            Brands.Industry.AIRLINE, List.of(
                    "{b} flight to {d} on time, amazing crew", "Thanks {b}, great trip"),
            Brands.Industry.DELIVERY, List.of(
                    "{b} parcel arrived early, excellent", "Thanks {b}, great courier"));

    private static final Map<Brands.Industry, List<String>> QUESTIONS_IT = Map.of(
            Brands.Industry.TELCO, List.of(
                    "{b} c'è una nuova offerta per la fibra?", "Qualcuno ha provato {b}? Com'è?",
                    "{b} come posso cambiare il mio piano?"),
            Brands.Industry.AIRLINE, List.of(
                    "Domani volo con {b} per {d}, prima volta", "{b} quanti kg posso portare in cabina?"),
            Brands.Industry.DELIVERY, List.of(
                    "{b} dove posso ritirare la consegna?", "{b} a che ora apre l'ufficio di {c}?"));
    private static final Map<Brands.Industry, List<String>> QUESTIONS_EN = Map.of(
            Brands.Industry.TELCO, List.of(
                    "{b} how do I change my plan?", "Anyone tried {b}? Worth it?"),
            Brands.Industry.AIRLINE, List.of(
                    "Flying {b} to {d} tomorrow, first time", "{b} what is the cabin size limit?"),
            Brands.Industry.DELIVERY, List.of(
                    "{b} where can I track my parcel?", "{b} what time does the {c} office open?"));

    private static final List<String> CHATTER_IT = List.of(
            "Che bella giornata a {c}", "Stasera pizza con gli amici a {c}", "Qualcuno guarda la partita stasera?",
            "Finalmente venerdì", "Pioggia a {c} da {n} giorni, basta");
    private static final List<String> CHATTER_EN = List.of(
            "Beautiful day in {c}", "Coffee first, then the world", "Anyone watching the match tonight?",
            "Traffic in {c} is terrible today");

    private static final List<String> OUTAGE_IT = List.of(
            "senza linea", "non funziona niente", "nessun segnale", "senza rete", "linea assente", "internet non funziona");
    private static final List<String> OUTAGE_EN = List.of(
            "no signal", "no internet", "not working", "no service");
    private static final List<String> NEGATIVE_IT = List.of("vergogna", "che schifo", "un disastro", "ridicolo", "inaccettabile");
    private static final List<String> NEGATIVE_EN = List.of("terrible", "awful", "ridiculous", "unacceptable", "worst provider");
    private static final List<String> RECOVERY_IT = List.of(
            "{b} funziona di nuovo a {c}, finalmente", "Tornato il segnale a {c} {b}",
            "La linea è tornata, grazie {b}", "{b} a {c} internet funziona di nuovo");
    private static final List<String> RECOVERY_EN = List.of(
            "{b} works again in {c}, finally", "Signal is back in {c} {b}", "{b} it works again, thanks");

    private static final List<String> DESTINATIONS_IT = List.of("Londra", "Parigi", "Barcellona", "Madrid", "Berlino",
            "Bruxelles", "Catania", "Palermo", "Bari", "Cagliari", "Amsterdam", "Dublino");
    private static final List<String> DESTINATIONS_EN = List.of("London", "Paris", "Barcelona", "Madrid", "Berlin",
            "Brussels", "Catania", "Palermo", "Bari", "Cagliari", "Amsterdam", "Dublin");

    private static final List<String> TOWN_SUFFIXES_IT = List.of(" - qui a {c}", " (zona {c})", ", scrivo da {c}");
    private static final List<String> TOWN_SUFFIXES_EN = List.of(" - here in {c}", " (in {c})");
    /** A town and the locative before it, to take out of a template when the text must name no town. */
    private static final Pattern TOWN = Pattern.compile("(\\s(a|in|da|di))?\\s?\\{c}");

    private final SplittableRandom random;
    private final boolean townOnDemand;

    Texts(SplittableRandom random) {
        this(random, false);
    }

    Texts(SplittableRandom random, boolean townOnDemand) {
        this.random = random;
        this.townOnDemand = townOnDemand;
    }

    String complaint(boolean italian, Brand brand, String topic, String city) {
        List<String> templates = topic == null
                ? (italian ? GENERIC_COMPLAINTS_IT : GENERIC_COMPLAINTS_EN)
                : (italian ? COMPLAINTS_IT : COMPLAINTS_EN).get(topic);
        return fill(template(templates, italian, city), italian, brand, city);
    }

    String praise(boolean italian, Brand brand, String city) {
        return fill(template((italian ? PRAISE_IT : PRAISE_EN).get(brand.industry()), italian, city), italian, brand, city);
    }

    String question(boolean italian, Brand brand, String city) {
        return fill(template((italian ? QUESTIONS_IT : QUESTIONS_EN).get(brand.industry()), italian, city), italian, brand, city);
    }

    String chatter(boolean italian, String city) {
        return fill(template(italian ? CHATTER_IT : CHATTER_EN, italian, city), italian, null, city);
    }

    /** Outage posts vary a lot: hundreds of people describe the same outage in their own words. */
    String outage(boolean italian, Brand brand, String city) {
        String text = italian
                ? "{b} " + pick(OUTAGE_IT) + " a {c} da " + (5 + random.nextInt(55)) + " minuti, " + pick(NEGATIVE_IT)
                : "{b} " + pick(OUTAGE_EN) + " in {c} for " + (5 + random.nextInt(55)) + " minutes, " + pick(NEGATIVE_EN);
        if (random.nextInt(4) == 0) {
            text += " #" + brand.hashtag() + "down";
        }
        return fill(townOnDemand && city == null ? withoutTown(text) : text, italian, brand, city);
    }

    String recovery(boolean italian, Brand brand, String city) {
        return fill(template(italian ? RECOVERY_IT : RECOVERY_EN, italian, city), italian, brand, city);
    }

    String brandReply(boolean italian, String customerHandle) {
        return "@" + customerHandle + (italian
                ? pick(List.of(" Ci dispiace per il disagio, scrivici in DM e verifichiamo subito.",
                        " Ciao, ci dispiace. Scrivici in DM con i tuoi dati e ti aiutiamo."))
                : pick(List.of(" Sorry to hear that, please DM us and we'll look into it.",
                        " Hi, we're sorry. Send us a DM with your details and we'll help.")));
    }

    /** A bot's burst: the same promotion with a different tracking link each time. */
    String spam(Brand brand, String campaign) {
        return campaign + " https://bit.ly/" + Long.toString(random.nextLong(36L * 36 * 36 * 36 * 36 * 36), 36)
                + " #" + brand.hashtag() + " #promo";
    }

    String spamCampaign(Brand brand) {
        return pick(List.of(
                "Vinci un iPhone gratis con " + brand.names().get(0) + "! Clicca qui",
                "Buono da 500 euro per i clienti " + brand.names().get(0) + ", solo oggi",
                "FREE gift card for " + brand.names().get(0) + " customers, claim now"));
    }

    /** A coordinated network's variant of its one complaint: the same words, a different tail. */
    String botVariant(String complaint, Brand brand) {
        return complaint + pick(List.of("", " #" + brand.hashtag(), " 😡", " 😡😡", " !!!", " 👎",
                " #" + brand.hashtag() + " 😡", " #" + brand.hashtag() + " #vergogna"));
    }

    /**
     * One more complaint from someone who has complained many times already: a topic complaint
     * or, now and then, a general one about the brand, sometimes with a note that it is not the
     * first.
     */
    String furious(boolean italian, Brand brand, String topic, String city, int nth) {
        String text = complaint(italian, brand, random.nextInt(5) == 0 ? null : topic, city);
        if (random.nextInt(3) == 0) {
            text += italian ? " Ve lo scrivo per la " + nth + "a volta." : " Telling you for the " + nth + "th time.";
        }
        return text;
    }

    /** A template of the list; when the town is on demand, one that names the town if and only if there is one. */
    private String template(List<String> templates, boolean italian, String city) {
        if (!townOnDemand) {
            return pick(templates);
        }
        if (city == null) {
            List<String> bare = templates.stream().filter(t -> !t.contains("{c}")).toList();
            return bare.isEmpty() ? withoutTown(pick(templates)) : pick(bare);
        }
        String template = pick(templates);
        return template.contains("{c}") ? template : template + pick(italian ? TOWN_SUFFIXES_IT : TOWN_SUFFIXES_EN);
    }

    private static String withoutTown(String template) {
        return TOWN.matcher(template).replaceAll("");
    }

    private String fill(String template, boolean italian, Brand brand, String city) {
        String text = (city == null ? template : template.replace("{c}", city)).replace("{d}", pick(italian ? DESTINATIONS_IT : DESTINATIONS_EN))
                .replace("{n}", Integer.toString(2 + random.nextInt(7)));
        if (brand != null) {
            text = text.replace("{b}", reference(brand));
            if (random.nextInt(5) == 0 && !text.contains("#" + brand.hashtag())) {
                text += " #" + brand.hashtag();
            }
        }
        return text;
    }

    private String reference(Brand brand) {
        int r = random.nextInt(100);
        if (r < 45) {
            return "@" + brand.handle();
        }
        if (r < 85) {
            return pick(brand.names());
        }
        return "#" + brand.hashtag();
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
