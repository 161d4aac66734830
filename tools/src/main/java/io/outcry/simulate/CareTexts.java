package io.outcry.simulate;

import io.outcry.simulate.Brands.Brand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What brands' care accounts and their customers write to each other. A canned reply is one of the
 * brand's templates filled in for the customer (their @handle, sometimes their first name, a ticket
 * number, a link, the agent's initials); a personal reply is put together for the case from many
 * interchangeable pieces and names the customer's city, problem, a time or a flight, so that two
 * personal replies rarely share more than a greeting. Placeholders: {h} the addressed handle,
 * {g} a greeting, {t} a ticket number, {l} a link, {r} what identifies the customer's account,
 * {c} a city, {d} a destination, {f} a flight, {p} a parcel, {m} a month, {w} a weekday,
 * {n} a small number, {o} an hour of the day, {x} a street or hub.
 */
final class CareTexts {

    /** A reply's text and, for a canned one, its template id ({@code brand/lang/n}); null for a personal one. */
    record Reply(String text, String template) {}

    /** A customer's question to a brand and the topic a personal answer talks about. */
    record Question(String text, String topic) {}

    private static final List<String> CANNED_IT = List.of(
            "{h} {g} ci dispiace per il disagio. Abbiamo aperto la segnalazione n. {t}: ti aggiorneremo appena possibile.",
            "{h} {g} per verificare la tua situazione scrivici in DM il {r} e il codice fiscale dell'intestatario, così ti aiutiamo subito.",
            "{h} {g} i nostri tecnici sono già al lavoro per risolvere il problema. Ti chiediamo di pazientare ancora un po', grazie per la comprensione!",
            "{h} {g} abbiamo preso in carico la tua richiesta con la pratica {t}. Un consulente ti contatterà entro 48 ore lavorative.",
            "{h} {g} trovi tutte le informazioni aggiornate nella pagina di assistenza {l} Se il problema persiste scrivici in privato.",
            "{h} {g} ci scusiamo per l'inconveniente. Per approfondire ti invitiamo a contattarci in DM indicando il codice {t}.",
            "{h} {g} grazie per la segnalazione! Abbiamo inoltrato il caso al reparto competente, che ti risponderà il prima possibile.",
            "{h} {g} siamo spiacenti per quanto accaduto. Puoi seguire lo stato della tua richiesta {t} dall'area clienti {l}");
    private static final List<String> CANNED_EN = List.of(
            "{h} {g} sorry to hear that! Please send us a DM with your {r} and we'll look into it for you.",
            "{h} {g} we're sorry for the trouble. We've raised ticket {t} and our team will update you as soon as possible.",
            "{h} {g} thanks for reaching out. You'll find the latest updates here {l} Let us know by DM if you still need help.",
            "{h} {g} apologies for the inconvenience. Our team is working on it under reference {t}, thanks for your patience.",
            "{h} {g} we understand your frustration. Please fill in the form at {l} quoting case {t} and we'll get back to you.");
    /** The second answer in a thread: the customer wrote back after the first. */
    private static final List<String> FOLLOW_UP_CANNED_IT = List.of(
            "{h} {g} abbiamo ricevuto il tuo messaggio privato e ti stiamo rispondendo lì. Grazie per la pazienza!",
            "{h} {g} la tua pratica {t} risulta ancora in lavorazione, ti aggiorneremo non appena avremo novità.");
    private static final List<String> FOLLOW_UP_CANNED_EN = List.of(
            "{h} {g} we've got your DM and we're replying there now. Thanks for your patience!",
            "{h} {g} your case {t} is still being worked on, we'll update you as soon as we hear back.");

    private static final List<String> GREETINGS_NAMED_IT = List.of("Ciao {name},", "Buongiorno {name},", "Ciao {name}!");
    private static final List<String> GREETINGS_IT = List.of("Ciao,", "Salve,", "Ciao!");
    private static final List<String> GREETINGS_NAMED_EN = List.of("Hi {name},", "Hello {name},", "Hey {name}!");
    private static final List<String> GREETINGS_EN = List.of("Hi,", "Hello,", "Hi there,");

