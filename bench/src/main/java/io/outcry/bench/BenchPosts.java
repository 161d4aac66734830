package io.outcry.bench;

import io.outcry.post.Author;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import io.outcry.post.PostText;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed pool of posts as long as a post gets (about 280 characters), half Italian and half
 * English, written the way people complain, praise, ask and chat about the catalog's brands.
 * Built from a seed, so every run and every machine measures the same text.
 */
final class BenchPosts {

    static final int POOL_SIZE = 1024;
    static final int TARGET_LENGTH = 280;

    private static final String[] BRANDS_IT = {"@tim_official", "TIM", "Vodafone", "#windtre", "Iliad", "@fastweb",
            "ITA Airways", "@ryanair", "Poste Italiane", "#posteitaliane"};
    private static final String[] BRANDS_EN = {"@Ryanair", "Vodafone", "@itaairways", "TIM", "#iliad", "Fastweb",
            "@posteitaliane", "WindTre"};
    private static final String[] SENTENCES_IT = {
            "{b} non funziona da stamattina a Milano, è una vergogna.",
            "Senza linea da tre ore, nessuno risponde al servizio clienti.",
            "Bolletta raddoppiata senza motivo, voglio un rimborso subito!",
            "Volo per Londra in ritardo di quattro ore e nessuna informazione al gate.",
            "{b} mi avete cancellato il volo all'ultimo minuto, inaccettabile.",
            "Bagaglio perso a Parigi, la valigia non si trova da due giorni.",
            "Il pacco è fermo da una settimana, consegna mai arrivata.",
            "L'app {b} si blocca di nuovo e non riesco a fare l'accesso.",
            "Grazie {b}, assistenza gentile e veloce, problema risolto in dieci minuti.",
            "Qualcuno sa se c'è un guasto in zona Roma Nord? Internet non va.",
            "Funziona di nuovo, finalmente! Grazie ai tecnici.",
            "Che bella giornata a Bologna, stasera pizza con gli amici.",
            "Ma è possibile che ogni mese ci sia un addebito diverso in fattura???",
            "Ottima copertura anche in montagna, davvero contento 😊",
            "Nessun segnale a Napoli centro, #disservizio vergognoso 😡"};
    private static final String[] SENTENCES_EN = {
            "{b} no signal in London since this morning, terrible service.",
            "Been on hold for 45 minutes and nobody answers, worst customer service ever.",
            "Charged twice on my bill this month, still waiting for a refund.",
            "Flight to Dublin delayed 3 hours and no information at the gate.",
            "{b} cancelled my flight with no notice, absolutely unacceptable!",
            "Lost my luggage in Madrid, nobody at the desk can help.",
            "My parcel has been stuck for days, tracking says nothing.",
            "The {b} app keeps crashing and I can't log in since yesterday.",
            "Thanks {b}, great support today, issue fixed in ten minutes.",
            "Is anyone else having an outage in Manchester? Internet not working.",
            "It works again, finally! Thanks to the engineers.",
            "Beautiful day in Rome, coffee first and then the world.",
            "Why is there a different charge on my invoice every single month???",
            "Love the new plan, great speed even in the mountains 😊",
            "Not working AGAIN in Leeds #outage so annoying 😡"};
    private static final GeoPoint[] PLACES = {new GeoPoint(45.4642, 9.19), new GeoPoint(41.9028, 12.4964),
            new GeoPoint(40.8518, 14.2681), new GeoPoint(44.4949, 11.3426), null, null};

    private BenchPosts() {}

    static List<Post> pool() {
        SplittableRandom random = new SplittableRandom(20240531L);
        List<Post> posts = new ArrayList<>(POOL_SIZE);
        for (int i = 0; i < POOL_SIZE; i++) {
            boolean italian = i % 2 == 0;
            String[] brands = italian ? BRANDS_IT : BRANDS_EN;
            String[] sentences = italian ? SENTENCES_IT : SENTENCES_EN;
            String brand = brands[random.nextInt(brands.length)];
            StringBuilder text = new StringBuilder(brand).append(' ');
            while (text.length() < TARGET_LENGTH) {
                text.append(sentences[random.nextInt(sentences.length)].replace("{b}", brand)).append(' ');
            }
            String body = cut(text.toString());
            posts.add(new Post(Integer.toString(i), "twitter", 1_700_000_000_000L + i * 1000L,
                    new Author(Integer.toString(i % 97), "user" + (i % 97), 100 + i, false, null), body,
                    random.nextInt(3) == 0 ? null : (italian ? "it" : "en"), PLACES[random.nextInt(PLACES.length)],
                    null, null, null, null, PostText.mentions(body), PostText.hashtags(body)));
        }
        return posts;
    }

    /** At most {@link #TARGET_LENGTH} characters, ending at a word boundary as a client would. */
    private static String cut(String text) {
        if (text.length() <= TARGET_LENGTH) {
            return text.strip();
        }
        int end = text.lastIndexOf(' ', TARGET_LENGTH);
        return text.substring(0, end).strip();
    }
}
