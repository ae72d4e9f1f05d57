package dlkit.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A binary ROC curve and the area under it (AUC): how well a score separates positives from negatives,
 * at every threshold at once. Each point is (false positive rate, true positive rate) when everything
 * scoring at least the threshold is called positive.
 *
 * <p>Computed as scikit-learn's {@code roc_curve(..., drop_intermediate=False)}: one point per distinct
 * score, from the highest down (equal scores form one group, so ties give one diagonal step), preceded
 * by the point (0, 0) whose threshold is {@code +Infinity}. The AUC is the trapezoid area under those
 * points, as {@code roc_auc_score}: 1 for a perfect ranking, 0.5 for a random one.
 */
public final class Roc {

    private final String name;
    private final double[] fpr;
    private final double[] tpr;
    private final double[] thresholds;
    private final double auc;

    private Roc(String name, double[] fpr, double[] tpr, double[] thresholds, double auc) {
        this.name = name;
        this.fpr = fpr;
        this.tpr = tpr;
        this.thresholds = thresholds;
        this.auc = auc;
    }

    /**
     * The ROC curves of every class against the rest, and their macro-average AUC (the plain mean, as
     * {@code roc_auc_score(multi_class="ovr", average="macro")}).
     *
     * @param curves   one curve per class, in label order, each named by its class
     * @param macroAuc the mean of the curves' AUCs
     */
    public record OneVsRest(List<Roc> curves, double macroAuc) {

        /** Copies the list. */
        public OneVsRest {
            curves = List.copyOf(curves);
        }

        /**
         * The curve of the class called {@code className}.
         *
         * @throws IllegalArgumentException when there is no such class
         */
        public Roc get(String className) {
            for (Roc curve : curves) {
                if (curve.name().equals(className)) {
                    return curve;
                }
            }
            throw new IllegalArgumentException("OneVsRest: no class '" + className + "'; the classes are "
                    + curves.stream().map(Roc::name).toList());
        }

        /** One line per class with its AUC, then the macro average. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("ROC one-vs-rest\n");
            for (Roc curve : curves) {
                s.append(String.format(Locale.ROOT, "  %s: AUC %.4f\n", curve.name(), curve.auc()));
            }
            return s.append(String.format(Locale.ROOT, "  macro average AUC %.4f", macroAuc)).toString();
        }
    }

    /**
     * The ROC curve of one class of {@code predictions} against all others, scored by its probability.
     * The curve is named after the class.
     *
     * @throws IllegalArgumentException when the class index is out of range, or the truth holds only
     *                                  the positive class or none of it (the AUC is undefined then)
     */
    public static Roc of(Predictions predictions, int positiveClass) {
        predictions.checkClass(positiveClass);
        int[] truth = predictions.truth();
        int[] binary = new int[truth.length];
        int positives = 0;
        for (int i = 0; i < truth.length; i++) {
            binary[i] = truth[i] == positiveClass ? 1 : 0;
            positives += binary[i];
        }
        String positive = predictions.classes().get(positiveClass);
        if (positives == 0) {
            throw new IllegalArgumentException("Roc: the positive class '" + positive + "' (" + positiveClass
                    + ") never occurs in the truth, so its ROC curve and AUC are undefined; evaluate on data"
                    + " that holds examples of '" + positive + "' and of other classes");
        }
        if (positives == truth.length) {
            throw new IllegalArgumentException("Roc: the truth holds only class '" + positive + "' (" + positiveClass
                    + "), so the AUC is undefined (there are no negatives); evaluate on data that holds more"
                    + " than one class");
        }
        return curve(positive, binary, predictions.probabilities(positiveClass));
    }

    /**
     * The ROC curve of scores against a 0/1 truth (1 = positive), named "positive".
     *
     * @param binaryTruth 0 or 1 per example
     * @param scores      any finite score per example, higher meaning "more likely positive" (e.g. a
     *                      probability, or a reconstruction error)
     * @throws IllegalArgumentException when the input is empty, the scores are missing, the lengths differ,
     *                                  a label is not 0 or 1, a score is NaN or infinite, or only one class
     *                                  occurs (the AUC is undefined then)
     */
    public static Roc of(int[] binaryTruth, double[] scores) {
        if (binaryTruth != null && scores == null) {
            throw new IllegalArgumentException("Roc.of: the scores are missing (null); give one score per example, in"
                    + " the order of the truth, e.g. predictions.probabilities(1)");
        }
        if (binaryTruth == null || binaryTruth.length == 0) {
            throw new IllegalArgumentException("Roc.of: no examples (truth is "
                    + (binaryTruth == null ? "null" : "empty") + "); give at least one positive and one negative");
        }
        if (binaryTruth.length != scores.length) {
            throw new IllegalArgumentException("Roc.of: truth has " + binaryTruth.length + " values but scores has "
                    + scores.length + "; give one score per example, in the same order");
        }
        int positives = 0;
        for (int i = 0; i < binaryTruth.length; i++) {
            if (binaryTruth[i] != 0 && binaryTruth[i] != 1) {
                throw new IllegalArgumentException("Roc.of: truth[" + i + "] is " + binaryTruth[i]
                        + "; a binary truth holds 0 (negative) or 1 (positive); for more classes use"
                        + " Roc.of(predictions, positiveClass) or Roc.oneVsRest(predictions)");
            }
            positives += binaryTruth[i];
        }
        if (positives == 0 || positives == binaryTruth.length) {
            int present = positives == 0 ? 0 : 1;
            throw new IllegalArgumentException("Roc.of: the truth holds only class " + present
                    + (present == 1 ? " (positive)" : " (negative)") + ", so the AUC is undefined; evaluate on data"
                    + " that holds both 0 and 1");
        }
        return curve("positive", binaryTruth.clone(), scores);
    }

