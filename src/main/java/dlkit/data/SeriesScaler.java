package dlkit.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scales a series with statistics of its training part only, and scales predictions back:
 * {@code scaled = (value - center) / scale}, {@code value = scaled * scale + center}. Fit it on the
 * training part of a {@link SeriesSplit}, then transform both parts with it. A constant training part
 * gets a scale of 1, so nothing is divided by 0. Immutable.
 *
 * @param center subtracted first: the training minimum ({@link #minMax}) or mean ({@link #standardize})
 * @param scale  divided by next: the training range or standard deviation
 */
public record SeriesScaler(double center, double scale) {

    /** A scaler mapping the training values to [0, 1] (later values may fall outside, e.g. a rising trend). */
    public static SeriesScaler minMax(double[] train) {
        TimeSeries.checkFinite(train, "SeriesScaler.minMax");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : train) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new SeriesScaler(min, max - min > 1e-12 ? max - min : 1);
    }

    /** A scaler giving the training values mean 0 and standard deviation 1. */
    public static SeriesScaler standardize(double[] train) {
        TimeSeries.checkFinite(train, "SeriesScaler.standardize");
        double mean = 0;
        for (double v : train) {
            mean += v;
        }
        mean /= train.length;
        double squares = 0;
        for (double v : train) {
            squares += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(squares / train.length);
        return new SeriesScaler(mean, std > 1e-12 ? std : 1);
    }

    /** The values scaled. */
    public double[] transform(double[] values) {
        TimeSeries.checkFinite(values, "SeriesScaler.transform");
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (values[i] - center) / scale;
        }
        return out;
    }

    /** Scaled values back in the series' units. */
    public double[] inverse(double[] scaled) {
        double[] out = new double[scaled.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scaled[i] * scale + center;
        }
        return out;
    }

    /** A network's scaled outputs back in the series' units (a new array of the same shape and type). */
    public INDArray inverse(INDArray scaled) {
        return scaled.castTo(DataType.DOUBLE).mul(scale).addi(center).castTo(scaled.dataType());
    }
}
