package dlkit.train;

import java.util.Map;
import java.util.TreeMap;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * The classes that occur in a classifier's training labels, counted batch by batch as the first epoch
 * runs (a separate pass would change the order a shuffling iterator gives). A classifier whose labels
 * hold one class only learns nothing; {@link #oneClass()} says so once the epoch is over.
 *
 * <p>Labels are classes when the output layer's loss says so and the labels are exact: one-hot rows for
 * a softmax cross-entropy, 0 or 1 in one column for a sigmoid cross-entropy, whole numbers for a sparse
 * cross-entropy. Anything else (a regression, soft or multi-label targets, sequences) is not counted.
 * Counting stops as soon as two classes have been seen.
 */
final class LabelClasses {

    private enum Kind { ONE_HOT, ZERO_ONE, INDEX, NONE }

    private final Kind kind;
    private final Map<Integer, Long> rows = new TreeMap<>();
    private long columns;
    private boolean settled;

    private LabelClasses(Kind kind) {
        this.kind = kind;
        this.settled = kind == Kind.NONE;
    }

    /** Counts the classes of a network with this architecture. */
    static LabelClasses of(Architecture network) {
        ILossFunction loss = network.loss();
        if (loss instanceof LossSparseMCXENT) {
            return new LabelClasses(Kind.INDEX);
        }
        if (loss instanceof LossMCXENT) {
            return new LabelClasses(Kind.ONE_HOT);
        }
        return new LabelClasses(loss instanceof LossBinaryXENT ? Kind.ZERO_ONE : Kind.NONE);
    }

    /** Counts the rows of one batch of labels, until two classes have been seen. */
    void add(INDArray labels) {
        if (settled) {
            return;
        }
        if (labels == null || labels.rank() != 2 || (kind != Kind.ONE_HOT && labels.columns() != 1)) {
            settled = true;
            return;
        }
        columns = labels.columns();
        for (double[] row : labels.toDoubleMatrix()) {
            int label = classOf(row);
            if (label < 0) {
                settled = true;
                return;
            }
            rows.merge(label, 1L, Long::sum);
        }
        settled = rows.size() > 1;
    }

    /** The class of one label row, or -1 when the row is not an exact class label. */
    private int classOf(double[] row) {
        if (kind != Kind.ONE_HOT) {
            double v = row[0];
            boolean valid = kind == Kind.ZERO_ONE ? v == 0 || v == 1 : v >= 0 && v == Math.rint(v);
            return valid ? (int) v : -1;
        }
        int hot = -1;
        for (int c = 0; c < row.length; c++) {
            if (row[c] == 1 && hot < 0) {
                hot = c;
            } else if (row[c] != 0) {
                return -1;
            }
        }
        return hot;
    }

    /**
     * What is wrong when every label counted is of one class, or null when at least two occur or the
     * labels are not class labels.
     */
    String oneClass() {
        if (settled || rows.size() != 1) {
            return null;
        }
        int label = rows.keySet().iterator().next();
        String which = switch (kind) {
            case ONE_HOT -> "class " + label + " (a 1 in column " + label + " of " + columns + ")";
            case ZERO_ONE -> label + (label == 1 ? " (every row positive)" : " (every row negative)");
            default -> "class " + label;
        };
        return "Learner.fit: every one of the " + rows.get(label) + " training rows has the label " + which
                + ": a classifier cannot learn from one class. Check that the target column is the one you meant"
                + " and that the training part holds every class (Split.stratified keeps the classes' shares in"
                + " every part)";
    }
}