    private static final List<String> EMPATHY_IT = List.of(
            "capisco bene il fastidio", "hai ragione a essere arrabbiato", "mi spiace davvero per come è andata",
            "grazie della pazienza che stai avendo", "immagino quanto sia scomodo", "scusa l'attesa, ho guardato subito",
            "ti capisco, non è la situazione che vorremmo", "ho letto con attenzione quello che scrivi",
            "mi dispiace leggere questo", "ci tengo a sistemare la cosa di persona", "ho preso in mano io il tuo caso",
            "hai fatto bene a scriverci qui");
    private static final List<String> EMPATHY_EN = List.of(
            "I completely understand the frustration", "you're right to be annoyed", "really sorry about how this went",
            "thanks for bearing with us", "I can see how inconvenient this is", "sorry for the wait, I checked straight away",
            "I've read your message carefully", "I'd like to sort this out for you personally", "I've picked up your case myself",
            "glad you flagged it here");

    private static final Map<String, List<List<String>>> FACTS_IT = Map.of(
            "outage", List.of(
                    List.of("a {c} c'è un intervento sulla centrale di {x}", "la zona di {c} ha un guasto sulla dorsale in fibra",
                            "risulta un'anomalia sull'antenna che copre {c}", "i colleghi della rete hanno isolato un guasto a {c}",
                            "il tuo armadio stradale in {x} a {c} è senza corrente"),
                    List.of("e il servizio dovrebbe tornare verso le {o}", "con ripristino stimato per le {o}",
                            "e la squadra conta di chiudere entro le {o}", "ma prima delle {o} non credo torni stabile",
                            "e i tecnici sono sul posto dalle {o}")),
            "billing", List.of(
                    List.of("sulla fattura di {m} vedo un addebito di {n} euro in più", "l'importo della bolletta di {m}",
                            "il conguaglio arrivato a {m}", "la doppia addebitazione di {m}", "il costo extra di {n} euro a {m}"),
                    List.of("non doveva esserci e lo storno parte entro {n} giorni", "è già segnalato all'amministrazione",
                            "l'ho appena annullato, vedrai il rimborso a breve", "dipende da un'offerta scaduta che ti riattivo io",
                            "viene dal rinnovo annuale, te lo spiego meglio in privato")),
            "customer_service", List.of(
                    List.of("ho recuperato la tua chiamata di {w}", "vedo le {n} richieste che hai aperto",
                            "il collega che ti ha risposto {w}", "la pratica rimasta ferma da {w}", "la segnalazione fatta in negozio a {c}"),
                    List.of("non ti ha dato la risposta giusta", "adesso è assegnata a me", "è stata chiusa per errore, la riapro",
                            "la sblocco entro {w}", "aveva un dato sbagliato che ho corretto")),
            "app", List.of(
                    List.of("la versione {n}.{n} dell'app", "l'accesso all'app da telefono Android", "il blocco dell'app dopo l'aggiornamento di {w}",
                            "l'errore al login che vedi da {w}", "la schermata bianca dell'app"),
                    List.of("ha un problema noto che correggiamo nel rilascio di {w}", "si sistema disinstallando e reinstallando",
                            "dipendeva dal tuo profilo, l'ho resettato e tra {n} minuti puoi riprovare",
                            "funziona di nuovo dalle {o}", "va a posto aggiornando il sistema del telefono")),
            "delays", List.of(
                    List.of("il volo {f} per {d}", "la partenza per {d} delle {o}", "il ritardo sul {f}", "l'aereo diretto a {d}",
                            "il tuo {f} di stasera"),
                    List.of("è fermo per il traffico aereo, nuovo orario stimato {o}", "ha un ritardo tecnico e l'imbarco riapre alle {o}",
                            "parte dal gate B{n} alle {o}", "aspetta l'equipaggio in arrivo da {d}",
                            "recupera parte del ritardo in volo, atterraggio previsto alle {o}")),
            "cancellations", List.of(
                    List.of("la cancellazione del {f} per {d}", "il volo annullato per {d}", "lo stop del {f} di {w}",
                            "la soppressione della tratta per {d}"),
                    List.of("ti dà diritto a rimborso completo o riprotezione", "è dovuta allo sciopero e ti ho riprotetto sul volo delle {o}",
                            "ti lascia scegliere un volo fino a {w} senza costi", "prevede anche il voucher pasto in aeroporto")),
            "baggage", List.of(
                    List.of("la tua valigia", "il bagaglio del volo {f}", "la borsa che non hai trovato a {d}",
                            "il collo registrato a {c}"),
                    List.of("è stata rintracciata a {d} e arriva domani", "ha la pratica {n}{n}{n}: la consegnano a casa entro {n} giorni",
                            "parte col primo volo di {w}", "è al deposito di {x}, ti chiamano per l'orario")),
            "delivery", List.of(
                    List.of("il pacco {p}", "la spedizione diretta a {c}", "la raccomandata per {c}", "il tuo ordine {p}",
                            "la consegna di {w}"),
                    List.of("è ferma al centro di smistamento di {x}", "è in consegna oggi entro le {o}",
                            "è in giacenza all'ufficio di {c} e puoi ritirarla da domani", "riparte stasera verso {c}",
                            "non è stata consegnata per un indirizzo incompleto, lo correggo io")));
    private static final Map<String, List<List<String>>> FACTS_EN = Map.of(
            "outage", List.of(
                    List.of("there's engineering work at the {c} exchange", "the {c} area has a fault on the fibre backbone",
                            "the mast covering {c} is reporting an error", "our network team isolated a fault near {x} in {c}"),
                    List.of("and service should be back around {o}", "with a fix expected by {o}", "and the crew aims to finish by {o}",
                            "and engineers have been on site since {o}")),
            "billing", List.of(
                    List.of("your {m} bill shows an extra {n} euro", "the amount on your {m} invoice", "the double charge in {m}",
                            "the adjustment billed in {m}"),
                    List.of("shouldn't be there and the refund goes out within {n} days", "is already with our billing team",
                            "has just been cancelled, the money comes back shortly", "comes from an expired plan I've now restored")),
            "customer_service", List.of(
                    List.of("I found your call from {w}", "I can see the {n} requests you opened", "the agent you spoke to on {w}",
                            "the case stuck since {w}"),
                    List.of("didn't get you the right answer", "is now assigned to me", "was closed by mistake, I've reopened it",
                            "had a wrong detail that I've corrected")),
            "app", List.of(
                    List.of("app version {n}.{n}", "logging into the app on Android", "the app freezing since {w}'s update",
                            "the login error you've had since {w}"),
                    List.of("is a known bug fixed in {w}'s release", "goes away if you reinstall it",
                            "came from your profile, I've reset it so try again in {n} minutes", "works again since {o}")),
            "delays", List.of(
                    List.of("flight {f} to {d}", "your {o} departure to {d}", "the delay on {f}", "tonight's {f}"),
                    List.of("is held by air traffic control, new estimate {o}", "has a technical delay and boarding reopens at {o}",
                            "now leaves from gate B{n} at {o}", "is waiting for the crew flying in from {d}")),
            "cancellations", List.of(
                    List.of("the cancellation of {f} to {d}", "your cancelled flight to {d}", "{w}'s {f} being cancelled"),
                    List.of("gives you a full refund or a free rebooking", "is due to the strike and I've moved you to the {o} flight",
                            "lets you pick any flight until {w} at no cost")),
            "baggage", List.of(
                    List.of("your suitcase", "the bag from flight {f}", "the bag you couldn't find in {d}"),
                    List.of("has been traced to {d} and arrives tomorrow", "is on the first flight on {w}",
                            "is at the {x} depot and they'll call you to arrange delivery")),
            "delivery", List.of(
                    List.of("parcel {p}", "the shipment to {c}", "your order {p}", "{w}'s delivery"),
                    List.of("is held at the {x} sorting centre", "is out for delivery today before {o}",
                            "is waiting at the {c} office from tomorrow", "had an incomplete address, which I've fixed")));

