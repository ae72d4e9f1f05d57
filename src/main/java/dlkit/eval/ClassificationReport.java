package dlkit.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dlkit.notebook.Html;

/**
 * Precision, recall, F1 and support of every class, with accuracy and the macro and weighted averages,
 * defined as scikit-learn's {@code classification_report} with {@code labels=range(k)} and
 * {@code zero_division=0}:
 * <ul>
 *   <li>precision = TP / (TP + FP): of the examples predicted as the class, the share that is it;
 *       0 when the class is never predicted;</li>
 *   <li>recall = TP / (TP + FN): of the examples of the class, the share found; 0 when the class never
 *       occurs (support 0);</li>
 *   <li>F1 = 2 · precision · recall / (precision + recall), 0 when both are 0;</li>
 *   <li>macro average: the plain mean over all {@code k} classes, empty ones included, so that every
 *       class counts the same; weighted average: the mean weighted by support, so that big classes
 *       count more.</li>
 * </ul>
 *
 * @param perClass        one row per class, in label order
 * @param accuracy        the share of correct predictions
 * @param macroAverage    the unweighted means (name "macro avg", support = all examples)
 * @param weightedAverage the support-weighted means (name "weighted avg", support = all examples)
 */
public record ClassificationReport(List<Scores> perClass, double accuracy, Scores macroAverage,
                                   Scores weightedAverage) implements Html {

    /** The scores of one class, or an average of them. */
    public record Scores(String name, double precision, double recall, double f1, int support) {
    }

    /** Copies the rows. */
    public ClassificationReport {
        perClass = List.copyOf(perClass);
    }

    /** The report of a set of predictions. */
    public static ClassificationReport of(Predictions predictions) {
        ConfusionMatrix cm = ConfusionMatrix.of(predictions);
        int[][] counts = cm.counts();
        List<String> classes = predictions.classes();
        int k = classes.size();
        int total = predictions.size();
        List<Scores> rows = new ArrayList<>(k);
        double[] macro = new double[3];
        double[] weighted = new double[3];
        int correct = 0;
        for (int c = 0; c < k; c++) {
            int tp = counts[c][c];
            int support = 0;
            int predictedAs = 0;
            for (int j = 0; j < k; j++) {
                support += counts[c][j];
                predictedAs += counts[j][c];
            }
            correct += tp;
            double precision = predictedAs == 0 ? 0.0 : (double) tp / predictedAs;
            double recall = support == 0 ? 0.0 : (double) tp / support;
            // 2PR / (P + R) written as 2TP / (2TP + FP + FN): the same value, rounded as scikit-learn rounds it
            int errors = (predictedAs - tp) + (support - tp);
            double f1 = tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + errors);
            rows.add(new Scores(classes.get(c), precision, recall, f1, support));
            double[] values = {precision, recall, f1};
            for (int m = 0; m < 3; m++) {
                macro[m] += values[m];
                weighted[m] += values[m] * support;
            }
        }
        return new ClassificationReport(rows, (double) correct / total,
                new Scores("macro avg", macro[0] / k, macro[1] / k, macro[2] / k, total),
                new Scores("weighted avg", weighted[0] / total, weighted[1] / total, weighted[2] / total, total));
    }

    /**
     * The scores of the class called {@code name}.
     *
     * @throws IllegalArgumentException when there is no such class
     */
    public Scores get(String name) {
        for (Scores row : perClass) {
            if (row.name().equals(name)) {
                return row;
            }
        }
        List<String> names = perClass.stream().map(Scores::name).toList();
        throw new IllegalArgumentException("ClassificationReport: no class '" + name + "'; the classes are " + names);
    }

    /** The report laid out like scikit-learn's {@code classification_report}, with 4 decimals. */
    @Override
    public String toString() {
        int width = "weighted avg".length();
        for (Scores row : perClass) {
            width = Math.max(width, row.name().length());
        }
        String head = "%" + width + "s  %9s %9s %9s %9s\n";
        String line = "%" + width + "s  %9.4f %9.4f %9.4f %9d\n";
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, head, "", "precision", "recall", "f1-score", "support")).append('\n');
        for (Scores row : perClass) {
            s.append(String.format(Locale.ROOT, line, row.name(), row.precision(), row.recall(), row.f1(), row.support()));
        }
        s.append('\n');
        s.append(String.format(Locale.ROOT, "%" + width + "s  %9s %9s %9.4f %9d\n", "accuracy", "", "", accuracy,
                macroAverage.support()));
        for (Scores row : List.of(macroAverage, weightedAverage)) {
            s.append(String.format(Locale.ROOT, line, row.name(), row.precision(), row.recall(), row.f1(), row.support()));
        }
        return s.toString().stripTrailing();
    }

    /** The same layout as {@link #toString()}, as an HTML table. */
    @Override
    public String toHtml() {
        StringBuilder html = new StringBuilder(1024);
        html.append("<table class=\"dlkit-report\">\n<thead><tr><th></th><th>precision</th><th>recall</th>"
                + "<th>f1-score</th><th>support</th></tr></thead>\n<tbody>\n");
        for (Scores row : perClass) {
            appendRow(html, row);
        }
        html.append(String.format(Locale.ROOT, "<tr style=\"border-top:2px solid #999\"><th>accuracy</th><td></td><td></td>"
                + "<td style=\"text-align:right\">%.4f</td><td style=\"text-align:right\">%d</td></tr>\n",
                accuracy, macroAverage.support()));
        appendRow(html, macroAverage);
        appendRow(html, weightedAverage);
        return html.append("</tbody>\n</table>").toString();
    }

    private static void appendRow(StringBuilder html, Scores row) {
        html.append("<tr><th>").append(Html.escape(row.name())).append("</th>");
        for (double v : new double[]{row.precision(), row.recall(), row.f1()}) {
            html.append(String.format(Locale.ROOT, "<td style=\"text-align:right\">%.4f</td>", v));
        }
        html.append("<td style=\"text-align:right\">").append(row.support()).append("</td></tr>\n");
    }
}
