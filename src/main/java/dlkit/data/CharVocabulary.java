package dlkit.data;

import java.util.Arrays;

/**
 * The distinct characters of a text, each with an index, for character-level models (e.g. an LSTM that
 * writes like Jane Austen). Characters are indexed in Unicode order from 0; there is no padding or
 * unknown index, because every character to encode must come from the text the vocabulary was built on.
 * Works on Java {@code char}s (the course's texts are ASCII). Immutable.
 */
public final class CharVocabulary {

    private final char[] chars;
    private final int[] index;

    private CharVocabulary(char[] chars) {
        this.chars = chars;
        int max = chars[chars.length - 1];
        this.index = new int[max + 1];
        Arrays.fill(index, -1);
        for (int i = 0; i < chars.length; i++) {
            index[chars[i]] = i;
        }
    }

    /**
     * The characters of {@code text}.
     *
     * @throws IllegalArgumentException when the text is empty
     */
    public static CharVocabulary of(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("CharVocabulary.of: the text is empty; pass the training text, "
                    + "e.g. Datasets.text(\"text/austen_prideprejudice.txt\")");
        }
        return new CharVocabulary(text.chars().distinct().sorted().collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString().toCharArray());
    }

    /** The number of characters: the width of a one-hot character and the {@code nOut} of the output layer. */
    public int size() {
        return chars.length;
    }

    /** The characters in index order, as a string. */
    public String chars() {
        return new String(chars);
    }

    /** The index of {@code c}. */
    public int index(char c) {
        if (c >= index.length || index[c] < 0) {
            throw new IllegalArgumentException("Character " + describe(c) + " is not in the vocabulary of " + size()
                    + " characters; build it with CharVocabulary.of(text) from a text that holds it");
        }
        return index[c];
    }

    /** The character with index {@code i}. */
    public char character(int i) {
        if (i < 0 || i >= chars.length) {
            throw new IllegalArgumentException("Index " + i + " is outside the character vocabulary's 0.."
                    + (chars.length - 1) + "; decode only indices this vocabulary produced");
        }
        return chars[i];
    }

    /**
     * The index of each character of {@code text}.
     *
     * @throws IllegalArgumentException naming the character and its position when it is not in the vocabulary
     */
    public int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            char c = text.charAt(i);
            if (c >= index.length || index[c] < 0) {
                throw new IllegalArgumentException("Character " + describe(c) + " at position " + i
                        + " is not in the vocabulary of " + size() + " characters; build it with "
                        + "CharVocabulary.of(text) from a text that holds it, or remove the character");
            }
            ids[i] = index[c];
        }
        return ids;
    }

    /** The text whose characters have indices {@code ids}. */
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder(ids.length);
        for (int id : ids) {
            text.append(character(id));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "CharVocabulary of " + size() + " characters";
    }

    private static String describe(char c) {
        return String.format("'%s' (U+%04X)", Character.isISOControl(c) ? "\\u" + Integer.toHexString(c) : c, (int) c);
    }
}
