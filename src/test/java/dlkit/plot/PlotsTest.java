package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import dlkit.notebook.Renderers;

class PlotsTest {

    private static final double[] X = {0, 1, 2};

    /** Every course chart is labelled, and draws headless at the course's size. */
    static void assertShowable(Chart<?, ?> chart) throws IOException {
        assertFalse(chart.getTitle().isBlank(), "title");
        assertFalse(chart.getXAxisTitle().isBlank(), "x axis title");
        assertFalse(chart.getYAxisTitle().isBlank(), "y axis title");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Renderers.png(chart)));
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
    }

    @Test
    void linesDrawOneSeriesPerEntry() throws IOException {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train", new double[]{3, 2, 1});
        series.put("validation", new double[]{3, 2.5, 2});

        XYChart chart = Plots.lines("loss", "epoch", "loss", X, series);

        assertEquals(List.of("train", "validation"), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[]{3, 2.5, 2}, chart.getSeriesMap().get("validation").getYData());
        assertTrue(chart.getStyler().isLegendVisible());
        assertShowable(chart);
    }

    @Test
    void predictedAgainstActualDrawsThePointsAndTheDiagonalOverTheirRange() throws IOException {
        XYChart chart = Plots.predictedVsActual("mass", "mass (g)", new double[]{3000, 4000, 5000},
                new double[]{3200, 3900, 5600});

        assertEquals("true mass (g)", chart.getXAxisTitle());
        assertEquals("predicted mass (g)", chart.getYAxisTitle());
        assertArrayEquals(new double[]{3200, 3900, 5600}, chart.getSeriesMap().get("examples").getYData());
        assertArrayEquals(new double[]{3000, 5600}, chart.getSeriesMap().get("perfect prediction").getXData());
        assertArrayEquals(new double[]{3000, 5600}, chart.getSeriesMap().get("perfect prediction").getYData());
        assertShowable(chart);
    }

    @Test
    void predictedAgainstActualRefusesMismatchedOrNonFiniteValues() {
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                () -> Plots.predictedVsActual("t", "y", new double[]{1, 2}, new double[]{1}));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Plots.predictedVsActual("t", "y", new double[]{1, 2}, new double[]{1, Double.NaN}));

        assertTrue(lengths.getMessage().contains("2 true and 1 predicted"), lengths.getMessage());
        assertTrue(nan.getMessage().contains("row 1"), nan.getMessage());
    }

    @Test
    void oneSeriesNeedsNoLegend() {
        XYChart chart = Plots.lines("t", "x", "y", X, Map.of("y", new double[]{1, 2, 3}));

        assertFalse(chart.getStyler().isLegendVisible());
    }

    @Test
    void aSeriesOfTheWrongLengthIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.lines("t", "x", "y", X, Map.of("short", new double[]{1, 2})));
        assertTrue(e.getMessage().contains("series 'short' has 2 values for 3 x values"), e.getMessage());
    }

    @Test
    void anEmptySeriesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.lines("t", "x", "y", new double[0], Map.of("empty", new double[0])));
        assertTrue(e.getMessage().contains("series 'empty' has 0 values"), e.getMessage());
    }

    @Test
    void noSeriesAtAllIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.lines("t", "x", "y", X, Map.of()));
        assertTrue(e.getMessage().contains("lines('t') needs at least one series"), e.getMessage());
    }

    @Test
    void aNaNPointsToTheLearningRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.lines("t", "x", "y", X, Map.of("loss", new double[]{1, Double.NaN, 3})));
        assertTrue(e.getMessage().contains("NaN at point 1 (x=1.0)"), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    }

    @Test
    void lossIsPlottedFromEpochOneDownToZero() throws IOException {
        XYChart chart = Plots.loss("Training", "epoch", new double[]{2.3, 1.1, 0.4});

        assertArrayEquals(new double[]{1, 2, 3}, chart.getSeriesMap().get("training loss").getXData());
        assertArrayEquals(new double[]{2.3, 1.1, 0.4}, chart.getSeriesMap().get("training loss").getYData());
        assertEquals(0.0, chart.getStyler().getYAxisMin());
        assertEquals("epoch", chart.getXAxisTitle());
        assertShowable(chart);
    }

    @Test
    void aDivergedLossIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.loss("Training", "epoch", new double[]{2.3, Double.NaN}));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    }

    @Test
    void barsGroupOneValuePerCategory() throws IOException {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("scores", new double[]{2, 1, 0.1});
        series.put("softmax", new double[]{0.66, 0.24, 0.1});

        CategoryChart chart = Plots.bars("Softmax", "class", "value", List.of("cat", "dog", "bird"), series);

        assertEquals(List.of("scores", "softmax"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(List.of("cat", "dog", "bird"), List.copyOf(chart.getSeriesMap().get("softmax").getXData()));
        assertShowable(chart);
    }

    @Test
    void theBarsLegendSitsOverTheLowerEndWhenDrawn() {
        List<String> categories = List.of("a", "b", "c");
        CategoryChart falling = Plots.bars("t", "x", "y", categories, Map.of("s", new double[]{3, 2, 1}, "r", new double[]{2, 1, 0}));
        CategoryChart rising = Plots.bars("t", "x", "y", categories, Map.of("s", new double[]{1, 2, 3}, "r", new double[]{0, 1, 2}));
        Renderers.png(falling);
        Renderers.png(rising);

        assertEquals(Styler.LegendPosition.InsideNE, falling.getStyler().getLegendPosition());
        assertEquals(Styler.LegendPosition.InsideNW, rising.getStyler().getLegendPosition());
    }

    @Test
    void barsNeedOneValuePerCategory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.bars("t", "x", "y", List.of("a", "b"), Map.of("s", new double[]{1, 2, 3})));
        assertTrue(e.getMessage().contains("series 's' has 3 values for 2 categories"), e.getMessage());
    }

    @Test
    void barsNeedCategoriesAndSeries() {
        assertThrows(IllegalArgumentException.class, () -> Plots.bars("t", "x", "y", List.of(), Map.of("s", new double[0])));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.bars("t", "x", "y", List.of("a"), Map.of()));
        assertTrue(e.getMessage().contains("bars('t')"), e.getMessage());
    }
}
