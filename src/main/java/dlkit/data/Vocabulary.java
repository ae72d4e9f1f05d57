package dlkit.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Words and their indices, as {@link Tokenizer#fit} builds them: index {@value #PAD} is padding, index
 * {@value #UNK} the out-of-vocabulary token {@value #UNKNOWN}, and the kept words follow from index 2, most
 * frequent first. Immutable.
 */
public final class Vocabulary {

    /** The index of padding. */
    public static final int PAD = 0;
    /** The index of every word not in the vocabulary. */
    public static final int UNK = 1;
    /** The token shown for padding. */
    public static final String PADDING = "<pad>";
    /** The token shown for a word not in the vocabulary. */
    public static final String UNKNOWN = "<unk>";

    private final List<String> words;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> counts;

    Vocabulary(List<String> words, Map<String, Integer> counts) {
        List<String> all = new ArrayList<>();
        all.add(PADDING);
        all.add(UNKNOWN);
        all.addAll(words);
        this.words = List.copyOf(all);
        for (int i = 2; i < all.size(); i++) {
            index.put(all.get(i), i);
        }
        this.counts = Map.copyOf(counts);
    }

    /**
     * A vocabulary made elsewhere, e.g. by the Python code that trained a model: {@code words.get(0)} gets index 2,
     * after padding (0) and {@value #UNKNOWN} (1), as in a vocabulary this library fits.
     *
     * @throws IllegalArgumentException when a word is blank or appears twice
     */
    public static Vocabulary of(List<String> words) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word == null || word.isBlank()) {
                throw new IllegalArgumentException("Word " + i + " of the vocabulary is blank; give one word per index");
            }
            Integer before = seen.put(word, i);
            if (before != null) {
                throw new IllegalArgumentException("The word '" + word + "' appears twice in the vocabulary (at " + before
                        + " and " + i + "); each word must have one index");
            }
        }
        return new Vocabulary(words, Map.of());
    }

    /** The number of indices, padding and {@value #UNKNOWN} included: the {@code nIn} of an embedding layer. */
    public int size() {
        return words.size();
    }

    /** Every token by index: {@value #PADDING}, {@value #UNKNOWN}, then the words, most frequent first. */
    public List<String> words() {
        return words;
    }

    /** The index of {@code word} (as the tokenizer writes it, lower-case), or {@value #UNK} when it is not kept. */
    public int index(String word) {
        return index.getOrDefault(word, UNK);
    }

    /** The token with index {@code i}. */
    public String word(int i) {
        if (i < 0 || i >= words.size()) {
            throw new IllegalArgumentException("Index " + i + " is outside the vocabulary's 0.." + (words.size() - 1)
                    + "; decode only indices this vocabulary produced");
        }
        return words.get(i);
    }

    /** How often a kept word occurred in the texts the vocabulary was built from (0 for any other). */
    public int count(String word) {
        return counts.getOrDefault(word, 0);
    }

    /** The indices of the words of {@code text} ({@link Tokenizer#tokens}), {@value #UNK} for unknown words. */
    public int[] encode(String text) {
        return Tokenizer.tokens(text).stream().mapToInt(this::index).toArray();
    }

    /** {@link #encode(String)} for each text. */
    public List<int[]> encodeAll(List<String> texts) {
        List<int[]> encoded = new ArrayList<>(texts.size());
        texts.forEach(t -> encoded.add(encode(t)));
        return encoded;
    }

    /** The tokens of {@code ids} joined by spaces, padding left out, e.g. "great <unk> coffee". */
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            if (id == PAD) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(word(id));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "Vocabulary of " + size() + " tokens: " + words.subList(0, Math.min(12, words.size()))
                + (words.size() > 12 ? " ..." : "");
    }
}
