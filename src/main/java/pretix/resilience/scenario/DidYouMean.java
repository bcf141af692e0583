package pretix.resilience.scenario;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The closest valid choice to a near miss, for error messages. */
final class DidYouMean {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private DidYouMean() {}

    /**
     * " (did you mean 'x'?)" when a choice starts with the word, or is within a third of the
     * word's length of it; else "".
     */
    static String hint(String given, Collection<String> choices) {
        String word = given.toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, word.length() / 3);
        return choices.stream().filter(choice -> word.length() >= 3 && choice.startsWith(word)).findFirst()
                .map(choice -> " (did you mean '" + choice + "'?)").or(() -> choices.stream()
                .min(Comparator.comparingInt((String choice) -> DISTANCE.apply(word, choice)))
                .filter(best -> DISTANCE.apply(word, best) <= allowed)
                .map(best -> " (did you mean '" + best + "'?)")).orElse("");
    }
}