    private static final List<String> NEXT_IT = List.of(
            "Ti aggiorno io appena ho novità.", "Controllo di nuovo nel pomeriggio e ti riscrivo.", "Se serve altro sono qui.",
            "Scrivimi pure se non torna a posto.", "Resto in contatto con i colleghi e ti faccio sapere.",
            "Tienimi aggiornato anche tu.", "Ho annotato tutto sulla tua scheda.", "Se preferisci ne parliamo in privato.",
            "Ti richiamo io domani mattina se vuoi.", "Passo il caso al reparto giusto oggi stesso.", "");
    private static final List<String> NEXT_EN = List.of(
            "I'll update you as soon as I hear more.", "I'll check again this afternoon and get back to you.",
            "I'm here if you need anything else.", "Give me a shout if it doesn't settle.", "I've noted everything on your account.",
            "Happy to continue by DM if you prefer.", "I'll call you tomorrow morning if that helps.", "");
    /** What an agent adds about this very case, in most personal replies. */
    private static final List<String> ASIDE_IT = List.of(
            "Ho già parlato con il responsabile di zona a {c}.", "Domani alle {o} ricontrollo io lo stato.",
            "Per {w} dovrebbe essere tutto sistemato.", "Il collega di turno stasera è avvisato.",
            "Ho messo una nota perché nessuno ti chieda di nuovo i dati.", "So che è la seconda volta che ci scrivi questa settimana.",
            "Ho visto che avevi già chiamato {w}.", "Ho controllato anche lo storico dei tuoi ultimi {n} mesi.",
            "Ti ho segnato come priorità alta.", "Ho chiesto un riscontro entro le {o}.");
    private static final List<String> ASIDE_EN = List.of(
            "I've already spoken to the {c} team lead.", "I'll check the status myself at {o} tomorrow.",
            "It should all be sorted by {w}.", "The colleague on shift tonight knows about it.",
            "I've added a note so nobody asks you for your details again.", "I know this is the second time you've written this week.",
            "I saw you'd already called on {w}.", "I've marked it as high priority.", "I've asked for an answer by {o}.");
    private static final List<String> CLOSE_IT = List.of("", "Buona serata!", "A presto.", "Grazie ancora.", "Buona giornata.", "Un saluto.");
    private static final List<String> CLOSE_EN = List.of("", "Have a good evening!", "Speak soon.", "Thanks again.", "Take care.");

