package dlkit.generative;

import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import dlkit.data.CharVocabulary;
import dlkit.data.CharWindows;
import dlkit.layers.Positions;

/**
 * Writes text with a character-level language model: a recurrent network that gives, after each
 * character, the probabilities of the next one ({@code [1, vocabulary size, steps]} from an
 * {@code RnnOutputLayer} with softmax). The network reads a prompt, then draws a character, feeds it back,
 * draws the next, and so on.
 *
 * <p>The <b>temperature</b> reshapes each distribution before drawing: {@code p^(1/T)}, normalised. At 1
 * the model's own probabilities are used; below 1 the likely characters become likelier (safe, repetitive
 * text); above 1 the distribution flattens (bolder text, more misspellings); at 0 the likeliest character
 * is always taken.
 *
 * <pre>{@code
 * String text = TextGenerator.generate(net, chars, "It is a truth", 200, 0.5, 42);
 * }</pre>
 *
 * <p>A network that reads a fixed number of steps (one with {@code Positions}, such as a GPT-style stack of
 * causal {@code TransformerBlock}s) is given a window instead: the last {@code steps} characters written so far,
 * the prompt padded in front with spaces while it is shorter; the next character is drawn from its last step.
 */
public final class TextGenerator {

    private TextGenerator() {
    }

    /**
     * {@code probabilities} reshaped by {@code temperature}: {@code p^(1/T)} normalised to sum 1; at
     * temperature 0, all probability on the likeliest entry (the first on ties).
     *
     * @throws IllegalArgumentException when the temperature is negative or not finite, or the
     *                                  probabilities are empty, negative or all zero
     */
    public static double[] withTemperature(double[] probabilities, double temperature) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("withTemperature: the temperature must be 0 or more, got " + temperature
                    + "; 1 keeps the model's probabilities, e.g. 0.5 for safer text");
        }
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("withTemperature: no probabilities given");
        }
        int best = 0;
        double largest = -1;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("withTemperature: probability " + i + " is " + p
                        + "; pass a softmax output, whose entries are between 0 and 1");
            }
            if (p > largest) {
                largest = p;
                best = i;
            }
        }
        if (largest == 0) {
            throw new IllegalArgumentException("withTemperature: all " + probabilities.length
                    + " probabilities are 0; pass a softmax output");
        }
        double[] out = new double[probabilities.length];
        if (temperature == 0) {
            out[best] = 1;
            return out;
        }
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            // relative to the largest, so that small temperatures do not underflow to all zeros
            out[i] = Math.pow(probabilities[i] / largest, 1 / temperature);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** An index drawn with the given probabilities (which sum to 1). */
    public static int sample(double[] probabilities, Random random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) {
                return i;
            }
        }
        for (int i = probabilities.length - 1; i >= 0; i--) { // rounding left u above the total
            if (probabilities[i] > 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("sample: the probabilities are all 0");
    }

    /**
     * {@code length} characters written by {@code net} after {@code prompt}, drawn at {@code temperature}
     * with random numbers from {@code seed} (the same seed, the same text). The network's recurrent state
     * is cleared before and after.
     *
     * @throws IllegalArgumentException when the prompt is empty or holds a character the vocabulary lacks,
     *                                  or the length or temperature is negative
     */
    public static String generate(MultiLayerNetwork net, CharVocabulary vocabulary, String prompt, int length,
                                  double temperature, long seed) {
        if (length < 0) {
            throw new IllegalArgumentException("generate: length " + length + " must be 0 or more characters");
        }
        Random random = new Random(seed);
        int window = window(net);
        if (window > 0) {
            return windowed(net, vocabulary, prompt, length, temperature, random, window);
        }
        StringBuilder text = new StringBuilder(length);
        net.rnnClearPreviousState();
        try {
            INDArray input = CharWindows.oneHot(prompt, vocabulary);
            for (int i = 0; i < length; i++) {
                INDArray output = net.rnnTimeStep(input);
                long last = output.size(2) - 1;
                double[] next = output.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(last))
                        .toDoubleVector();
                char c = vocabulary.character(sample(withTemperature(next, temperature), random));
                text.append(c);
                input = CharWindows.oneHot(String.valueOf(c), vocabulary);
            }
        } finally {
            net.rnnClearPreviousState();
        }
        return text.toString();
    }

    /** The fixed number of steps the network reads (that of its {@code Positions} layer), or 0 for a recurrent one. */
    private static int window(MultiLayerNetwork net) {
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof Positions positions) {
                return (int) positions.getSteps();
            }
        }
        return 0;
    }

    private static String windowed(MultiLayerNetwork net, CharVocabulary vocabulary, String prompt, int length,
                                   double temperature, Random random, int window) {
        CharWindows.oneHot(prompt, vocabulary);   // refuses characters the vocabulary lacks
        StringBuilder all = new StringBuilder(prompt);
        for (int i = 0; i < length; i++) {
            String last = all.length() >= window ? all.substring(all.length() - window)
                    : " ".repeat(window - all.length()) + all;
            INDArray output = net.output(CharWindows.oneHot(last, vocabulary), false);
            double[] next = output.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(window - 1))
                    .toDoubleVector();
            all.append(vocabulary.character(sample(withTemperature(next, temperature), random)));
        }
        return all.substring(prompt.length());
    }
}
