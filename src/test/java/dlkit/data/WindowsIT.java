package dlkit.data;

import static dlkit.data.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Windows as DL4J's recurrent arrays, and the series scaler on arrays: these need the native backend. */
class WindowsIT {

    private static final double[] SERIES = {1, 2, 3, 4, 5, 6};

    @Test
    void windowsAreBatchFeaturesTimeWithLabelsPerWindow() {
        DataSet windows = Windows.of(SERIES, 3, 2);

        assertArrayEquals(new long[]{2, 1, 3}, windows.getFeatures().shape());
        assertArrayEquals(new long[]{2, 2}, windows.getLabels().shape());
        assertEquals(DataType.FLOAT, windows.getFeatures().dataType());
        assertArrayEquals(new float[]{2, 3, 4}, windows.getFeatures().get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).toFloatVector());
        assertArrayEquals(new float[][]{{4, 5}, {5, 6}}, windows.getLabels().toFloatMatrix());
    }

    @Test
    void readingsWithSeveralFeaturesMakeFlatWindows() {
        double[][] readings = {{1, 10}, {2, 20}, {3, 30}, {5, 50}};

        INDArray raw = Windows.flat(readings, 2, false);
        INDArray centered = Windows.flat(readings, 3, true);

        assertArrayEquals(new float[][]{{1, 10, 2, 20}, {2, 20, 3, 30}, {3, 30, 5, 50}}, raw.toFloatMatrix());
        // window {2, 3, 5} has mean 10/3, window {20, 30, 50} mean 100/3
        assertArrayEquals(new float[]{-1, -10, 0, 0, 1, 10}, centered.getRow(0).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[]{2 - 10f / 3, 20 - 100f / 3, 3 - 10f / 3, 30 - 100f / 3, 5 - 10f / 3, 50 - 100f / 3},
                centered.getRow(1).toFloatVector(), 1e-5f);
        assertFails(IllegalArgumentException.class, () -> Windows.flat(readings, 5, false), "4 rows are fewer than one window of 5");
        assertFails(IllegalArgumentException.class, () -> Windows.flat(new double[][]{{1, 2}, {3}}, 1, false), "row 1 has 1 values, row 0 has 2");
        assertFails(IllegalArgumentException.class, () -> Windows.flat(new double[][]{{1}, {Double.NaN}}, 1, false), "row 1, feature 0 is NaN");
    }

    @Test
    void theLatestWindowEndsTheSeries() {
        INDArray latest = Windows.latest(SERIES, 4);

        assertArrayEquals(new long[]{1, 1, 4}, latest.shape());
        assertArrayEquals(new float[]{3, 4, 5, 6}, latest.reshape(4).toFloatVector());
    }

    @Test
    void aScalerInvertsNetworkOutputs() {
        SeriesScaler scaler = SeriesScaler.minMax(new double[]{10, 30});
        INDArray outputs = org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][]{{0f, 0.5f}, {1f, 2f}});

        INDArray back = scaler.inverse(outputs);

        assertEquals(DataType.FLOAT, back.dataType());
        assertArrayEquals(new float[][]{{10, 20}, {30, 50}}, back.toFloatMatrix());
    }

    @Test
    void aNonPositiveInputLengthIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Windows.of(SERIES, 0, 1),
                "inputLength 0", "must be positive", "e.g. 12");
    }

    @Test
    void aNonPositiveHorizonIsRefused() {
        assertFails(IllegalArgumentException.class, () -> Windows.of(SERIES, 3, -1),
                "horizon -1", "must be positive", "e.g. 1");
    }

    @Test
    void aSeriesTooShortForOneWindowNamesTheLengths() {
        assertFails(IllegalArgumentException.class, () -> Windows.of(SERIES, 5, 2),
                "series of 6 values", "inputLength 5 + horizon 2 = 7", "shorter inputLength", "testWithContext");
    }

    @Test
    void aNaNInTheSeriesIsNamedByItsIndex() {
        assertFails(IllegalArgumentException.class, () -> Windows.of(new double[]{1, 2, 3, Double.NaN, 5}, 2, 1),
                "NaN at index 3");
    }

    @Test
    void theLatestWindowNeedsEnoughValues() {
        assertFails(IllegalArgumentException.class, () -> Windows.latest(SERIES, 7),
                "series of 6 values is shorter than inputLength 7");
    }
}
