package dlkit.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits text into words and builds a {@link Vocabulary} of the most frequent ones.
 *
 * <p>A text becomes words in four steps: lower-case it ({@link Locale#ROOT}); replace HTML tags such as
 * {@code <br />} with spaces (the fine-food reviews hold them); replace every character that is not a
 * letter, a digit or an apostrophe with a space; split on whitespace, trimming apostrophes from the ends
 * of words ({@code 'quoted'} becomes {@code quoted}, {@code don't} stays). So {@code "Great coffee!!
 * Don't miss it.<br />"} gives {@code [great, coffee, don't, miss, it]}.
 */
public final class Tokenizer {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");

    private Tokenizer() {
    }

    /** The words of {@code text}, in order; empty for a blank or null text. */
    public static List<String> tokens(String text) {
        if (text == null) {
            return List.of();
        }
        String cleaned = NOT_WORD.matcher(TAG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ")).replaceAll(" ");
        List<String> words = new ArrayList<>();
        for (String word : cleaned.trim().split("\\s+")) {
            String trimmed = trimApostrophes(word);
            if (!trimmed.isEmpty()) {
                words.add(trimmed);
            }
        }
        return words;
    }

    /**
     * A vocabulary of the {@code maxWords} most frequent words of {@code texts}. Words with equal counts
     * are ranked alphabetically, so the same texts always give the same indices. Index 0 is padding and
     * index 1 stands for every word left out ({@value Vocabulary#UNKNOWN}); the most frequent word is 2.
     * The vocabulary's {@link Vocabulary#size()} is at most {@code maxWords + 2}: use it as the
     * embedding layer's {@code nIn}.
     *
     * @throws IllegalArgumentException when {@code maxWords} is not positive or the texts hold no word
     */
    public static Vocabulary fit(List<String> texts, int maxWords) {
        if (maxWords <= 0) {
            throw new IllegalArgumentException("Tokenizer.fit: maxWords " + maxWords + " must be positive, "
                    + "e.g. 10000 (the vocabulary keeps that many of the most frequent words)");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            for (String word : tokens(text)) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("Tokenizer.fit: the " + texts.size() + " texts hold no word; "
                    + "pass the training texts, e.g. the review column as a list");
        }
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(Map.Entry.<String, Integer>comparingByValue(Collections.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> words = new ArrayList<>();
        Map<String, Integer> kept = new HashMap<>();
        for (Map.Entry<String, Integer> entry : ranked.subList(0, Math.min(maxWords, ranked.size()))) {
            words.add(entry.getKey());
            kept.put(entry.getKey(), entry.getValue());
        }
        return new Vocabulary(words, kept);
    }

    private static String trimApostrophes(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && word.charAt(start) == '\'') {
            start++;
        }
        while (end > start && word.charAt(end - 1) == '\'') {
            end--;
        }
        return word.substring(start, end);
    }
}
