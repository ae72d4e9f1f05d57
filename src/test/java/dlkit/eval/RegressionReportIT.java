package dlkit.eval;

import static dlkit.eval.PredictionsTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The regression report of ND4J arrays: needs the native backend. */
class RegressionReportIT {

    @Test
    void columnsAndVectorsGiveTheSameReportAsArrays() {
        RegressionReport expected = RegressionReport.of(new double[]{3, -0.5, 2, 7}, new double[]{2.5, 0.0, 2, 8});
        INDArray column = Nd4j.createFromArray(new double[][]{{3}, {-0.5}, {2}, {7}});
        INDArray vector = Nd4j.createFromArray(2.5, 0.0, 2, 8);

        assertEquals(expected, RegressionReport.of(column, vector));
        assertEquals(expected, RegressionReport.of(column.castTo(DataType.FLOAT), vector.reshape(1, 4).castTo(DataType.FLOAT)));
    }

    @Test
    void severalOutputsAtOnceAreRefused() {
        INDArray two = Nd4j.zeros(DataType.DOUBLE, 4, 2);
        refused(() -> RegressionReport.of(two, two), "actual has shape [4, 2]", "one output at a time",
                "actual.getColumn(0)");
        refused(() -> RegressionReport.of(Nd4j.createFromArray(1.0, 2.0), Nd4j.createFromArray(1.0, Double.NaN)),
                "predicted[1] is NaN");
    }
}