    private static final Map<Brands.Industry, List<Question>> QUESTIONS_IT = Map.of(
            Brands.Industry.TELCO, List.of(
                    new Question("{h} quando torna la linea a {c}?", "outage"),
                    new Question("{h} quando arriva la fibra a {c}? Da {m} aspetto l'attivazione", "outage"),
                    new Question("{h} perché la bolletta di {m} è più alta di {n} euro?", "billing"),
                    new Question("{h} come faccio a vedere il credito residuo dall'app?", "app"),
                    new Question("{h} la portabilità è ferma da {n} giorni, quando si completa?", "customer_service")),
            Brands.Industry.AIRLINE, List.of(
                    new Question("{h} il volo {f} per {d} è in orario?", "delays"),
                    new Question("{h} il mio volo per {d} di {w} è stato cancellato? Non trovo informazioni", "cancellations"),
                    new Question("{h} dove posso ritirare il bagaglio smarrito a {d}?", "baggage"),
                    new Question("{h} posso cambiare il nome sul biglietto per {d}?", "customer_service"),
                    new Question("{h} non riesco a fare il check-in dall'app per il {f}, come faccio?", "app")),
            Brands.Industry.DELIVERY, List.of(
                    new Question("{h} il pacco {p} risulta in giacenza a {c}, quando lo consegnate?", "delivery"),
                    new Question("{h} dove si trova la mia spedizione {p}?", "delivery"),
                    new Question("{h} a che ora chiude l'ufficio postale di {c} il {w}?", "customer_service"),
                    new Question("{h} come si attiva lo SPID dall'app?", "app")));
    private static final Map<Brands.Industry, List<Question>> QUESTIONS_EN = Map.of(
            Brands.Industry.TELCO, List.of(
                    new Question("{h} when will the line be back in {c}?", "outage"),
                    new Question("{h} why is my {m} bill {n} euro higher?", "billing"),
                    new Question("{h} how do I turn on roaming in the app?", "app")),
            Brands.Industry.AIRLINE, List.of(
                    new Question("{h} is my flight {f} delayed?", "delays"),
                    new Question("{h} was my flight to {d} on {w} cancelled?", "cancellations"),
                    new Question("{h} where do I collect my lost bag in {d}?", "baggage"),
                    new Question("{h} can I change the name on my ticket to {d}?", "customer_service")),
            Brands.Industry.DELIVERY, List.of(
                    new Question("{h} where is my parcel {p}?", "delivery"),
                    new Question("{h} what time does the {c} post office close on {w}?", "customer_service")));

