package dlkit.ethics;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import tech.tablesaw.api.Table;

/**
 * A mitigation before training (Kamiran and Calders, 2012): weigh every training row by
 * {@code P(group) · P(label) / P(group, label)}, the weight that makes group and label independent in the
 * weighted data. Combinations that are rarer than independence predicts (e.g. young applicants with good
 * credit) weigh more, common ones less. DL4J's {@code fit} has no per-row weights, so
 * {@link #resample} draws a training table of the same size with rows chosen in proportion to their
 * weights, which a network then trains on as usual.
 */
public final class Reweighing {

    private Reweighing() {
    }

    /**
     * The weight of every row of {@code data}.
     *
     * @param label     the target column
     * @param sensitive one or more sensitive columns (several form combined groups)
     * @throws IllegalArgumentException for an empty table or an unknown column (the message lists them)
     */
    public static double[] weights(Table data, String label, String... sensitive) {
        if (data == null || data.rowCount() == 0) {
            throw new IllegalArgumentException("Reweighing.weights: the table is empty; pass the training table");
        }
        String[] groups = FairnessAudit.groupsOf(data, sensitive);
        String[] labels = FairnessAudit.groupsOf(data, label);
        int n = groups.length;
        Map<String, Integer> g = new HashMap<>();
        Map<String, Integer> y = new HashMap<>();
        Map<String, Integer> gy = new HashMap<>();
        for (int i = 0; i < n; i++) {
            g.merge(groups[i], 1, Integer::sum);
            y.merge(labels[i], 1, Integer::sum);
            gy.merge(groups[i] + "\u0000" + labels[i], 1, Integer::sum);
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double pg = g.get(groups[i]) / (double) n;
            double py = y.get(labels[i]) / (double) n;
            double pgy = gy.get(groups[i] + "\u0000" + labels[i]) / (double) n;
            w[i] = pg * py / pgy;
        }
        return w;
    }

    /**
     * A table as large as {@code data}, its rows drawn with replacement in proportion to
     * {@link #weights}; seeded, so the same seed gives the same rows.
     */
    public static Table resample(Table data, String label, long seed, String... sensitive) {
        double[] w = weights(data, label, sensitive);
        double[] cumulative = new double[w.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i];
            cumulative[i] = sum;
        }
        Random random = new Random(seed);
        int[] rows = new int[w.length];
        for (int i = 0; i < rows.length; i++) {
            int at = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * sum);
            rows[i] = Math.min(at < 0 ? -at - 1 : at, w.length - 1);
        }
        Table copy = data.emptyCopy(rows.length);
        data.copyRowsToTable(rows, copy);
        copy.setName(data.name() + " (reweighed)");
        return copy;
    }
}
