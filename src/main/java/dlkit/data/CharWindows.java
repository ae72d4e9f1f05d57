package dlkit.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A text cut into training sequences for a character-level language model: each example is
 * {@code length} consecutive characters, and its label at every step is the character that follows.
 *
 * <p>Layout: features and labels are both {@code [examples, vocabulary size, length]}, one-hot, DL4J's
 * recurrent format, for an LSTM followed by an {@code RnnOutputLayer} with softmax over the vocabulary.
 * Example {@code i} starts at character {@code i * stride}; a stride equal to the length gives
 * non-overlapping sequences.
 *
 * <pre>{@code
 * CharVocabulary chars = CharVocabulary.of(text);
 * DataSet sequences = CharWindows.of(text, chars, 100, 100); // "It is a truth..." -> "t is a truth ..."
 * }</pre>
 */
public final class CharWindows {

    /** The largest feature array built at once (features and labels each), 1 GiB of floats. */
    private static final long MAX_VALUES = 1L << 28;

    private CharWindows() {
    }

    /**
     * The sequences of {@code text}.
     *
     * @throws IllegalArgumentException when a length is not positive, the text is shorter than one
     *                                  sequence plus its last label, the arrays would exceed 1 GiB, or a
     *                                  character is not in {@code vocabulary}
     */
    public static DataSet of(String text, CharVocabulary vocabulary, int length, int stride) {
        if (length <= 0 || stride <= 0) {
            throw new IllegalArgumentException("CharWindows.of: length " + length + " and stride " + stride
                    + " must be positive, e.g. 100 and 100");
        }
        if (text.length() < length + 1) {
            throw new IllegalArgumentException("CharWindows.of: a text of " + text.length() + " characters is too short "
                    + "for one sequence of " + length + " plus the character after it; use a shorter length");
        }
        int count = (text.length() - length - 1) / stride + 1;
        int size = vocabulary.size();
        long values = (long) count * size * length;
        if (values > MAX_VALUES) {
            throw new IllegalArgumentException(String.format("CharWindows.of: %,d sequences of %d characters over %d "
                    + "possible characters make %,d values per array, more than %,d; use a part of the text or a "
                    + "larger stride", count, length, size, values, MAX_VALUES));
        }
        int[] ids = vocabulary.encode(text.substring(0, (count - 1) * stride + length + 1));
        INDArray features = Nd4j.zeros(DataType.FLOAT, count, size, length);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, count, size, length);
        for (int e = 0; e < count; e++) {
            int start = e * stride;
            for (int t = 0; t < length; t++) {
                features.putScalar(e, ids[start + t], t, 1f);
                labels.putScalar(e, ids[start + t + 1], t, 1f);
            }
        }
        return new DataSet(features, labels);
    }

    /** {@code text} one-hot as a single sequence {@code [1, vocabulary size, text length]}, for generation. */
    public static INDArray oneHot(String text, CharVocabulary vocabulary) {
        int[] ids = vocabulary.encode(text);
        if (ids.length == 0) {
            throw new IllegalArgumentException("CharWindows.oneHot: the text is empty; give at least one character");
        }
        INDArray out = Nd4j.zeros(DataType.FLOAT, 1, vocabulary.size(), ids.length);
        for (int t = 0; t < ids.length; t++) {
            out.putScalar(0, ids[t], t, 1f);
        }
        return out;
    }
}
