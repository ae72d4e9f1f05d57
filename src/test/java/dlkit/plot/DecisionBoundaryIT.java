package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dlkit.notebook.Renderers;

class DecisionBoundaryIT {

    /** A fixed "model": class 1 where x + y > 0, as probabilities [p0, p1]. */
    private static INDArray diagonal(INDArray points) {
        INDArray p1 = points.sum(1).gt(0).castTo(points.dataType()).reshape(points.rows(), 1);
        return Nd4j.hstack(p1.rsub(1), p1);
    }

    @Test
    void regionsFollowTheModelAndPointsTheirTrueClass() {
        INDArray features = Nd4j.createFromArray(new double[][]{{-1, -1}, {1, 1}, {-2, -0.5}, {0.5, 2}});
        XYChart chart = Plots.decisionBoundary("Diagonal", "x", "y", DecisionBoundaryIT::diagonal, features,
                new int[]{0, 1, 0, 1}, List.of("below", "above"));
        assertEquals(2, chart.getSeriesMap().get("below").getXData().length);
        double[] rx = chart.getSeriesMap().get("region above").getXData();
        double[] ry = chart.getSeriesMap().get("region above").getYData();
        for (int i = 0; i < rx.length; i++) {
            assertTrue(rx[i] + ry[i] > 0, "every grid point in 'above' lies above the diagonal");
        }
        assertTrue(Renderers.png(chart).length > 1000);
    }

    @Test
    void wrongShapesAreRefusedWithTheFix() {
        INDArray three = Nd4j.zeros(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.decisionBoundary(
                "t", "x", "y", DecisionBoundaryIT::diagonal, three, new int[4], List.of("a", "b")));
        assertTrue(e.getMessage().contains("[n, 2], not [4, 3]") && e.getMessage().contains("getColumns(0, 1)"), e.getMessage());
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class, () -> Plots.decisionBoundary(
                "t", "x", "y", DecisionBoundaryIT::diagonal, Nd4j.zeros(4, 2), new int[3], List.of("a", "b")));
        assertTrue(labels.getMessage().contains("3 labels for 4 rows"), labels.getMessage());
    }
}
