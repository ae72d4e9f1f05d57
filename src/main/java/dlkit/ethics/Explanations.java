package dlkit.ethics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

/**
 * Why a model decides as it does, in two classic ways:
 * <ul>
 *   <li>{@link #permutationImportance}: for tabular models, how much accuracy drops when one input is
 *       shuffled: what the model relies on, including proxies for sensitive attributes;</li>
 *   <li>{@link #saliency}: for image models, the gradient of the class score with respect to each pixel:
 *       which pixels would change the score most if they changed;</li>
 *   <li>{@link #integratedGradients}: how much each pixel (or input) contributed to the class score, against
 *       a baseline such as a black image; the contributions add up to the score's difference;</li>
 *   <li>{@link #gradCam}: for convolutional networks, where a convolution layer's feature maps saw evidence for
 *       the class: a coarse map of the regions that made the decision;</li>
 *   <li>{@link #shapley}: for tabular models with few inputs, each input's exact Shapley value: its fair share
 *       of the difference between this prediction and the average one;</li>
 *   <li>{@link #lime}: for one prediction of any model, a linear model fitted to the model's answers on
 *       perturbed copies of the input, weighted by how close they are: the model's local slope per input.</li>
 * </ul>
 * All explain the model, not the world: an important input is one the model uses, not one that causes
 * the outcome.
 */
public final class Explanations {

    private Explanations() {
    }

