package dlkit.eval;

import java.util.Arrays;
import java.util.Locale;

import org.nd4j.linalg.api.ndarray.INDArray;

import dlkit.notebook.Html;

/**
 * How far a regression's predictions are from the actual values:
 * <ul>
 *   <li>MAE, the mean absolute error, in the target's own unit;</li>
 *   <li>MSE, the mean squared error (what training usually minimises), and RMSE, its square root, back
 *       in the target's unit;</li>
 *   <li>R², the share of the target's variance the model explains: 1 is perfect, 0 is no better than
 *       always predicting the mean, below 0 is worse than that.</li>
 * </ul>
 * R² is scikit-learn's {@code r2_score} (with {@code force_finite=True}): when the actual values are all
 * equal, their variance is 0 and R² is 1.0 for perfect predictions, else 0.0. With a single example
 * R² is undefined and {@code NaN}, as in scikit-learn; the errors are still computed.
 *
 * @param size the number of examples
 */
public record RegressionReport(double mae, double mse, double rmse, double r2, int size) implements Html {

    /**
     * The report of {@code predicted} against {@code actual}.
     *
     * @throws IllegalArgumentException when the input is empty, the lengths differ, or a value is NaN or infinite
     */
    public static RegressionReport of(double[] actual, double[] predicted) {
        if (actual == null || predicted == null) {
            throw new IllegalArgumentException("RegressionReport.of: actual and predicted must not be null");
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("RegressionReport.of: no examples (actual is empty); evaluate on at"
                    + " least one example");
        }
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("RegressionReport.of: actual has " + actual.length
                    + " values but predicted has " + predicted.length + "; give one prediction per example, in the same order");
        }
        checkFinite("actual", actual);
        checkFinite("predicted", predicted);
        int n = actual.length;
        double absolute = 0;
        double squared = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double error = actual[i] - predicted[i];
            absolute += Math.abs(error);
            squared += error * error;
            sum += actual[i];
        }
        double mean = sum / n;
        boolean constant = true;
        double variance = 0;
        for (double a : actual) {
            constant &= a == actual[0];
            variance += (a - mean) * (a - mean);
        }
        double r2;
        if (n < 2) {
            r2 = Double.NaN; // as scikit-learn: a variance needs two values
        } else if (constant) {
            r2 = squared == 0 ? 1.0 : 0.0;
        } else {
            r2 = 1.0 - squared / variance;
        }
        double mse = squared / n;
        return new RegressionReport(absolute / n, mse, Math.sqrt(mse), r2, n);
    }

    /**
     * The report of ND4J arrays holding one value per example: shapes {@code [n]}, {@code [n, 1]} or
     * {@code [1, n]}, e.g. a network's output and the labels.
     *
     * @throws IllegalArgumentException when an array holds more than one value per example, or as
     *                                  {@link #of(double[], double[])}
     */
    public static RegressionReport of(INDArray actual, INDArray predicted) {
        if (actual == null || predicted == null) {
            throw new IllegalArgumentException("RegressionReport.of: actual and predicted must not be null");
        }
        return of(vector("actual", actual), vector("predicted", predicted));
    }

    private static double[] vector(String what, INDArray array) {
        long[] shape = array.shape();
        if (array.rank() > 2 || (array.rank() == 2 && shape[0] != 1 && shape[1] != 1)) {
            throw new IllegalArgumentException("RegressionReport.of: " + what + " has shape " + Arrays.toString(shape)
                    + ", more than one value per example; report one output at a time, e.g. " + what + ".getColumn(0)");
        }
        return array.reshape(array.length()).toDoubleVector();
    }

    private static void checkFinite(String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("RegressionReport.of: " + what + "[" + i + "] is " + values[i]
                        + "; every value must be a finite number"
                        + (what.equals("predicted") ? " (a NaN prediction usually means training diverged: lower the"
                        + " learning rate)" : " (remove or impute missing values first)"));
            }
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private String r2Text() {
        return Double.isNaN(r2) ? "undefined (one example)" : format(r2);
    }

    /** The four metrics, one per line. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Regression report (%d %s)\n  MAE  %.4f\n  MSE  %.4f\n  RMSE %.4f\n  R²   %s",
                size, size == 1 ? "example" : "examples", mae, mse, rmse, r2Text());
    }

    /** The four metrics as a two-column HTML table. */
    @Override
    public String toHtml() {
        StringBuilder html = new StringBuilder(256);
        html.append("<table class=\"dlkit-report\">\n<caption style=\"text-align:left\">Regression report: ")
                .append(size).append(size == 1 ? " example" : " examples").append("</caption>\n<tbody>\n");
        String[] names = {"MAE", "MSE", "RMSE", "R²"};
        String[] values = {format(mae), format(mse), format(rmse), r2Text()};
        for (int i = 0; i < names.length; i++) {
            html.append("<tr><th>").append(names[i]).append("</th><td style=\"text-align:right\">")
                    .append(Html.escape(values[i])).append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }
}
