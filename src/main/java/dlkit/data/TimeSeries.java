package dlkit.data;

import java.util.Arrays;

/**
 * Plain helpers for a series of numbers in time order: a split that never shuffles, and the checks the
 * other time-series tools share.
 */
public final class TimeSeries {

    private TimeSeries() {
    }

    /**
     * The first {@code round(length * trainFraction)} values for training and the rest for testing, in
     * time order: a model is tested on the future it was not shown, as it will be used.
     *
     * @throws IllegalArgumentException when the fraction is outside (0, 1), a part would be empty, or the
     *                                  series holds NaN (naming its index)
     */
    public static SeriesSplit splitInTimeOrder(double[] series, double trainFraction) {
        checkFinite(series, "splitInTimeOrder");
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("splitInTimeOrder: trainFraction " + trainFraction
                    + " must be between 0 and 1 (exclusive), e.g. 0.8");
        }
        int cut = (int) Math.round(series.length * trainFraction);
        if (cut == 0 || cut == series.length) {
            throw new IllegalArgumentException("splitInTimeOrder: " + series.length + " values split at "
                    + trainFraction + " leave " + (cut == 0 ? "no training" : "no test")
                    + " values; use a longer series or a fraction nearer 0.5");
        }
        return new SeriesSplit(Arrays.copyOfRange(series, 0, cut), Arrays.copyOfRange(series, cut, series.length));
    }

    /** Throws naming the first NaN or infinite value, and refuses an empty series. */
    static void checkFinite(double[] series, String caller) {
        if (series.length == 0) {
            throw new IllegalArgumentException(caller + ": the series is empty; load it first, e.g. "
                    + "Datasets.airPassengers()");
        }
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException(caller + ": the series is " + series[i] + " at index " + i
                        + "; fill the gap (e.g. with the previous value) or cut the series before it");
            }
        }
    }
}
