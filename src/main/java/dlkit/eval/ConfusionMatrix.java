package dlkit.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dlkit.notebook.Html;

/**
 * How often each true class was predicted as each class: {@code counts[truth][predicted]}, rows are
 * the true classes, columns the predicted ones. The diagonal holds the correct predictions; everything
 * off it is a mistake, and {@link #mostConfused(int)} lists the biggest ones.
 *
 * <p>Shows itself as a table in a notebook; {@code EvalCharts.confusionMatrix} draws it as a heatmap.
 *
 * @param counts  {@code k x k} non-negative counts, rows = true class, columns = predicted class
 * @param classes the {@code k} class names, in label order
 */
public record ConfusionMatrix(int[][] counts, List<String> classes) implements Html {

    /**
     * One kind of mistake: examples of class {@code truth} predicted as {@code predicted}, {@code count}
     * times.
     */
    public record Confusion(int truth, int predicted, String truthClass, String predictedClass, int count) {
        /** E.g. {@code Shirt -> T-shirt/top: 112}. */
        @Override
        public String toString() {
            return truthClass + " -> " + predictedClass + ": " + count;
        }
    }

    /**
     * Checks and copies the counts.
     *
     * @throws IllegalArgumentException when the counts are not square, do not match the classes, or
     *                                  one is negative
     */
    public ConfusionMatrix {
        if (classes == null || classes.isEmpty()) {
            throw new IllegalArgumentException("ConfusionMatrix: classes are " + classes + "; give the class names in label order");
        }
        classes = List.copyOf(classes);
        int k = classes.size();
        if (counts == null || counts.length != k) {
            throw new IllegalArgumentException("ConfusionMatrix: counts have " + (counts == null ? 0 : counts.length)
                    + " rows for " + k + " classes " + classes + "; give a " + k + " x " + k + " table");
        }
        int[][] copy = new int[k][];
        for (int t = 0; t < k; t++) {
            if (counts[t] == null || counts[t].length != k) {
                throw new IllegalArgumentException("ConfusionMatrix: row " + t + " of the counts has "
                        + (counts[t] == null ? 0 : counts[t].length) + " columns for " + k + " classes; give a "
                        + k + " x " + k + " table");
            }
            for (int p = 0; p < k; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException("ConfusionMatrix: count[" + t + "][" + p + "] is " + counts[t][p]
                            + "; counts cannot be negative");
                }
            }
            copy[t] = counts[t].clone();
        }
        counts = copy;
    }

    /** Counts true against predicted classes. */
    public static ConfusionMatrix of(Predictions predictions) {
        int k = predictions.classes().size();
        int[][] counts = new int[k][k];
        for (int i = 0; i < predictions.size(); i++) {
            counts[predictions.truthAt(i)][predictions.predictedAt(i)]++;
        }
        return new ConfusionMatrix(counts, predictions.classes());
    }

    /** A copy of the counts, {@code [truth][predicted]}. */
    @Override
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /**
     * How many examples of class {@code truth} were predicted as {@code predicted}.
     *
     * @throws IllegalArgumentException when a class index is out of range
     */
    public int count(int truth, int predicted) {
        checkIndex("truth", truth);
        checkIndex("predicted", predicted);
        return counts[truth][predicted];
    }

    /**
     * {@link #count(int, int)} by class names.
     *
     * @throws IllegalArgumentException when a name is not one of the classes
     */
    public int count(String truth, String predicted) {
        return counts[indexOf(truth)][indexOf(predicted)];
    }

    /** The number of examples counted. */
    public int total() {
        int total = 0;
        for (int[] row : counts) {
            for (int c : row) {
                total += c;
            }
        }
        return total;
    }

    /**
     * Each row divided by its sum: row {@code t} tells where the examples of class {@code t} went (its
     * diagonal cell is the recall of class {@code t}). A class with no examples keeps a row of zeros.
     */
    public double[][] normalized() {
        int k = counts.length;
        double[][] fractions = new double[k][k];
        for (int t = 0; t < k; t++) {
            long sum = 0;
            for (int c : counts[t]) {
                sum += c;
            }
            for (int p = 0; p < k && sum > 0; p++) {
                fractions[t][p] = (double) counts[t][p] / sum;
            }
        }
        return fractions;
    }

    /**
     * The {@code n} most frequent mistakes (off-diagonal cells with a count above zero), most frequent
     * first; equal counts in class order. Fewer than {@code n} when there are fewer mistakes.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public List<Confusion> mostConfused(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("mostConfused(" + n + "): ask for at least 1 pair, e.g. mostConfused(5)");
        }
        List<Confusion> all = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                if (t != p && counts[t][p] > 0) {
                    all.add(new Confusion(t, p, classes.get(t), classes.get(p), counts[t][p]));
                }
            }
        }
        all.sort(Comparator.comparingInt(Confusion::count).reversed());
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    private void checkIndex(String what, int index) {
        if (index < 0 || index >= classes.size()) {
            throw new IllegalArgumentException("count: the " + what + " class index " + index + " is out of range; the classes are "
                    + classes + ", 0.." + (classes.size() - 1));
        }
    }

    private int indexOf(String name) {
        int index = classes.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("count: '" + name + "' is not a class; the classes are " + classes);
        }
        return index;
    }

    /**
     * An aligned table, true classes down, predicted classes across, e.g.
     * <pre>
     * true \ predicted  cat  dog
     *              cat    5    1
     *              dog    0    4
     * </pre>
     */
    @Override
    public String toString() {
        String corner = "true \\ predicted";
        int first = corner.length();
        for (String name : classes) {
            first = Math.max(first, name.length());
        }
        int width = 1;
        for (int[] row : counts) {
            for (int c : row) {
                width = Math.max(width, Integer.toString(c).length());
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(pad(corner, first));
        int[] widths = new int[classes.size()];
        for (int p = 0; p < classes.size(); p++) {
            widths[p] = Math.max(width, classes.get(p).length());
            s.append("  ").append(pad(classes.get(p), widths[p]));
        }
        for (int t = 0; t < classes.size(); t++) {
            s.append('\n').append(pad(classes.get(t), first));
            for (int p = 0; p < classes.size(); p++) {
                s.append("  ").append(pad(Integer.toString(counts[t][p]), widths[p]));
            }
        }
        return s.toString();
    }

    private static String pad(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }

    /**
     * An HTML table: true classes down, predicted classes across; each cell shaded by its share of its
     * row (correct predictions blue, mistakes orange), with the count inside.
     */
    @Override
    public String toHtml() {
        double[][] fractions = normalized();
        StringBuilder html = new StringBuilder(512);
        html.append("<table class=\"dlkit-confusion\">\n<caption style=\"text-align:left\">Confusion matrix: ")
                .append(total()).append(" examples; rows: true class, columns: predicted class</caption>\n")
                .append("<thead><tr><th>true \\ predicted</th>");
        for (String name : classes) {
            html.append("<th>").append(Html.escape(name)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int t = 0; t < classes.size(); t++) {
            html.append("<tr><th>").append(Html.escape(classes.get(t))).append("</th>");
            for (int p = 0; p < classes.size(); p++) {
                // Blue (0, 114, 178) on the diagonal, orange (230, 159, 0) off it, as in the course's palette.
                String rgb = t == p ? "0,114,178" : "230,159,0";
                html.append(String.format(Locale.ROOT,
                        "<td style=\"text-align:right;background:rgba(%s,%.2f)\" title=\"%.1f%% of row\">%d</td>",
                        rgb, 0.6 * fractions[t][p], 100 * fractions[t][p], counts[t][p]));
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && Arrays.deepEquals(counts, other.counts)
                && classes.equals(other.classes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(counts) + classes.hashCode();
    }
}
