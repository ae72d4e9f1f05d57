package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nd4j.linalg.activations.Activation;

/** The activation charts: computed by ND4J, so they need the native backend. */
class PlotsIT {

    /** The y value of a series at x (the points lie on a grid that holds x exactly). */
    private static double at(XYChart chart, String series, double x) {
        XYSeries s = chart.getSeriesMap().get(series);
        double[] xs = s.getXData();
        for (int i = 0; i < xs.length; i++) {
            if (Math.abs(xs[i] - x) < 1e-9) {
                return s.getYData()[i];
            }
        }
        throw new AssertionError("no point at x=" + x + " in " + series);
    }

    @Test
    void activationsAreWhatTheLayersCompute() throws IOException {
        XYChart chart = Plots.activations(-2, 2, Activation.RELU, Activation.SIGMOID, Activation.TANH);

        assertEquals(List.of("relu", "sigmoid", "tanh"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(0.0, at(chart, "relu", -1), 1e-6);
        assertEquals(2.0, at(chart, "relu", 2), 1e-6);
        assertEquals(0.5, at(chart, "sigmoid", 0), 1e-6);
        assertEquals(Math.tanh(1), at(chart, "tanh", 1), 1e-6);
        PlotsTest.assertShowable(chart);
    }

    @Test
    void slopesAreTheDerivatives() throws IOException {
        XYChart chart = Plots.activationSlopes(-2, 2, Activation.RELU, Activation.SIGMOID);

        assertEquals(0.0, at(chart, "relu", -1), 1e-6);
        assertEquals(1.0, at(chart, "relu", 2), 1e-6);
        assertEquals(0.25, at(chart, "sigmoid", 0), 1e-6);
        PlotsTest.assertShowable(chart);
    }

    @Test
    void activationsNeedAnActivationAndARange() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Plots.activations(-1, 1));
        assertTrue(none.getMessage().contains("Activation.RELU"), none.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Plots.activations(1, 1, Activation.RELU));
        assertTrue(empty.getMessage().contains("[1.0, 1.0] is empty"), empty.getMessage());
    }
}
