package dlkit.ethics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A LIME explanation of one prediction (Ribeiro, Singh and Guestrin, 2016): a weighted linear model fitted to
 * the model's answers on perturbed copies of the row, the copies weighted by how close they are to the row. Made by
 * {@link Explanations#lime}, the way the Python lime package's tabular explainer works without discretization:
 * a numeric input is drawn from a normal distribution with the training data's mean and standard deviation and
 * enters the linear model standardized, so its weight is the change in the output per standard deviation; a
 * one-hot input (columns named {@code column=value}) is drawn from the training rows' categories and enters as 1
 * when the category is the row's, 0 otherwise, so its weight is what having the row's category adds. Copies are
 * weighted by {@code sqrt(exp(-d^2 / w^2))} with {@code d} their distance to the row in these units and
 * {@code w = 0.75 sqrt(inputs)}; the linear model is a ridge regression (penalty 1) with an intercept.
 *
 * @param inputs          the inputs' names, in the row's order (one-hot columns as the one input they come from)
 * @param weights         one slope per input; positive ones push the output up near this row
 * @param intercept       the linear model's intercept
 * @param score           the weighted R^2 of the linear model on the copies: how well a straight line describes the
 *                        model near the row (near 1: faithful; low: the explanation is a rough one)
 * @param localPrediction the linear model's output for the row itself, to compare with the model's
 */
public record Lime(List<String> inputs, double[] weights, double intercept, double score, double localPrediction) {

    public Lime {
        inputs = List.copyOf(inputs);
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** The weights by input name, largest effect first, e.g. for {@code Plots.attributions}. */
    public Map<String, Double> named() {
        Map<String, Double> out = new LinkedHashMap<>();
        IntStream.range(0, weights.length).boxed()
                .sorted(Comparator.comparingDouble(i -> -Math.abs(weights[i])))
                .forEach(i -> out.put(inputs.get(i), weights[i]));
        return out;
    }

    /** See {@link Explanations#lime}. */
    static Lime explain(Function<double[][], double[]> model, double[][] training, double[] row,
                        List<String> featureNames, int samples, long seed) {
        if (model == null || training == null || training.length < 2 || row == null) {
            throw new IllegalArgumentException("lime: give the model, training rows (at least 2, for the inputs' spread) "
                    + "and a row to explain");
        }
        if (samples < 10) {
            throw new IllegalArgumentException("lime: samples " + samples + " is too few for a linear fit; 5000 is usual");
        }
        for (double[] t : training) {
            if (t.length != row.length) {
                throw new IllegalArgumentException("lime: a training row has " + t.length + " inputs, the row " + row.length);
            }
        }
        if (featureNames == null || featureNames.size() != row.length) {
            throw new IllegalArgumentException("lime: " + (featureNames == null ? 0 : featureNames.size())
                    + " feature names for " + row.length + " inputs; pass FittedPreprocessor.featureNames()");
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int j = 0; j < featureNames.size(); j++) {
            String name = featureNames.get(j);
            int eq = name.indexOf('=');
            groups.computeIfAbsent(eq > 0 ? name.substring(0, eq) : name, k -> new ArrayList<>()).add(j);
        }
        List<int[]> members = groups.values().stream().map(g -> g.stream().mapToInt(Integer::intValue).toArray()).toList();
        int m = members.size();
        double[] mean = new double[row.length];
        double[] scale = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            final int col = j;
            mean[j] = Arrays.stream(training).mapToDouble(t -> t[col]).average().orElse(0);
            double variance = Arrays.stream(training).mapToDouble(t -> (t[col] - mean[col]) * (t[col] - mean[col]))
                    .average().orElse(0);
            scale[j] = variance > 0 ? Math.sqrt(variance) : 1;   // as scikit-learn's StandardScaler
        }

        // The copies (as the model takes them) and their interpretable form (standardized, or 1 = the row's category).
        Random random = new Random(seed);
        double[][] copies = new double[samples][];
        double[][] z = new double[samples][m];
        for (int s = 0; s < samples; s++) {
            double[] copy = row.clone();
            for (int g = 0; g < m; g++) {
                int[] cols = members.get(g);
                if (cols.length == 1 && !featureNames.get(cols[0]).contains("=")) {
                    int j = cols[0];
                    if (s > 0) {
                        copy[j] = random.nextGaussian() * scale[j] + mean[j];
                    }
                    z[s][g] = (copy[j] - mean[j]) / scale[j];
                } else {
                    if (s > 0) {
                        double[] donor = training[random.nextInt(training.length)];
                        for (int j : cols) {
                            copy[j] = donor[j];
                        }
                    }
                    boolean same = true;
                    for (int j : cols) {
                        same &= copy[j] == row[j];
                    }
                    z[s][g] = same ? 1 : 0;
                }
            }
            copies[s] = copy;
        }
        double[] y = model.apply(copies);
        if (y == null || y.length != samples) {
            throw new IllegalArgumentException("lime: the model gave " + (y == null ? 0 : y.length) + " outputs for "
                    + samples + " rows; give one output per row");
        }
        double width = 0.75 * Math.sqrt(m);
        double[] w = new double[samples];
        for (int s = 0; s < samples; s++) {
            double d2 = 0;
            for (int g = 0; g < m; g++) {
                d2 += (z[s][g] - z[0][g]) * (z[s][g] - z[0][g]);
            }
            w[s] = Math.sqrt(Math.exp(-d2 / (width * width)));
        }
        return fit(new ArrayList<>(groups.keySet()), z, y, w);
    }

    /** Weighted ridge regression (penalty 1, intercept not penalized), its weighted R^2 and its value at row 0. */
    private static Lime fit(List<String> names, double[][] z, double[] y, double[] w) {
        int n = z.length;
        int m = names.size();
        double total = Arrays.stream(w).sum();
        double[] zMean = new double[m];
        double yMean = 0;
        for (int s = 0; s < n; s++) {
            for (int g = 0; g < m; g++) {
                zMean[g] += w[s] * z[s][g] / total;
            }
            yMean += w[s] * y[s] / total;
        }
        double[][] a = new double[m][m];
        double[] b = new double[m];
        for (int s = 0; s < n; s++) {
            for (int g = 0; g < m; g++) {
                double zg = z[s][g] - zMean[g];
                b[g] += w[s] * zg * (y[s] - yMean);
                for (int h = 0; h <= g; h++) {
                    a[g][h] += w[s] * zg * (z[s][h] - zMean[h]);
                }
            }
        }
        for (int g = 0; g < m; g++) {
            a[g][g] += 1.0;
            for (int h = 0; h < g; h++) {
                a[h][g] = a[g][h];
            }
        }
        double[] beta = solve(a, b);
        double intercept = yMean;
        for (int g = 0; g < m; g++) {
            intercept -= beta[g] * zMean[g];
        }
        double residual = 0;
        double spread = 0;
        for (int s = 0; s < n; s++) {
            double fitted = intercept;
            for (int g = 0; g < m; g++) {
                fitted += beta[g] * z[s][g];
            }
            residual += w[s] * (y[s] - fitted) * (y[s] - fitted);
            spread += w[s] * (y[s] - yMean) * (y[s] - yMean);
        }
        double local = intercept;
        for (int g = 0; g < m; g++) {
            local += beta[g] * z[0][g];
        }
        return new Lime(names, beta, intercept, spread == 0 ? 1 : 1 - residual / spread, local);
    }

    /** Solves {@code a x = b} for a symmetric positive-definite {@code a} (Cholesky). */
    private static double[] solve(double[][] a, double[] b) {
        int m = b.length;
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
            }
        }
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        for (int i = m - 1; i >= 0; i--) {
            double sum = x[i];
            for (int k = i + 1; k < m; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