    /**
     * The ROC curve of every class against the rest, each scored by its own probability, and the
     * macro-average AUC.
     *
     * @throws IllegalArgumentException when a class never occurs in the truth (its AUC is undefined)
     */
    public static OneVsRest oneVsRest(Predictions predictions) {
        int[] support = new int[predictions.classes().size()];
        for (int t : predictions.truth()) {
            support[t]++;
        }
        for (int c = 0; c < support.length; c++) {
            if (support[c] == 0) {
                throw new IllegalArgumentException("Roc.oneVsRest: class '" + predictions.classes().get(c) + "' (" + c
                        + ") never occurs in the truth, so its AUC is undefined; evaluate on data that holds every"
                        + " class, or use Roc.of(predictions, c) for the classes present");
            }
        }
        List<Roc> curves = new ArrayList<>(support.length);
        double sum = 0;
        for (int c = 0; c < support.length; c++) {
            Roc curve = of(predictions, c);
            curves.add(curve);
            sum += curve.auc();
        }
        return new OneVsRest(curves, sum / support.length);
    }

    /** The curve of checked input: both classes present, scores as long as the truth. */
    private static Roc curve(String name, int[] truth, double[] scores) {
        int n = truth.length;
        checkFinite(scores);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double[] tps = new double[n + 1];
        double[] fps = new double[n + 1];
        double[] thresholds = new double[n + 1];
        thresholds[0] = Double.POSITIVE_INFINITY;
        int points = 1;
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < n; i++) {
            int row = order[i];
            if (truth[row] == 1) {
                tp++;
            } else {
                fp++;
            }
            // One point per distinct score: only after the last example of a group of equal scores.
            if (i == n - 1 || scores[order[i + 1]] != scores[row]) {
                tps[points] = tp;
                fps[points] = fp;
                thresholds[points] = scores[row];
                points++;
            }
        }
        double[] fpr = new double[points];
        double[] tpr = new double[points];
        for (int i = 0; i < points; i++) {
            fpr[i] = fps[i] / fp;
            tpr[i] = tps[i] / tp;
        }
        double area = 0;
        for (int i = 1; i < points; i++) {
            area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2.0;
        }
        return new Roc(name, fpr, tpr, Arrays.copyOf(thresholds, points), area);
    }

    /** Refuses NaN and infinite scores: they cannot be ranked against the others. */
    private static void checkFinite(double[] scores) {
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("Roc: the score of example " + i + " is NaN; the model's output is"
                        + " not a number, which usually means training diverged: lower the learning rate");
            }
            if (Double.isInfinite(scores[i])) {
                throw new IllegalArgumentException("Roc: the score of example " + i + " is " + scores[i] + "; scores must"
                        + " be finite numbers to be ranked: check how they were computed (an overflow, a division by"
                        + " zero, the log of 0)");
            }
        }
    }

    /** The same curve under another name, e.g. for a chart's legend ("model A"). */
    public Roc named(String newName) {
        if (newName == null || newName.isBlank()) {
            throw new IllegalArgumentException("Roc.named: the name is blank; give the name the legend should show");
        }
        return new Roc(newName, fpr, tpr, thresholds, auc);
    }

    /** What the curve is of: the positive class's name, "positive", or a name given by {@link #named}. */
    public String name() {
        return name;
    }

    /** The false positive rate at each point: the share of negatives called positive. Starts at 0, ends at 1. */
    public double[] fpr() {
        return fpr.clone();
    }

    /** The true positive rate (recall) at each point: the share of positives found. Starts at 0, ends at 1. */
    public double[] tpr() {
        return tpr.clone();
    }

    /**
     * The threshold of each point, decreasing: examples scoring at least this are called positive. The
     * first is {@code +Infinity} (nothing is called positive), the others are the distinct scores.
     */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** The area under the curve, in [0, 1]. */
    public double auc() {
        return auc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Roc other && name.equals(other.name) && Arrays.equals(fpr, other.fpr)
                && Arrays.equals(tpr, other.tpr) && Arrays.equals(thresholds, other.thresholds);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(fpr);
    }

    /** E.g. {@code ROC dog: AUC 0.9123, 57 points}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ROC %s: AUC %.4f, %d points", name, auc, fpr.length);
    }
}
