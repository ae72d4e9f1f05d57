package dlkit.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A series cut into overlapping windows for a recurrent network: each example is {@code inputLength}
 * consecutive values, and its label the {@code horizon} values that follow.
 *
 * <p>Layout: features are {@code [windows, 1, inputLength]}, DL4J's recurrent format
 * {@code [batch, features, time]} with one feature per step. Labels are {@code [windows, horizon]}, one
 * row per window, which fits a network that reads the whole window and answers once: a
 * {@code LastTimeStep(LSTM)} layer followed by an {@code OutputLayer} with {@code nOut = horizon}, identity
 * activation and MSE loss. (An {@code RnnOutputLayer} would want labels at every time step instead.)
 * Window {@code i} starts at value {@code i}; there are {@code length - inputLength - horizon + 1} of them.
 */
public final class Windows {

    private Windows() {
    }

    /**
     * The windows of {@code series}.
     *
     * @throws IllegalArgumentException when a length is not positive, the series is too short for one
     *                                  window, or it holds NaN (naming the index)
     */
    public static DataSet of(double[] series, int inputLength, int horizon) {
        check(inputLength, horizon);
        TimeSeries.checkFinite(series, "Windows.of");
        int count = series.length - inputLength - horizon + 1;
        if (count <= 0) {
            throw new IllegalArgumentException("Windows.of: a series of " + series.length + " values is too short for "
                    + "one window of inputLength " + inputLength + " + horizon " + horizon + " = "
                    + (inputLength + horizon) + " values; use a shorter inputLength or horizon, or a longer series "
                    + "(for a test part, SeriesSplit.testWithContext(inputLength))");
        }
        float[] features = new float[count * inputLength];
        float[] labels = new float[count * horizon];
        for (int w = 0; w < count; w++) {
            for (int t = 0; t < inputLength; t++) {
                features[w * inputLength + t] = (float) series[w + t];
            }
            for (int h = 0; h < horizon; h++) {
                labels[w * horizon + h] = (float) series[w + inputLength + h];
            }
        }
        return new DataSet(Nd4j.create(features, new long[]{count, 1, inputLength}, DataType.FLOAT),
                Nd4j.create(labels, new long[]{count, horizon}, DataType.FLOAT));
    }

    /**
     * The last {@code inputLength} values of {@code series} as one window {@code [1, 1, inputLength]}: the
     * input for forecasting what comes after the series.
     */
    public static INDArray latest(double[] series, int inputLength) {
        check(inputLength, 1);
        TimeSeries.checkFinite(series, "Windows.latest");
        if (series.length < inputLength) {
            throw new IllegalArgumentException("Windows.latest: a series of " + series.length + " values is shorter "
                    + "than inputLength " + inputLength + "; use a shorter inputLength or a longer series");
        }
        float[] window = new float[inputLength];
        for (int t = 0; t < inputLength; t++) {
            window[t] = (float) series[series.length - inputLength + t];
        }
        return Nd4j.create(window, new long[]{1, 1, inputLength}, DataType.FLOAT);
    }

    /**
     * Windows of a series of readings with several features ({@code rows[step][feature]}, e.g. humidity
     * and temperature), each flattened to one row of {@code length * features} numbers, step by step: the
     * input of a dense autoencoder that learns what a normal stretch of readings looks like. Window
     * {@code i} holds rows {@code i .. i + length - 1}, so it belongs to (ends at) row {@code i + length - 1}.
     *
     * @param centered subtract each window's own mean of each feature, so that windows are compared by their
     *                 shape (jumps, spikes) rather than their level, which may drift (weather, seasons)
     * @return an array {@code [rows.length - length + 1, length * features]}
     * @throws IllegalArgumentException when the length is not positive, there are fewer rows than one
     *                                  window, rows differ in length, or a value is NaN (naming its place)
     */
    public static INDArray flat(double[][] rows, int length, boolean centered) {
        check(length, 1);
        if (rows.length < length) {
            throw new IllegalArgumentException("Windows.flat: " + rows.length + " rows are fewer than one window of "
                    + length + "; use a shorter length");
        }
        int features = rows[0].length;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != features) {
                throw new IllegalArgumentException("Windows.flat: row " + r + " has " + rows[r].length
                        + " values, row 0 has " + features + "; give every row the same features");
            }
            for (int f = 0; f < features; f++) {
                if (Double.isNaN(rows[r][f])) {
                    throw new IllegalArgumentException("Windows.flat: row " + r + ", feature " + f
                            + " is NaN; fill or drop missing readings first");
                }
            }
        }
        int count = rows.length - length + 1;
        float[] out = new float[count * length * features];
        for (int w = 0; w < count; w++) {
            double[] mean = new double[features];
            if (centered) {
                for (int t = 0; t < length; t++) {
                    for (int f = 0; f < features; f++) {
                        mean[f] += rows[w + t][f] / length;
                    }
                }
            }
            for (int t = 0; t < length; t++) {
                for (int f = 0; f < features; f++) {
                    out[(w * length + t) * features + f] = (float) (rows[w + t][f] - mean[f]);
                }
            }
        }
        return Nd4j.create(out, new long[]{count, (long) length * features}, DataType.FLOAT);
    }

    private static void check(int inputLength, int horizon) {
        if (inputLength <= 0) {
            throw new IllegalArgumentException("Windows: inputLength " + inputLength + " must be positive, "
                    + "e.g. 12 (a year of monthly values)");
        }
        if (horizon <= 0) {
            throw new IllegalArgumentException("Windows: horizon " + horizon + " must be positive, e.g. 1 "
                    + "(predict the next value)");
        }
    }
}
