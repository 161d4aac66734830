package io.outcry.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The common inflected forms of an Italian lemma, so that a lemma lexicon such as Sentix
 * ("pessimo", "funzionare") also scores what posts write ("pessima", "funziona",
 * "bloccati", "lentissimo"). Forms are generated at load time, once, instead of stemming every
 * token of every post; a generated form never replaces a word the lexicon lists itself.
 */
public final class ItalianInflections {

    private static final String[] ARE = {"a", "ano", "ato", "ata", "ati", "ate", "ando"};
    private static final String[] ERE = {"e", "ono", "uto", "uta", "uti", "ute", "endo"};
    private static final String[] IRE = {"e", "ono", "ito", "ita", "iti", "ite", "isce", "iscono", "endo"};

    private ItalianInflections() {}

    /** The inflected forms of {@code lemma} (folded), the lemma itself excluded. */
    public static List<String> of(String lemma) {
        List<String> forms = new ArrayList<>(16);
        int length = lemma.length();
        if (length < 4) {
            return forms;
        }
        if (lemma.endsWith("are") || lemma.endsWith("ere") || lemma.endsWith("ire")) {
            String stem = lemma.substring(0, length - 3);
            String[] endings = lemma.endsWith("are") ? ARE : lemma.endsWith("ere") ? ERE : IRE;
            if (stem.length() < 3) {
                return forms;
            }
            for (String ending : endings) {
                forms.add(stem + ending);
            }
            return forms;
        }
        String stem = lemma.substring(0, length - 1);
        switch (lemma.charAt(length - 1)) {
            case 'o' -> {
                forms.add(stem + "a");
                forms.add(stem + "i");
                forms.add(stem + "e");
                addSuperlatives(forms, stem);
            }
            case 'a' -> {
                forms.add(stem + "e");
                forms.add(stem + "i");
            }
            case 'e' -> {
                forms.add(stem + "i");
                addSuperlatives(forms, stem);
            }
            default -> {
                // loanwords and truncated forms ("virtù", "bar") do not inflect
            }
        }
        return forms;
    }

    private static void addSuperlatives(List<String> forms, String stem) {
        // "lento" gives "lentissimo"; "stanco" gives "stanchissimo"
        String base = stem.endsWith("c") || stem.endsWith("g") ? stem + "h" : stem;
        for (String ending : new String[] {"issimo", "issima", "issimi", "issime"}) {
            forms.add(base + ending);
        }
    }
}