    /**
     * Permutation feature importance on plain arrays: the accuracy of {@code predict} on the data, minus
     * its accuracy with one input's column shuffled, averaged over {@code repeats} shuffles. Inputs named
     * {@code column=value} (one-hot encoded, as {@code FittedPreprocessor.featureNames()} names them) are
     * shuffled together, as the one column they come from. Sorted, most important first.
     *
     * @param predict      the model: rows of features to predicted class indices
     * @param features     {@code [rows][inputs]}
     * @param truth        the true class of each row
     * @param featureNames one name per input
     * @throws IllegalArgumentException when the sizes disagree, there are no rows, or {@code repeats < 1}
     */
    public static List<FeatureImportance> permutationImportance(Function<double[][], int[]> predict, double[][] features,
                                                                int[] truth, List<String> featureNames, int repeats,
                                                                long seed) {
        if (features == null || features.length == 0) {
            throw new IllegalArgumentException("permutationImportance: no rows; pass the evaluation data (e.g. the test part)");
        }
        if (truth == null || truth.length != features.length) {
            throw new IllegalArgumentException("permutationImportance: " + (truth == null ? 0 : truth.length)
                    + " labels for " + features.length + " rows; give one true class per row");
        }
        if (featureNames == null || featureNames.size() != features[0].length) {
            throw new IllegalArgumentException("permutationImportance: " + (featureNames == null ? 0 : featureNames.size())
                    + " feature names for " + features[0].length + " inputs; pass FittedPreprocessor.featureNames()");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("permutationImportance: repeats " + repeats + " must be at least 1, e.g. 5");
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int j = 0; j < featureNames.size(); j++) {
            String name = featureNames.get(j);
            int eq = name.indexOf('=');
            groups.computeIfAbsent(eq > 0 ? name.substring(0, eq) : name, k -> new ArrayList<>()).add(j);
        }
        double base = accuracy(predict.apply(features), truth);
        Random random = new Random(seed);
        List<FeatureImportance> out = new ArrayList<>();
        int n = features.length;
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            double[] drops = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                int[] order = new int[n];
                Arrays.setAll(order, i -> i);
                for (int i = n - 1; i > 0; i--) {
                    int k = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[k];
                    order[k] = t;
                }
                double[][] shuffled = new double[n][];
                for (int i = 0; i < n; i++) {
                    shuffled[i] = features[i].clone();
                    for (int j : group.getValue()) {
                        shuffled[i][j] = features[order[i]][j];
                    }
                }
                drops[r] = base - accuracy(predict.apply(shuffled), truth);
            }
            double mean = Arrays.stream(drops).average().orElse(0);
            double var = Arrays.stream(drops).map(d -> (d - mean) * (d - mean)).sum() / repeats;
            out.add(new FeatureImportance(group.getKey(), mean, Math.sqrt(var)));
        }
        out.sort(Comparator.comparingDouble(FeatureImportance::importance).reversed());
        return out;
    }

    /**
     * Permutation feature importance of a network on a {@code DataSet} (features and one-hot labels, e.g.
     * {@code prep.transform(split.test())}); see {@link #permutationImportance(Function, double[][], int[], List, int, long)}.
     */
    public static List<FeatureImportance> permutationImportance(MultiLayerNetwork net, DataSet data,
                                                                List<String> featureNames, int repeats, long seed) {
        if (net == null || data == null) {
            throw new IllegalArgumentException("permutationImportance: pass a trained network and a DataSet");
        }
        DataType type = data.getFeatures().dataType();
        Function<double[][], int[]> predict = rows -> net.output(Nd4j.createFromArray(rows).castTo(type), false)
                .argMax(1).toIntVector();
        int[] truth = data.getLabels().columns() == 1 ? data.getLabels().gte(0.5).castTo(DataType.INT).toIntVector()
                : data.getLabels().argMax(1).toIntVector();
        return permutationImportance(predict, data.getFeatures().toDoubleMatrix(), truth, featureNames, repeats, seed);
    }

    private static double accuracy(int[] predicted, int[] truth) {
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += predicted[i] == truth[i] ? 1 : 0;
        }
        return (double) right / truth.length;
    }

    /**
     * Saliency maps: for each input row, the absolute gradient of the log-probability the network gives
     * class {@code classes[i]}, with respect to every input value (pixel), computed by DL4J's
     * backpropagation. Large values mark the pixels whose change would move that class's score most.
     * The output layer must be a softmax or sigmoid trained with cross-entropy (MCXENT, negative
     * log-likelihood or XENT), for which the gradient of the loss for class {@code c} is minus the
     * gradient of log P(c).
     *
     * @param inputs  {@code [n, ...]} as the network takes them (e.g. {@code [n, 784]} for MNIST)
     * @param classes the class to explain for each row, e.g. the predicted one
     * @return an array shaped like {@code inputs}
     * @throws IllegalArgumentException when the lengths differ, a class is out of range, or the output layer
     *                                  is not trained with cross-entropy
     */
    public static INDArray saliency(MultiLayerNetwork net, INDArray inputs, int[] classes) {
        return Transforms.abs(gradientOfLogProbability(net, inputs, classes), false);
    }

    /**
     * The signed gradient of log P(class) with respect to the inputs, one row per input row; see
     * {@link #saliency}.
     */
    public static INDArray logProbabilityGradient(MultiLayerNetwork net, INDArray inputs, int[] classes) {
        return gradientOfLogProbability(net, inputs, classes).neg();
    }

    private static INDArray gradientOfLogProbability(MultiLayerNetwork net, INDArray inputs, int[] classes) {
        if (net == null || inputs == null) {
            throw new IllegalArgumentException("saliency: pass a trained network and its inputs");
        }
        if (classes == null || classes.length != inputs.size(0)) {
            throw new IllegalArgumentException("saliency: " + (classes == null ? 0 : classes.length) + " classes for "
                    + inputs.size(0) + " inputs; give one class to explain per input row");
        }
        Layer last = net.getOutputLayer();
        if (!(last.conf().getLayer() instanceof BaseOutputLayer output)) {
            throw new IllegalArgumentException("saliency: the last layer is a " + last.conf().getLayer().getClass().getSimpleName()
                    + ", not an output layer with a loss; end the network with an OutputLayer trained with MCXENT");
        }
        ILossFunction loss = output.getLossFn();
        if (!(loss instanceof LossMCXENT || loss instanceof LossNegativeLogLikelihood || loss instanceof LossBinaryXENT)) {
            throw new IllegalArgumentException("saliency: the output layer's loss is " + loss + "; saliency as the"
                    + " gradient of log P(class) needs cross-entropy (MCXENT, NEGATIVELOGLIKELIHOOD or XENT)");
        }
        for (Layer layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization) {
                throw new IllegalArgumentException("saliency: layer " + layer.getIndex() + " is a BatchNormalization, and "
                        + "DL4J's input gradients normalize by the statistics of the batch being explained, not by the "
                        + "running ones the network predicts with, so the gradients would be wrong; explain a network "
                        + "without batch normalization");
            }
        }
        long k = output.getNOut();
        INDArray labels = Nd4j.zeros(inputs.dataType(), classes.length, k);
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= k) {
                throw new IllegalArgumentException("saliency: class " + classes[i] + " of row " + i + " is outside the "
                        + k + " outputs 0.." + (k - 1));
            }
            labels.putScalar(i, classes[i], 1.0);
        }
        return net.calculateGradients(inputs, labels, null, null).getSecond().dup();
    }

    /**
     * Integrated gradients (Sundararajan, Taly and Yan, 2017): each input's contribution to log P(class),
     * measured along the straight path from a {@code baseline} (e.g. a black image) to the input. The gradient
     * of log P(class) is averaged over {@code steps} points on the path (the midpoint rule) and multiplied by
     * how far each input is from its baseline. The contributions add up to
     * {@code log P(class | input) - log P(class | baseline)} (up to the error of the average, which more steps
     * shrink: {@link #logProbability} gives both ends to check it); positive ones pushed towards the class,
     * negative ones away. Unlike a plain gradient, an input that is the same as the baseline gets nothing.
     *
     * @param inputs   {@code [n, ...]} as the network takes them
     * @param classes  the class to explain for each row, e.g. the predicted one
     * @param baseline one row shaped like an input ({@code [1, ...]}), the "absence" to compare with; null for zeros
     * @param steps    points on the path, e.g. 64 (more for a closer sum)
     * @return an array shaped like {@code inputs}
     * @throws IllegalArgumentException as {@link #saliency} does, for {@code steps < 1}, or a baseline of another shape
     */
    public static INDArray integratedGradients(MultiLayerNetwork net, INDArray inputs, int[] classes, INDArray baseline,
                                               int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("integratedGradients: steps " + steps + " must be at least 1; 64 is usual");
        }
        long[] one = inputs.shape().clone();
        one[0] = 1;
        INDArray base = baseline == null ? Nd4j.zeros(inputs.dataType(), one) : baseline.castTo(inputs.dataType());
        if (!Arrays.equals(base.shape(), one)) {
            throw new IllegalArgumentException("integratedGradients: the baseline has shape " + Arrays.toString(base.shape())
                    + ", not one input's " + Arrays.toString(one) + "; e.g. Nd4j.zeros(" + Arrays.toString(one) + ")");
        }
        INDArray out = Nd4j.createUninitialized(inputs.dataType(), inputs.shape());
        long[] path = inputs.shape().clone();
        path[0] = steps;
        for (int i = 0; i < classes.length; i++) {
            INDArray x = row(inputs, i);
            INDArray difference = x.sub(base);
            INDArray points = Nd4j.createUninitialized(inputs.dataType(), path);
            for (int s = 0; s < steps; s++) {
                row(points, s).assign(base.add(difference.mul((s + 0.5) / steps)));
            }
            int[] same = new int[steps];
            Arrays.fill(same, classes[i]);
            INDArray meanGradient = logProbabilityGradient(net, points, same).mean(true, 0);
            row(out, i).assign(difference.muli(meanGradient));
        }
        return out;
    }

    /**
     * Grad-CAM maps (Selvaraju et al., 2017) of the network's last convolution layer; see
     * {@link #gradCam(MultiLayerNetwork, INDArray, int[], int)}.
     */
    public static INDArray gradCam(MultiLayerNetwork net, INDArray inputs, int[] classes) {
        return GradCam.maps(net, inputs, classes, GradCam.lastConvolution(net));
    }

    /**
     * Grad-CAM maps (Selvaraju et al., 2017): for each input row, where convolution layer {@code layer} saw
     * evidence for class {@code classes[i]}. Each feature map of the layer is weighted by the average gradient of
     * the class's score (the output layer's value before the softmax) over the map, the weighted maps are added,
     * and negative values are cut off. The maps have the layer's resolution (e.g. 8x8 for a 28x28 digit after two
     * convolutions and poolings); {@code Plots.gradCam} scales them up over the images. Coarse but
     * class-specific: the map for another class of the same image differs.
     *
     * @param layer the index of a convolution layer (its output must be {@code [n, channels, height, width]})
     * @return {@code [n, height, width]}, zero or positive
     * @throws IllegalArgumentException when the layer is not a convolution below the output layer, the last layer
     *                                  is not a dense {@code OutputLayer}, the classes do not match the rows or are
     *                                  out of range, or a batch normalization lies between the layer and the output
     */
    public static INDArray gradCam(MultiLayerNetwork net, INDArray inputs, int[] classes, int layer) {
        return GradCam.maps(net, inputs, classes, layer);
    }

    /**
     * Exact Shapley values of one prediction (Shapley 1953; SHAP, Lundberg and Lee 2017): each input's share of
     * {@code model(row)} minus the model's average over the {@code background} rows. A coalition of inputs is
     * valued as the model's mean output over the background with those inputs set to the row's values (the
     * others keep the background's); an input's value is its added value averaged over all coalitions, weighted
     * as Shapley defined. The values add up to the prediction minus the base value. Exact, so the cost is
     * {@code 2^inputs x background rows} model evaluations (in {@code 2^inputs} calls): up to 16 inputs.
     * The same definition as the Python shap package's exact explainer with an independent masker.
     *
     * @param model      rows of inputs to one output each, e.g. the probability of the positive class
     * @param background rows standing for "an input not known", e.g. 50 training rows
     * @param row        the prediction to explain
     * @throws IllegalArgumentException for no background, rows of other lengths, or more than 16 inputs
     */
    public static Shapley shapley(Function<double[][], double[]> model, double[][] background, double[] row) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < (row == null ? 0 : row.length); i++) {
            names.add("x" + i);
        }
        return shapley(model, background, row, names);
    }

    /**
     * Exact Shapley values with named inputs; inputs named {@code column=value} (one-hot encoded, as
     * {@code FittedPreprocessor.featureNames()} names them) count as the one input they come from, as in
     * {@link #permutationImportance}. Up to 16 such inputs; {@link #shapleySampled} estimates more.
     */
    public static Shapley shapley(Function<double[][], double[]> model, double[][] background, double[] row,
                                  List<String> featureNames) {
        Coalitions c = new Coalitions(model, background, row, featureNames);
        int m = c.groups.size();
        if (m > 16) {
            throw new IllegalArgumentException("shapley: " + m + " inputs need 2^" + m + " coalitions; exact values are "
                    + "for up to 16 inputs; estimate them with shapleySampled");
        }
        double[] value = new double[1 << m];   // v(S) for every coalition S, as a bit mask
        for (int s = 0; s < value.length; s++) {
            value[s] = c.value(s);
        }
        double[] weight = new double[m];   // |S|! (m - |S| - 1)! / m!
        for (int size = 0; size < m; size++) {
            weight[size] = Math.exp(logFactorial(size) + logFactorial(m - size - 1) - logFactorial(m));
        }
        double[] phi = new double[m];
        for (int s = 0; s < value.length; s++) {
            int size = Integer.bitCount(s);
            for (int i = 0; i < m; i++) {
                if ((s & (1 << i)) == 0) {
                    phi[i] += weight[size] * (value[s | (1 << i)] - value[s]);
                }
            }
        }
        return new Shapley(c.names(), value[0], phi, value[value.length - 1]);
    }

    /**
     * Shapley values estimated from {@code permutations} random orders of the inputs (Castro, Gómez and
     * Tejada, 2009): in each order the inputs join one by one, and each is credited with what its joining added.
     * The estimate is unbiased, its error shrinks as one over the square root of the permutations, and in
     * every order the credits add up to the prediction minus the base value, so the estimates do too. Costs
     * {@code permutations x inputs} model calls on the background; for any number of inputs. Seeded.
     *
     * @see #shapley(Function, double[][], double[], List)
     */
    public static Shapley shapleySampled(Function<double[][], double[]> model, double[][] background, double[] row,
                                         List<String> featureNames, int permutations, long seed) {
        if (permutations < 1) {
            throw new IllegalArgumentException("shapleySampled: permutations " + permutations + " must be at least 1, e.g. 100");
        }
        Coalitions c = new Coalitions(model, background, row, featureNames);
        int m = c.groups.size();
        if (m > 62) {
            throw new IllegalArgumentException("shapleySampled: " + m + " inputs; at most 62 can be sampled");
        }
        double base = c.value(0), full = c.value((1L << m) - 1);
        double[] phi = new double[m];
        Random random = new Random(seed);
        int[] order = new int[m];
        Arrays.setAll(order, i -> i);
        for (int p = 0; p < permutations; p++) {
            for (int i = m - 1; i > 0; i--) {
                int k = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[k];
                order[k] = swap;
            }
            long coalition = 0;
            double before = base;
            for (int step = 0; step < m; step++) {
                coalition |= 1L << order[step];
                double after = step == m - 1 ? full : c.value(coalition);
                phi[order[step]] += (after - before) / permutations;
                before = after;
            }
        }
        return new Shapley(c.names(), base, phi, full);
    }

    /**
     * A LIME explanation of one prediction (Ribeiro, Singh and Guestrin, 2016): a weighted linear model of the
     * model's outputs on {@code samples} perturbed copies of the row; see {@link Lime} for how the copies are drawn
     * and weighted (as the Python lime package's tabular explainer without discretization). Unlike Shapley values,
     * the weights are slopes (per standard deviation of a numeric input), not shares of the prediction, and they
     * describe the model near this row only. Seeded.
     *
     * @param training     the training rows (as the model takes them): the inputs' means, spreads and categories
     * @param featureNames one name per input; {@code column=value} inputs count as the one input they come from
     * @param samples      perturbed copies, e.g. 5000
     * @throws IllegalArgumentException for fewer than 2 training rows, rows of other lengths, or under 10 samples
     */
    public static Lime lime(Function<double[][], double[]> model, double[][] training, double[] row,
                            List<String> featureNames, int samples, long seed) {
        return Lime.explain(model, training, row, featureNames, samples, seed);
    }

    /** The inputs of one Shapley explanation, grouped, and the value of any coalition of groups. */
    private static final class Coalitions {
        private final Function<double[][], double[]> model;
        private final double[][] background;
        private final double[] row;
        private final Map<String, List<Integer>> groups = new LinkedHashMap<>();

        Coalitions(Function<double[][], double[]> model, double[][] background, double[] row, List<String> featureNames) {
            if (model == null || background == null || background.length == 0 || row == null) {
                throw new IllegalArgumentException("shapley: give the model, background rows (e.g. 50 training rows) and a "
                        + "row to explain");
            }
            for (double[] b : background) {
                if (b.length != row.length) {
                    throw new IllegalArgumentException("shapley: a background row has " + b.length + " inputs, the row "
                            + row.length);
                }
            }
            if (featureNames == null || featureNames.size() != row.length) {
                throw new IllegalArgumentException("shapley: " + (featureNames == null ? 0 : featureNames.size())
                        + " feature names for " + row.length + " inputs; pass FittedPreprocessor.featureNames()");
            }
            this.model = model;
            this.background = background;
            this.row = row;
            for (int j = 0; j < featureNames.size(); j++) {
                String name = featureNames.get(j);
                int eq = name.indexOf('=');
                groups.computeIfAbsent(eq > 0 ? name.substring(0, eq) : name, k -> new ArrayList<>()).add(j);
            }
        }

        List<String> names() {
            return List.copyOf(groups.keySet());
        }

        /** The model's mean output over the background with the coalition's inputs set to the row's. */
        double value(long coalition) {
            List<List<Integer>> members = new ArrayList<>(groups.values());
            double[][] masked = new double[background.length][];
            for (int b = 0; b < background.length; b++) {
                masked[b] = background[b].clone();
                for (int g = 0; g < members.size(); g++) {
                    if ((coalition & (1L << g)) != 0) {
                        for (int j : members.get(g)) {
                            masked[b][j] = row[j];
                        }
                    }
                }
            }
            double[] out = model.apply(masked);
            if (out == null || out.length != masked.length) {
                throw new IllegalArgumentException("shapley: the model gave " + (out == null ? 0 : out.length)
                        + " outputs for " + masked.length + " rows; give one output per row");
            }
            return Arrays.stream(out).average().orElse(Double.NaN);
        }
    }

    /**
     * The Shapley values of one prediction: {@code base + sum(values) == prediction}.
     *
     * @param inputs     the inputs' names, in the row's order (one-hot columns as the one input they come from)
     * @param base       the model's mean output over the background: the prediction before anything is known
     * @param values     one per input; positive ones pushed the prediction up
     * @param prediction the model's output for the row
     */
    public record Shapley(List<String> inputs, double base, double[] values, double prediction) {

        public Shapley {
            inputs = List.copyOf(inputs);
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        /** The values by input name, largest effect first, e.g. for a bar chart. */
        public Map<String, Double> named() {
            Map<String, Double> out = new LinkedHashMap<>();
            java.util.stream.IntStream.range(0, values.length).boxed()
                    .sorted(Comparator.comparingDouble(i -> -Math.abs(values[i])))
                    .forEach(i -> out.put(inputs.get(i), values[i]));
            return out;
        }
    }

    private static double logFactorial(int k) {
        double sum = 0;
        for (int i = 2; i <= k; i++) {
            sum += Math.log(i);
        }
        return sum;
    }

    /** log P(class) for each input row, as the network gives it (e.g. to check {@link #integratedGradients}' sums). */
    public static double[] logProbability(MultiLayerNetwork net, INDArray inputs, int[] classes) {
        INDArray probabilities = net.output(inputs, false);
        double[] out = new double[classes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log(probabilities.getDouble(i, classes[i]));
        }
        return out;
    }

    /** Row {@code i} of an array of any rank, as a view of shape {@code [1, ...]}. */
    private static INDArray row(INDArray array, long i) {
        org.nd4j.linalg.indexing.INDArrayIndex[] index = new org.nd4j.linalg.indexing.INDArrayIndex[array.rank()];
        index[0] = org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1);
        for (int d = 1; d < index.length; d++) {
            index[d] = org.nd4j.linalg.indexing.NDArrayIndex.all();
        }
        return array.get(index);
    }

    /**
     * Saliency maps as images for {@code Plots.images}: each row reshaped to {@code rows x cols} and
     * scaled to [0, 1] by its own maximum (a map that is all zero stays black).
     */
    public static double[][][] toImages(INDArray maps, int rows, int cols) {
        long n = maps.size(0);
        if (maps.length() != n * rows * cols) {
            throw new IllegalArgumentException("toImages: maps of shape " + Arrays.toString(maps.shape())
                    + " are not " + n + " images of " + rows + "x" + cols);
        }
        double[][] flat = maps.reshape(n, (long) rows * cols).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][][] out = new double[(int) n][rows][cols];
        for (int i = 0; i < n; i++) {
            double max = Arrays.stream(flat[i]).map(Math::abs).max().orElse(0);
            for (int p = 0; p < rows * cols; p++) {
                out[i][p / cols][p % cols] = max == 0 ? 0 : Math.abs(flat[i][p]) / max;
            }
        }
        return out;
    }
}