    private static final List<String> FOLLOW_UPS_IT = List.of(
            "{h} ho scritto in DM ma ancora nessuna risposta", "{h} grazie, ho mandato i dati in privato",
            "{h} il problema però c'è ancora", "{h} ok, ma quando si risolve?", "{h} ho già fatto tutto, non cambia niente");
    private static final List<String> FOLLOW_UPS_EN = List.of(
            "{h} sent you a DM but no answer yet", "{h} thanks, details sent by DM", "{h} still not fixed though",
            "{h} ok but when will it be solved?");

    /** What agents of a real desk write again and again in replies that are not templates. */
    static final List<String> STOCK_IT = List.of(
            "ci dispiace per il disagio.", "verifichiamo subito la tua situazione.", "scrivici in DM così controlliamo insieme.",
            "grazie per la pazienza.", "abbiamo segnalato il problema ai colleghi.", "ti aggiorniamo appena possibile.",
            "capiamo il fastidio, ce ne occupiamo noi.");
    static final List<String> STOCK_EN = List.of(
            "sorry for the trouble.", "we'll check this for you right away.", "please DM us so we can look into it together.",
            "thanks for your patience.", "we've passed this on to the team.", "we'll update you as soon as we can.");
    /** How many stock phrases one desk uses. */
    private static final int STOCK_PER_DESK = 4;

    private static final List<String> MONTHS_IT = List.of("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
            "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre");
    private static final List<String> MONTHS_EN = List.of("January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December");
    private static final List<String> WEEKDAYS_IT = List.of("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica");
    private static final List<String> WEEKDAYS_EN = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");
    private static final List<String> PLACES = List.of("via Roma", "via Garibaldi", "corso Italia", "via Mazzini", "viale Europa",
            "piazza Dante", "via Verdi", "Bologna Interporto", "Fiumicino Cargo", "Milano Peschiera", "Bari Modugno", "Padova Est");
    private static final List<String> DESTINATIONS = List.of("Londra", "Parigi", "Barcellona", "Madrid", "Berlino", "Bruxelles",
            "Catania", "Palermo", "Bari", "Cagliari", "Amsterdam", "Dublino", "Lisbona", "Vienna");
    private static final Map<Brands.Industry, String> REF_IT = Map.of(Brands.Industry.TELCO, "numero di linea",
            Brands.Industry.AIRLINE, "codice di prenotazione", Brands.Industry.DELIVERY, "codice di spedizione");
    private static final Map<Brands.Industry, String> REF_EN = Map.of(Brands.Industry.TELCO, "account number",
            Brands.Industry.AIRLINE, "booking reference", Brands.Industry.DELIVERY, "tracking number");
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LINK_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final SplittableRandom random;

