package dlkit.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * What a classifier said about a data set, row by row: the true class, the predicted class and the
 * probability of every class, row-aligned with the data. Compute it once, then look at it many ways:
 * {@link ConfusionMatrix#of}, {@link ClassificationReport#of}, {@link Roc#of(Predictions, int)}, or a
 * subset of rows for a group audit ({@link #rows(int[])}).
 *
 * <p>Classes are indices {@code 0 .. k-1} into {@link #classes()}. Unless set by {@link #withThreshold},
 * the predicted class of a row is the class with the highest probability; on a tie, the lowest class
 * index wins (as {@code argmax} in NumPy and ND4J).
 *
 * <p>Immutable: arrays are copied in and out.
 */
public final class Predictions {

    /**
     * How far a probability may stray outside [0, 1], and a row's probabilities from summing to 1, by
     * rounding: a float32 softmax misses 1 by far less.
     */
    static final double TOLERANCE = 1e-3;

    private final int[] truth;
    private final int[] predicted;
    private final double[][] probabilities;
    private final List<String> classes;

    private Predictions(int[] truth, int[] predicted, double[][] probabilities, List<String> classes) {
        this.truth = truth;
        this.predicted = predicted;
        this.probabilities = probabilities;
        this.classes = classes;
    }

    /**
     * Predictions from true class indices and one probability per class for each row; the predicted
     * class is the most probable one (on a tie, the lowest class index).
     *
     * @param truth         the true class of each row, {@code 0 .. classes.size()-1}
     * @param probabilities one row per example, one column per class (e.g. a softmax output): each in
     *                      [0, 1], each row summing to 1 (within {@value #TOLERANCE})
     * @param classes       the class names, in label order; at least two, no duplicates
     * @throws IllegalArgumentException when the input is empty, the lengths differ, a label is out of
     *                                  range, a row has the wrong number of probabilities, holds NaN or a
     *                                  value outside [0, 1], or does not sum to 1
     */
    public static Predictions of(int[] truth, double[][] probabilities, List<String> classes) {
        List<String> names = checkClasses(classes);
        if (truth == null || probabilities == null) {
            throw new IllegalArgumentException("Predictions.of: truth and probabilities must not be null");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("Predictions.of: no examples (truth is empty); evaluate on a data set"
                    + " with at least one row");
        }
        if (truth.length != probabilities.length) {
            throw new IllegalArgumentException("Predictions.of: truth has " + truth.length + " rows but probabilities has "
                    + probabilities.length + "; give one row of probabilities per example, in the same order");
        }
        int k = names.size();
        double[][] p = new double[truth.length][];
        for (int row = 0; row < truth.length; row++) {
            checkLabel(row, truth[row], names);
            double[] r = probabilities[row];
            if (r == null || r.length != k) {
                throw new IllegalArgumentException("Predictions.of: row " + row + " has " + (r == null ? 0 : r.length)
                        + " probabilities for " + k + " classes " + names + "; give one column per class"
                        + (r != null && r.length == 1 && k == 2 ? " (for one sigmoid output, use Predictions.from)" : ""));
            }
            checkProbabilities(row, r, names);
            p[row] = r.clone();
        }
        int[] predicted = new int[p.length];
        for (int row = 0; row < p.length; row++) {
            predicted[row] = argmax(p[row]);
        }
        return new Predictions(truth.clone(), predicted, p, names);
    }

    /** Refuses a row that is not a probability distribution over the classes: NaN, outside [0, 1], or not summing to 1. */
    private static void checkProbabilities(int row, double[] r, List<String> classes) {
        double sum = 0;
        for (int c = 0; c < r.length; c++) {
            if (Double.isNaN(r[c])) {
                throw new IllegalArgumentException("Predictions.of: the probabilities of row " + row + " are NaN (class "
                        + c + " '" + classes.get(c) + "'); the network's output is not a number, which usually means"
                        + " training diverged: lower the learning rate, or check the inputs for NaN");
            }
            if (r[c] < -TOLERANCE || r[c] > 1 + TOLERANCE) {
                throw new IllegalArgumentException("Predictions.of: row " + row + " gives class " + c + " '" + classes.get(c)
                        + "' the probability " + r[c] + ", outside [0, 1]; pass probabilities, e.g. the output of a"
                        + " softmax output layer (Activation.SOFTMAX), not raw scores (logits)");
            }
            sum += r[c];
        }
        if (Math.abs(sum - 1) > TOLERANCE) {
            throw new IllegalArgumentException("Predictions.of: the probabilities of row " + row + " sum to "
                    + Math.round(sum * 1e6) / 1e6 + ", not 1" + (r.length <= 10 ? " " + Arrays.toString(r) : "")
                    + "; the classes must share a probability of 1, as the output of a"
                    + " softmax output layer (Activation.SOFTMAX) does" + (r.length == 2
                    ? " (for one sigmoid output, pass its column to Predictions.from)" : ""));
        }
    }

    /**
     * Predictions from ND4J arrays, as a network and a {@code DataSet} give them.
     *
     * <p>Labels are either one-hot ({@code [n, k]}) or class indices ({@code [n]} or {@code [n, 1]}).
     * Outputs are probabilities {@code [n, k]}; a binary network with one sigmoid output ({@code [n, 1]}
     * or {@code [n]}, with two classes) gives P(class 1), and P(class 0) = 1 - P(class 1).
     *
     * @throws IllegalArgumentException when the shapes do not fit each other or the classes, a label is
     *                                  not a class index or not one-hot, or an output is NaN or not a
     *                                  probability (see {@link #of(int[], double[][], List)})
     */
    public static Predictions from(INDArray labels, INDArray outputs, List<String> classes) {
        List<String> names = checkClasses(classes);
        if (labels == null || outputs == null) {
            throw new IllegalArgumentException("Predictions.from: labels and outputs must not be null");
        }
        return of(labelsToIndices(labels, names, 0), outputsToProbabilities(outputs, names, 0), names);
    }

    /**
     * Runs {@code net} over {@code data} (reset first, in inference mode) and collects its predictions,
     * in the iterator's row order. An iterator that cannot be reset is read from where it stands.
     *
     * @throws IllegalArgumentException when the data are empty or the outputs do not fit the classes
     */
    public static Predictions of(MultiLayerNetwork net, DataSetIterator data, List<String> classes) {
        if (net == null) {
            throw new IllegalArgumentException("Predictions.of: the network is null; pass a MultiLayerNetwork after init()");
        }
        return collect(data, classes, features -> net.output(features, false));
    }

    /**
     * Runs {@code graph} (one input, one output) over {@code data} (reset first, in inference mode) and
     * collects its predictions, in the iterator's row order.
     *
     * @throws IllegalArgumentException when the graph has more than one output, the data are empty or
     *                                  the outputs do not fit the classes
     */
    public static Predictions of(ComputationGraph graph, DataSetIterator data, List<String> classes) {
        if (graph == null) {
            throw new IllegalArgumentException("Predictions.of: the graph is null; pass a ComputationGraph after init()");
        }
        int outputs = graph.getConfiguration().getNetworkOutputs().size();
        if (outputs != 1) {
            throw new IllegalArgumentException("Predictions.of: the graph has " + outputs + " outputs "
                    + graph.getConfiguration().getNetworkOutputs() + "; Predictions needs a graph with exactly one");
        }
        return collect(data, classes, features -> graph.outputSingle(false, features));
    }

    private interface Model {
        INDArray output(INDArray features);
    }

    private static Predictions collect(DataSetIterator data, List<String> classes, Model model) {
        List<String> names = checkClasses(classes);
        if (data == null) {
            throw new IllegalArgumentException("Predictions.of: the data iterator is null");
        }
        if (data.resetSupported()) {
            data.reset();
        }
        List<int[]> truths = new ArrayList<>();
        List<double[][]> probs = new ArrayList<>();
        int rows = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            if (batch.getFeatures() == null || batch.getLabels() == null) {
                throw new IllegalArgumentException("Predictions.of: a batch of the iterator has no "
                        + (batch.getFeatures() == null ? "features" : "labels") + "; evaluate on labelled data");
            }
            int[] t = labelsToIndices(batch.getLabels(), names, rows);
            double[][] p = outputsToProbabilities(model.output(batch.getFeatures()), names, rows);
            if (t.length != p.length) {
                throw new IllegalArgumentException("Predictions.of: a batch has " + t.length + " labels but the model gave "
                        + p.length + " outputs; the model must give one output row per example");
            }
            truths.add(t);
            probs.add(p);
            rows += t.length;
        }
        if (rows == 0) {
            throw new IllegalArgumentException("Predictions.of: the iterator gave no examples"
                    + (data.resetSupported() ? "" : " (it cannot be reset; pass a fresh iterator)"));
        }
        int[] truth = new int[rows];
        double[][] probabilities = new double[rows][];
        int at = 0;
        for (int b = 0; b < truths.size(); b++) {
            System.arraycopy(truths.get(b), 0, truth, at, truths.get(b).length);
            System.arraycopy(probs.get(b), 0, probabilities, at, probs.get(b).length);
            at += truths.get(b).length;
        }
        return of(truth, probabilities, names);
    }

    /** Labels as class indices: one-hot rows by their 1, index columns by their value. */
    private static int[] labelsToIndices(INDArray labels, List<String> classes, int firstRow) {
        int k = classes.size();
        if (labels.rank() > 2) {
            throw new IllegalArgumentException("Predictions: labels have shape " + Arrays.toString(labels.shape())
                    + "; give one label per example, [n] class indices or [n, " + k + "] one-hot"
                    + " (for sequences, reshape time steps into rows first)");
        }
        if (labels.rank() <= 1 || labels.columns() == 1) {
            double[] values = labels.reshape(labels.length()).toDoubleVector();
            int[] indices = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (Double.isNaN(v) || v != Math.rint(v)) {
                    throw new IllegalArgumentException("Predictions: the label of row " + (firstRow + i) + " is " + v
                            + ", not a class index; labels are 0.." + (k - 1) + " for classes " + classes);
                }
                indices[i] = checkLabel(firstRow + i, v, classes);
            }
            return indices;
        }
        if (labels.columns() != k) {
            throw new IllegalArgumentException("Predictions: labels have " + labels.columns() + " columns (shape "
                    + Arrays.toString(labels.shape()) + ") for " + k + " classes " + classes
                    + "; give one-hot labels with one column per class, or one column of class indices");
        }
        double[][] rows = labels.toDoubleMatrix();
        int[] indices = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int hot = -1;
            for (int c = 0; c < k; c++) {
                double v = rows[i][c];
                if (v == 1.0 && hot < 0) {
                    hot = c;
                } else if (v != 0.0) {
                    hot = -2;
                    break;
                }
            }
            if (hot < 0) {
                throw new IllegalArgumentException("Predictions: the label of row " + (firstRow + i) + " is "
                        + Arrays.toString(rows[i]) + ", not one-hot; each label row needs exactly one 1 and "
                        + (k - 1) + " zeros");
            }
            indices[i] = hot;
        }
        return indices;
    }

    /**
     * Outputs as probabilities per class; one sigmoid column with two classes becomes [1 - p, p], once p
     * is known to be a probability.
     */
    private static double[][] outputsToProbabilities(INDArray outputs, List<String> classes, int firstRow) {
        int k = classes.size();
        if (outputs.rank() > 2) {
            throw new IllegalArgumentException("Predictions: outputs have shape " + Arrays.toString(outputs.shape())
                    + "; give one output row per example, [n, " + k + "]"
                    + " (for sequences, reshape time steps into rows first)");
        }
        boolean oneColumn = outputs.rank() <= 1 || outputs.columns() == 1;
        if (oneColumn && k == 2) {
            double[] p1 = outputs.reshape(outputs.length()).toDoubleVector();
            double[][] p = new double[p1.length][];
            for (int i = 0; i < p1.length; i++) {
                if (p1[i] < -TOLERANCE || p1[i] > 1 + TOLERANCE) {
                    throw new IllegalArgumentException("Predictions: the output of row " + (firstRow + i) + " is " + p1[i]
                            + ", not a probability in [0, 1]; one output unit for two classes must be a sigmoid"
                            + " (Activation.SIGMOID) that gives P('" + classes.get(1) + "')");
                }
                p[i] = new double[]{1.0 - p1[i], p1[i]};
            }
            return p;
        }
        if (oneColumn || outputs.columns() != k) {
            throw new IllegalArgumentException("Predictions: outputs have shape " + Arrays.toString(outputs.shape())
                    + " for " + k + " classes " + classes + "; the output layer needs one unit per class ("
                    + k + "), or one sigmoid unit for two classes");
        }
        return outputs.toDoubleMatrix();
    }

    private static List<String> checkClasses(List<String> classes) {
        if (classes == null || classes.size() < 2) {
            throw new IllegalArgumentException("Predictions: classes are " + classes
                    + "; give the names of at least two classes, in label order, e.g. List.of(\"no\", \"yes\")");
        }
        Set<String> seen = new HashSet<>();
        for (String name : classes) {
            if (name == null) {
                throw new IllegalArgumentException("Predictions: a class name is null in " + classes + "; name every class");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("Predictions: the class name '" + name + "' appears twice in "
                        + classes + "; class names must be distinct");
            }
        }
        return List.copyOf(classes);
    }

    private static int checkLabel(int row, double label, List<String> classes) {
        if (label < 0 || label >= classes.size()) {
            throw new IllegalArgumentException("Predictions: row " + row + " has label "
                    + (label == Math.rint(label) ? String.valueOf((long) label) : String.valueOf(label))
                    + ", outside the " + classes.size() + " classes " + classes + "; labels must be 0.."
                    + (classes.size() - 1) + " (is the class list complete?)");
        }
        return (int) label;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** The true class index of each row. */
    public int[] truth() {
        return truth.clone();
    }

    /** The predicted class index of each row. */
    public int[] predicted() {
        return predicted.clone();
    }

    /** The probability of each class for each row, {@code [size()][classes().size()]}. */
    public double[][] probabilities() {
        double[][] copy = new double[probabilities.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = probabilities[i].clone();
        }
        return copy;
    }

    /**
     * The probability of one class for every row: the scores for a ROC curve of that class.
     *
     * @throws IllegalArgumentException when the class index is out of range
     */
    public double[] probabilities(int classIndex) {
        checkClass(classIndex);
        double[] column = new double[probabilities.length];
        for (int i = 0; i < column.length; i++) {
            column[i] = probabilities[i][classIndex];
        }
        return column;
    }

    /** The class names, in label order. */
    public List<String> classes() {
        return classes;
    }

    /** The number of rows. */
    public int size() {
        return truth.length;
    }

    /** The fraction of rows whose predicted class is the true one. */
    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == predicted[i]) {
                correct++;
            }
        }
        return (double) correct / truth.length;
    }

    /**
     * The probability the model gave class {@code classIndex} in row {@code row}.
     *
     * @throws IllegalArgumentException when the row or the class is out of range
     */
    public double probability(int row, int classIndex) {
        checkRow(row);
        checkClass(classIndex);
        return probabilities[row][classIndex];
    }

    /** The rows whose predicted class differs from the true one, in increasing order. */
    public int[] misclassified() {
        int[] rows = new int[truth.length];
        int n = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] != predicted[i]) {
                rows[n++] = i;
            }
        }
        return Arrays.copyOf(rows, n);
    }

    /**
     * The predictions of some rows only, in the order given (e.g. one group of a fairness audit). The
     * predicted classes are kept as they are, thresholds included.
     *
     * @throws IllegalArgumentException when no index is given or one is out of range
     */
    public Predictions rows(int[] indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("rows(...): no row indices given; pass at least one index in 0.."
                    + (size() - 1));
        }
        int[] t = new int[indices.length];
        int[] p = new int[indices.length];
        double[][] probs = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            int row = indices[i];
            checkRow(row);
            t[i] = truth[row];
            p[i] = predicted[row];
            probs[i] = probabilities[row].clone();
        }
        return new Predictions(t, p, probs, classes);
    }

    /**
     * For two classes: class 1 is predicted when its probability is at least {@code threshold}. A lower
     * threshold finds more of class 1 (recall up) at the price of more false alarms (precision down).
     *
     * @param threshold in [0, 1]; 0.5 is the usual default
     * @throws IllegalArgumentException when there are more than two classes or the threshold is outside [0, 1]
     */
    public Predictions withThreshold(double threshold) {
        if (classes.size() != 2) {
            throw new IllegalArgumentException("withThreshold(" + threshold + "): a threshold needs two classes, but there are "
                    + classes.size() + " " + classes + "; for more classes the most probable one is predicted,"
                    + " or use Roc.oneVsRest(...) to compare classes");
        }
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("withThreshold(" + threshold + "): the threshold is a probability; pass a"
                    + " value in [0, 1], e.g. 0.5");
        }
        int[] p = new int[truth.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = probabilities[i][1] >= threshold ? 1 : 0;
        }
        return new Predictions(truth, p, probabilities, classes);
    }

    /**
     * The same rows with other predicted classes, e.g. decided by a threshold per group
     * ({@code dlkit.ethics.GroupThresholds}) or by a rule; truth and probabilities are kept.
     *
     * @param predicted one class index per row, {@code 0 .. classes().size()-1}
     * @throws IllegalArgumentException when the length differs from {@link #size()} or a class is out of range
     */
    public Predictions withPredicted(int[] predicted) {
        if (predicted == null || predicted.length != truth.length) {
            throw new IllegalArgumentException("withPredicted: " + (predicted == null ? "null" : predicted.length
                    + " predicted classes") + " for " + truth.length + " rows; give one class index per row, in the same order");
        }
        for (int row = 0; row < predicted.length; row++) {
            if (predicted[row] < 0 || predicted[row] >= classes.size()) {
                throw new IllegalArgumentException("withPredicted: row " + row + " has class " + predicted[row]
                        + ", outside the classes " + classes + " (0.." + (classes.size() - 1) + ")");
            }
        }
        return new Predictions(truth, predicted.clone(), probabilities, classes);
    }

    private void checkRow(int row) {
        if (row < 0 || row >= truth.length) {
            throw new IllegalArgumentException("row " + row + " is out of range; there are " + truth.length
                    + " rows, 0.." + (truth.length - 1));
        }
    }

    void checkClass(int classIndex) {
        if (classIndex < 0 || classIndex >= classes.size()) {
            throw new IllegalArgumentException("class index " + classIndex + " is out of range; the classes are "
                    + classes + ", 0.." + (classes.size() - 1));
        }
    }

    /** Package access without copies, for the reports. */
    int truthAt(int row) {
        return truth[row];
    }

    int predictedAt(int row) {
        return predicted[row];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Predictions other && Arrays.equals(truth, other.truth)
                && Arrays.equals(predicted, other.predicted) && Arrays.deepEquals(probabilities, other.probabilities)
                && classes.equals(other.classes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(truth) + Arrays.hashCode(predicted)) + classes.hashCode();
    }

    /** A one-line summary: rows, classes and accuracy. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Predictions: %d rows, %d classes %s, accuracy %.4f, %d misclassified",
                size(), classes.size(), classes, accuracy(), misclassified().length);
    }
}
