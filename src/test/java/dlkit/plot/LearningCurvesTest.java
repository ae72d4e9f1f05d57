package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import dlkit.notebook.Renderers;
import dlkit.train.EpochResult;
import dlkit.train.History;
import dlkit.train.Metric;
import dlkit.train.StopReason;

class LearningCurvesTest {

    private final History history = new History(List.of(
            new EpochResult(1, Map.of(Metric.LOSS, 0.9, Metric.VAL_LOSS, 1.0, Metric.VAL_ACCURACY, 0.6), 10),
            new EpochResult(2, Map.of(Metric.LOSS, 0.5, Metric.VAL_LOSS, 0.7, Metric.VAL_ACCURACY, 0.7), 10),
            new EpochResult(3, Map.of(Metric.LOSS, 0.3, Metric.VAL_LOSS, 0.8, Metric.VAL_ACCURACY, 0.7), 10)),
            StopReason.STOPPED_EARLY, "stopped", 2);

    @Test
    void lossCurvesShowTrainingValidationAndTheRestoredEpoch() throws Exception {
        XYChart chart = Plots.learningCurves(history);
        assertEquals("Learning curves", chart.getTitle());
        assertEquals("epoch", chart.getXAxisTitle());
        assertEquals("loss", chart.getYAxisTitle());
        assertEquals(List.of("loss", "val_loss", "best epoch (restored)"), List.copyOf(chart.getSeriesMap().keySet()));
        var image = ImageIO.read(new ByteArrayInputStream(Renderers.png(chart)));
        assertEquals(Plots.WIDTH, image.getWidth());
    }

    @Test
    void chosenMetricsAndMissingOnes() {
        XYChart chart = Plots.learningCurves(history, Metric.ACCURACY, Metric.VAL_ACCURACY);
        assertEquals(List.of("val_accuracy", "best epoch (restored)"), List.copyOf(chart.getSeriesMap().keySet()));
        assertTrue(chart.getTitle().contains("val_accuracy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.learningCurves(history, Metric.ACCURACY));
        assertTrue(e.getMessage().contains("was recorded"), e.getMessage());
        History empty = new History(List.of(), StopReason.DIVERGED, "", 0);
        assertThrows(IllegalArgumentException.class, () -> Plots.learningCurves(empty));
    }
}