    CareTexts(SplittableRandom random) {
        this.random = random;
    }

    /** The brand's templates in the language: three Italian and two English of the pool, by brand. */
    static List<Integer> templates(Brand brand, boolean italian) {
        int b = Brands.ALL.indexOf(brand);
        List<String> pool = italian ? CANNED_IT : CANNED_EN;
        List<Integer> mine = new ArrayList<>();
        for (int step : italian ? new int[] {0, 3, 5} : new int[] {0, 2}) {
            mine.add((b + step) % pool.size());
        }
        return mine;
    }

    /**
     * One of the brand's templates filled in for the customer; a second answer in a thread uses
     * one of the follow-up templates. {@code agent} is the signature the brand's agent adds, or "".
     */
    Reply canned(Brand brand, boolean italian, boolean secondAnswer, String customerHandle, String agent) {
        int index;
        String template;
        if (secondAnswer) {
            List<String> pool = italian ? FOLLOW_UP_CANNED_IT : FOLLOW_UP_CANNED_EN;
            index = Brands.ALL.indexOf(brand) % pool.size();
            template = pool.get(index);
        } else {
            index = pick(templates(brand, italian));
            template = (italian ? CANNED_IT : CANNED_EN).get(index);
        }
        // agents often add a word of their own to a template; it stays the template
        String addition = random.nextInt(4) == 0 ? " " + pick((italian ? CLOSE_IT : CLOSE_EN).subList(1, (italian ? CLOSE_IT : CLOSE_EN).size())) : "";
        String text = fillReply(template.replace("{g}", greeting(italian, customerHandle)), brand, italian, customerHandle)
                + addition + signature(agent);
        return new Reply(text, brand.id() + "/" + (italian ? "it" : "en") + "/" + (secondAnswer ? "followup" : index));
    }

    /** A reply written for this customer's case: their city and a detail of the problem the topic is about. */
    Reply personal(Brand brand, boolean italian, String topic, String city, String customerHandle, String agent) {
        Map<String, List<List<String>>> all = italian ? FACTS_IT : FACTS_EN;
        List<List<String>> facts = all.get(topic != null && brand.industry().topics.contains(topic) ? topic : "customer_service");
        String fact = pick(facts.get(0)) + " " + pick(facts.get(1));
        String empathy = pick(italian ? EMPATHY_IT : EMPATHY_EN);
        String body = random.nextBoolean() ? empathy + ": " + fact + "." : fact + ", " + empathy + ".";
        String greeting = random.nextInt(5) == 0 ? "" : greeting(italian, customerHandle);
        // a sentence starts after no greeting or after "Ciao Marco!", not after "Ciao Marco,"
        body = greeting.isEmpty() || greeting.endsWith("!") ? capitalise(body) : body;
        String aside = random.nextInt(5) < 3 ? pick(italian ? ASIDE_IT : ASIDE_EN) : "";
        String text = "{h} " + greeting + " " + body + " " + aside + " " + pick(italian ? NEXT_IT : NEXT_EN) + " "
                + pick(italian ? CLOSE_IT : CLOSE_EN);
        return new Reply(fillReply(text, brand, italian, customerHandle).replace("{c}", city).replaceAll("\\s+", " ").strip()
                + signature(agent), null);
    }

