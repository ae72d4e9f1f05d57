package dlkit.data;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sequences of token indices made equal in length, as a batch for DL4J's {@code EmbeddingSequenceLayer}.
 *
 * <p>The default, as in Keras' {@code pad_sequences}, is {@link Side#PRE} for both padding and
 * truncating: padding ({@value Vocabulary#PAD}) goes before the tokens, and a long sequence keeps its
 * last {@code length} tokens. A recurrent network that reads left to right and answers at its last step
 * then has the real tokens right before it answers, instead of a tail of padding to forget them over.
 */
public final class Sequences {

    /** Which end of a sequence padding is added to, or tokens are cut from. */
    public enum Side {
        /** The start. */
        PRE,
        /** The end. */
        POST
    }

    private Sequences() {
    }

    /** {@code ids} padded or truncated to {@code length}, both at the start ({@link Side#PRE}). */
    public static int[] padOrTruncate(int[] ids, int length) {
        return padOrTruncate(ids, length, Side.PRE, Side.PRE);
    }

    /**
     * {@code ids} made exactly {@code length} long.
     *
     * @param padding    where padding zeros go when {@code ids} is shorter
     * @param truncating where tokens are cut when {@code ids} is longer ({@code PRE} keeps the end)
     * @throws IllegalArgumentException when {@code length} is not positive
     */
    public static int[] padOrTruncate(int[] ids, int length, Side padding, Side truncating) {
        checkLength(length);
        int[] out = new int[length];
        if (ids.length >= length) {
            int from = truncating == Side.PRE ? ids.length - length : 0;
            System.arraycopy(ids, from, out, 0, length);
        } else {
            System.arraycopy(ids, 0, out, padding == Side.PRE ? length - ids.length : 0, ids.length);
        }
        return out;
    }

    /**
     * The sequences, each padded or truncated to {@code length} at the start, as a float array
     * {@code [sequences, length]} of indices: the input of an {@code EmbeddingSequenceLayer}.
     */
    public static INDArray batch(List<int[]> sequences, int length) {
        return batch(sequences, length, Side.PRE, Side.PRE);
    }

    /** {@link #batch(List, int)} with the padding and truncating sides chosen. */
    public static INDArray batch(List<int[]> sequences, int length, Side padding, Side truncating) {
        checkLength(length);
        checkNotEmpty(sequences);
        float[] flat = new float[sequences.size() * length];
        for (int s = 0; s < sequences.size(); s++) {
            int[] row = padOrTruncate(sequences.get(s), length, padding, truncating);
            for (int t = 0; t < length; t++) {
                flat[s * length + t] = row[t];
            }
        }
        return Nd4j.create(flat, new long[]{sequences.size(), length}, DataType.FLOAT);
    }

    /**
     * The mask of a {@link #batch}: {@code [sequences, length]} with 1 where a token is and 0 where padding
     * is, for layers that should ignore the padding (DL4J's feature mask).
     */
    public static INDArray mask(List<int[]> sequences, int length, Side padding) {
        checkLength(length);
        checkNotEmpty(sequences);
        float[] flat = new float[sequences.size() * length];
        for (int s = 0; s < sequences.size(); s++) {
            int real = Math.min(length, sequences.get(s).length);
            int from = padding == Side.PRE ? length - real : 0;
            for (int t = from; t < from + real; t++) {
                flat[s * length + t] = 1f;
            }
        }
        return Nd4j.create(flat, new long[]{sequences.size(), length}, DataType.FLOAT);
    }

    private static void checkLength(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("Sequence length " + length + " must be positive; pick one that covers "
                    + "most texts, e.g. 100 words (look at a histogram of the texts' lengths)");
        }
    }

    private static void checkNotEmpty(List<int[]> sequences) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("No sequences to batch; encode the texts first with vocabulary.encodeAll(texts)");
        }
    }
}
