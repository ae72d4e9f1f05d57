package dlkit.data;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A made-up sequence task that needs memory or attention: each sequence is {@code length} random noise
 * tokens with one <b>signal</b> token hidden among the first {@code window} steps, and the label is which
 * signal it was. A network that reads to the end must remember the signal across every later step; one
 * with attention can look back at it directly.
 *
 * <p>Tokens: 0 is never used (padding), {@code 1..classes} are the signals (signal {@code k} is class
 * {@code k - 1}), {@code classes + 1 .. classes + noise} are noise; {@link #vocabularySize()} is the
 * {@code nIn} of an embedding layer. Features are {@code [sequences, length]} token numbers, the input of
 * an {@code EmbeddingSequenceLayer}; labels are one-hot {@code [sequences, classes]}.
 *
 * @param data      the sequences and their labels
 * @param positions the step of each sequence's signal
 * @param classes   the number of signal tokens
 * @param noise     the number of noise tokens
 */
public record SignalTask(DataSet data, int[] positions, int classes, int noise) {

    /**
     * {@code count} sequences drawn with random numbers from {@code seed}.
     *
     * @throws IllegalArgumentException when a size is not positive or {@code window} exceeds {@code length}
     */
    public static SignalTask of(int count, int length, int window, int classes, int noise, long seed) {
        if (count <= 0 || length <= 0 || classes <= 0 || noise <= 0) {
            throw new IllegalArgumentException(String.format("SignalTask.of: count %d, length %d, classes %d and noise %d "
                    + "must all be positive", count, length, classes, noise));
        }
        if (window <= 0 || window > length) {
            throw new IllegalArgumentException("SignalTask.of: the signal window " + window + " must be between 1 and "
                    + "the length " + length);
        }
        Random random = new Random(seed);
        float[] tokens = new float[count * length];
        float[] labels = new float[count * classes];
        int[] positions = new int[count];
        for (int s = 0; s < count; s++) {
            for (int t = 0; t < length; t++) {
                tokens[s * length + t] = classes + 1 + random.nextInt(noise);
            }
            int label = random.nextInt(classes);
            positions[s] = random.nextInt(window);
            tokens[s * length + positions[s]] = label + 1;
            labels[s * classes + label] = 1;
        }
        INDArray features = Nd4j.create(tokens, new long[]{count, length}, DataType.FLOAT);
        return new SignalTask(new DataSet(features, Nd4j.create(labels, new long[]{count, classes}, DataType.FLOAT)),
                positions, classes, noise);
    }

    /** The number of token values, padding included: the {@code nIn} of an embedding layer. */
    public int vocabularySize() {
        return classes + noise + 1;
    }
}
