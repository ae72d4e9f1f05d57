package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import dlkit.notebook.Renderers;
import dlkit.train.EpochResult;
import dlkit.train.History;
import dlkit.train.Metric;
import dlkit.train.StopReason;

class RunsAndForecastsTest {

    private static History run(double... losses) {
        List<EpochResult> epochs = new java.util.ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            epochs.add(new EpochResult(i + 1, Map.of(Metric.LOSS, losses[i]), 1));
        }
        return new History(epochs, StopReason.COMPLETED, "", 0);
    }

    @Test
    void compareRunsDrawsOneLinePerRunInOrder() {
        Map<String, History> runs = new LinkedHashMap<>();
        runs.put("sgd", run(1.0, 0.8, 0.7));
        runs.put("adam", run(1.0, 0.4));
        XYChart chart = Plots.compareRuns("Optimizers", runs, Metric.LOSS);
        assertEquals(List.of("sgd", "adam"), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[]{1, 2}, chart.getSeriesMap().get("adam").getXData());
        assertEquals("loss", chart.getYAxisTitle());
        assertTrue(Renderers.png(chart).length > 1000);
    }

    @Test
    void compareRunsOverTimePutsEachEpochAtTheSecondsSpentSoFar() {
        List<EpochResult> slow = List.of(new EpochResult(1, Map.of(Metric.LOSS, 1.0), 3_000),
                new EpochResult(2, Map.of(Metric.LOSS, 0.5), 3_000));
        Map<String, History> runs = new LinkedHashMap<>();
        runs.put("slow", new History(slow, StopReason.COMPLETED, "", 0));
        runs.put("fast", run(1.0, 0.9, 0.8));   // 1 ms per epoch
        XYChart chart = Plots.compareRunsOverTime("Same time", runs, Metric.LOSS);
        assertArrayEquals(new double[]{3, 6}, chart.getSeriesMap().get("slow").getXData());
        assertArrayEquals(new double[]{0.001, 0.002, 0.003}, chart.getSeriesMap().get("fast").getXData(), 1e-12);
        assertEquals("seconds of training", chart.getXAxisTitle());
        assertTrue(Renderers.png(chart).length > 1000);
        assertThrows(IllegalArgumentException.class, () -> Plots.compareRunsOverTime("x", runs, Metric.VAL_LOSS));
    }

    @Test
    void compareRunsRefusesAMissingMetric() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.compareRuns("x", Map.of("a", run(1.0)), Metric.VAL_LOSS));
        assertTrue(e.getMessage().contains("run 'a' did not record val_loss"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.compareRuns("x", Map.of(), Metric.LOSS));
    }

    @Test
    void forecastsStartWhereTheyStart() {
        double[] actual = {1, 2, 3, 4, 5, 6};
        XYChart chart = Plots.forecast("Passengers", "month", "passengers", actual,
                Map.of("naive", new double[]{4, 5}), 4);
        assertArrayEquals(new double[]{4, 5}, chart.getSeriesMap().get("naive").getXData());
        assertEquals(List.of("actual", "naive"), List.copyOf(chart.getSeriesMap().keySet()));
        assertTrue(Renderers.png(chart).length > 1000);
    }

    @Test
    void forecastsThatDoNotFitTheSeriesAreRefused() {
        double[] actual = {1, 2, 3};
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> Plots.forecast("t", "x", "y", actual, Map.of("f", new double[]{1, 2}), 2));
        assertTrue(late.getMessage().contains("give at most 1 values"), late.getMessage());
        IllegalArgumentException start = assertThrows(IllegalArgumentException.class,
                () -> Plots.forecast("t", "x", "y", actual, Map.of("f", new double[]{1}), 3));
        assertTrue(start.getMessage().contains("start 3 is outside the series of 3 steps"), start.getMessage());
    }
}
