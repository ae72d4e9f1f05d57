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