    /**
     * A reply written for this customer by an agent who, like most, reaches for the desk's few
     * stock phrases: a greeting, two of them, sometimes a closing. Not a template (no fixed text,
     * no ticket), yet two such replies often share most of their words.
     */
    Reply stockPersonal(Brand brand, boolean italian, String customerHandle, String agent) {
        List<String> pool = italian ? STOCK_IT : STOCK_EN;
        int b = Brands.ALL.indexOf(brand);
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < STOCK_PER_DESK; i++) {
            mine.add(pool.get((b + i) % pool.size()));
        }
        int first = random.nextInt(mine.size());
        int second = (first + 1 + random.nextInt(mine.size() - 1)) % mine.size();
        String greeting = greeting(italian, customerHandle);
        String body = capitalise(mine.get(first)) + " " + capitalise(mine.get(second));
        String text = "@" + customerHandle + " " + greeting + " " + body + " " + pick(italian ? CLOSE_IT : CLOSE_EN);
        return new Reply(text.replaceAll("\\s+", " ").strip() + signature(agent), null);
    }

    Question question(Brand brand, boolean italian, String city) {
        Question q = pick((italian ? QUESTIONS_IT : QUESTIONS_EN).get(brand.industry()));
        return new Question(fillFacts(q.text().replace("{h}", "@" + brand.handle()), brand, italian).replace("{c}", city), q.topic());
    }

    String followUp(Brand brand, boolean italian) {
        return pick(italian ? FOLLOW_UPS_IT : FOLLOW_UPS_EN).replace("{h}", "@" + brand.handle());
    }

    /** A care agent's signature: initials after a caret or a dash, as the brand's agents sign. */
    String agent(boolean caret) {
        return (caret ? "^" : "-") + LETTERS.charAt(random.nextInt(LETTERS.length())) + LETTERS.charAt(random.nextInt(LETTERS.length()));
    }

    /** Half the time by the customer's first name, when the handle gives it away. */
    private String greeting(boolean italian, String customerHandle) {
        String name = AuthorPool.firstName(customerHandle);
        return name != null && random.nextInt(2) == 0
                ? pick(italian ? GREETINGS_NAMED_IT : GREETINGS_NAMED_EN).replace("{name}", name)
                : pick(italian ? GREETINGS_IT : GREETINGS_EN);
    }

    private String fillReply(String template, Brand brand, boolean italian, String customerHandle) {
        String text = template.replace("{h}", "@" + customerHandle)
                .replace("{r}", (italian ? REF_IT : REF_EN).get(brand.industry()));
        while (text.contains("{t}")) {
            text = text.replaceFirst("\\{t}", (random.nextBoolean() ? "#" : "") + (100_000 + random.nextInt(9_900_000)));
        }
        while (text.contains("{l}")) {
            text = text.replaceFirst("\\{l}", "https://t.co/" + link());
        }
        return fillFacts(text, brand, italian);
    }

    private String fillFacts(String text, Brand brand, boolean italian) {
        String t = text;
        while (t.contains("{n}")) {
            t = t.replaceFirst("\\{n}", Integer.toString(2 + random.nextInt(18)));
        }
        while (t.contains("{o}")) {
            t = t.replaceFirst("\\{o}", String.format(Locale.ROOT, "%d:%02d", 7 + random.nextInt(16), 15 * random.nextInt(4)));
        }
        return t.replace("{d}", pick(DESTINATIONS))
                .replace("{f}", ("ryanair".equals(brand.id()) ? "FR" : "AZ") + (100 + random.nextInt(9_000)))
                .replace("{p}", "RR" + (100_000_000 + random.nextInt(900_000_000)) + "IT")
                .replace("{m}", pick(italian ? MONTHS_IT : MONTHS_EN))
                .replace("{w}", pick(italian ? WEEKDAYS_IT : WEEKDAYS_EN))
                .replace("{x}", pick(PLACES));
    }

    private static String signature(String agent) {
        return agent.isEmpty() ? "" : " " + agent;
    }

    private String link() {
        StringBuilder link = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            link.append(LINK_CHARS.charAt(random.nextInt(LINK_CHARS.length())));
        }
        return link.toString();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
