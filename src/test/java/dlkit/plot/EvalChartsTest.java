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
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

import dlkit.eval.ConfusionMatrix;
import dlkit.eval.Predictions;
import dlkit.eval.Roc;

class EvalChartsTest {

    private static final ConfusionMatrix CM = new ConfusionMatrix(new int[][]{{3, 1, 0}, {1, 1, 0}, {2, 2, 0}},
            List.of("cat", "dog", "bird"));
    private static final Roc TIES = Roc.of(new int[]{0, 0, 1, 1, 0, 1}, new double[]{0.1, 0.4, 0.35, 0.8, 0.4, 0.4});
    private static final Roc PERFECT = Roc.of(new int[]{0, 0, 1, 1}, new double[]{0.1, 0.2, 0.7, 0.9});

    /** The chart is labelled, has a legend, and draws headless as a PNG of the given size. */
    private static void assertDrawn(Chart<?, ?> chart, int width, int height) throws IOException {
        assertFalse(chart.getTitle().isBlank(), "title");
        assertFalse(chart.getXAxisTitle().isBlank(), "x axis title");
        assertFalse(chart.getYAxisTitle().isBlank(), "y axis title");
        assertTrue(chart.getStyler().isLegendVisible(), "legend");
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        assertTrue(png.length > 1000, () -> png.length + " bytes");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
    }

    /** The value of the heatmap cell at (predicted x, true class t), the first true class drawn on top. */
    private static Number cell(HeatMapChart chart, int truth, int predicted) {
        HeatMapSeries series = chart.getHeatMapSeries();
        int rows = series.getYData().size();
        for (Number[] c : series.getHeatData()) {
            if (c[0].intValue() == predicted && c[1].intValue() == rows - 1 - truth) {
                return c[2];
            }
        }
        throw new AssertionError("no cell " + truth + ", " + predicted);
    }

    @Test
    void anyMatrixIsAHeatmapWithItsFirstRowOnTop() throws IOException {
        double[][] weights = {{0.7, 0.2, 0.1}, {0.1, 0.1, 0.8}};
        HeatMapChart chart = Plots.heatmap("Attention weights", "looked at", "looking", List.of("a", "b", "c"),
                List.of("first", "second"), weights);

        assertEquals(List.of("second", "first"), chart.getHeatMapSeries().getYData());
        assertEquals(0.7, cell(chart, 0, 0).doubleValue());
        assertEquals(0.8, cell(chart, 1, 2).doubleValue());
        assertEquals(0.8, chart.getStyler().getMax(), 1e-12);
        assertEquals(0.0, chart.getStyler().getMin(), "weights and shares are scaled from 0");
        assertEquals(0.72, EvalCharts.roundUp(0.7149), 1e-12);
        assertEquals("0.82", String.valueOf(EvalCharts.roundUp(0.8163)), "no 0.8200000000000001 in the legend");
        assertEquals(1300, EvalCharts.roundUp(1234), 1e-9);
        assertDrawn(chart, Plots.WIDTH, Plots.HEIGHT);
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Plots.heatmap("t", "x", "y", List.of("a", "b"), List.of("r"), new double[][]{{1}}));
        assertTrue(ragged.getMessage().contains("row 0 has 1 values for 2 column labels"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Plots.heatmap("t", "x", "y", List.of("a"), List.of("r"), new double[][]{{Double.NaN}}));
    }

    @Test
    void aConfusionMatrixIsAHeatmapOfCounts() throws IOException {
        HeatMapChart chart = EvalCharts.confusionMatrix(CM, false);

        assertEquals("predicted", chart.getXAxisTitle());
        assertEquals("true", chart.getYAxisTitle());
        assertTrue(chart.getTitle().contains("counts"), chart.getTitle());
        assertEquals(List.of("cat", "dog", "bird"), chart.getHeatMapSeries().getXData());
        // the first class on top: the y categories run bottom-up
        assertEquals(List.of("bird", "dog", "cat"), chart.getHeatMapSeries().getYData());
        assertEquals(3, cell(chart, 0, 0).intValue());
        assertEquals(2, cell(chart, 2, 1).intValue());
        assertEquals(9, chart.getHeatMapSeries().getHeatData().size());
        assertTrue(chart.getStyler().isShowValue());
        assertEquals(3.0, chart.getStyler().getMax());
        assertDrawn(chart, Plots.WIDTH, EvalCharts.CONFUSION_HEIGHT);
    }

    @Test
    void aNormalizedConfusionMatrixShowsShares() throws IOException {
        HeatMapChart chart = EvalCharts.confusionMatrix(CM, true);

        assertTrue(chart.getTitle().contains("share"), chart.getTitle());
        assertEquals(0.75, cell(chart, 0, 0).doubleValue()); // cat row 3 1 0 over 4
        assertEquals(0.5, cell(chart, 2, 1).doubleValue()); // bird row 2 2 0 over 4
        assertEquals(1.0, chart.getStyler().getMax());
        assertDrawn(chart, Plots.WIDTH, EvalCharts.CONFUSION_HEIGHT);
    }

    @Test
    void tenClassesStillDraw() throws IOException {
        int[][] counts = new int[10][10];
        for (int i = 0; i < 10; i++) {
            counts[i][i] = 900 + i;
            counts[i][(i + 1) % 10] = 10 * i;
        }
        List<String> names = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                "Sneaker", "Bag", "Ankle boot");

        assertDrawn(EvalCharts.confusionMatrix(new ConfusionMatrix(counts, names), false), Plots.WIDTH,
                EvalCharts.CONFUSION_HEIGHT);
    }

    @Test
    void rocCurvesCarryTheirAreaInTheLegendAndTheChanceLine() throws IOException {
        XYChart chart = EvalCharts.roc(TIES.named("model A"), PERFECT.named("model B"));

        assertEquals(List.of("model A (AUC 0.667)", "model B (AUC 1.000)", "chance (AUC 0.500)"),
                List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(TIES.fpr(), chart.getSeriesMap().get("model A (AUC 0.667)").getXData());
        assertArrayEquals(TIES.tpr(), chart.getSeriesMap().get("model A (AUC 0.667)").getYData());
        assertArrayEquals(new double[]{0, 1}, chart.getSeriesMap().get("chance (AUC 0.500)").getYData());
        assertEquals("false positive rate", chart.getXAxisTitle());
        assertEquals("ROC curves", chart.getTitle());
        assertDrawn(chart, Plots.WIDTH, Plots.HEIGHT);
    }

    @Test
    void rocCurvesFromAMapAreNamedByTheirKeys() throws IOException {
        Map<String, Roc> curves = new LinkedHashMap<>();
        curves.put("small net", PERFECT);
        XYChart chart = EvalCharts.roc(curves);

        assertEquals(List.of("small net (AUC 1.000)", "chance (AUC 0.500)"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals("ROC curve", chart.getTitle());
        assertDrawn(chart, Plots.WIDTH, Plots.HEIGHT);
    }

    @Test
    void oneVsRestDrawsEveryClassWithTheMacroAreaInTheTitle() throws IOException {
        Predictions p = Predictions.of(new int[]{0, 1, 2, 2, 1, 0}, new double[][]{
                {0.7, 0.2, 0.1}, {0.3, 0.4, 0.3}, {0.2, 0.2, 0.6},
                {0.1, 0.5, 0.4}, {0.6, 0.3, 0.1}, {0.5, 0.25, 0.25}}, List.of("cat", "dog", "bird"));
        XYChart chart = EvalCharts.rocOneVsRest(Roc.oneVsRest(p));

        assertEquals(List.of("cat (AUC 0.875)", "dog (AUC 0.750)", "bird (AUC 1.000)", "chance (AUC 0.500)"),
                List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals("ROC one-vs-rest (macro-average AUC 0.875)", chart.getTitle());
        assertDrawn(chart, Plots.WIDTH, Plots.HEIGHT);
    }

    @Test
    void rocChartsNeedCurvesWithDistinctNames() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, EvalCharts::roc);
        assertTrue(none.getMessage().contains("no curves given"), none.getMessage());
        IllegalArgumentException emptyMap = assertThrows(IllegalArgumentException.class, () -> EvalCharts.roc(Map.of()));
        assertTrue(emptyMap.getMessage().contains("Roc.of(predictions, 1)"), emptyMap.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> EvalCharts.roc(TIES, PERFECT));
        assertTrue(twice.getMessage().contains("two curves are named 'positive'"), twice.getMessage());
        assertTrue(twice.getMessage().contains("named(\"model A\")"), twice.getMessage());
    }

    @Test
    void aMissingMatrixOrCurveSetIsRefused() {
        IllegalArgumentException cm = assertThrows(IllegalArgumentException.class,
                () -> EvalCharts.confusionMatrix(null, false));
        assertTrue(cm.getMessage().contains("ConfusionMatrix.of(predictions)"), cm.getMessage());
        IllegalArgumentException ovr = assertThrows(IllegalArgumentException.class, () -> EvalCharts.rocOneVsRest(null));
        assertTrue(ovr.getMessage().contains("Roc.oneVsRest(predictions)"), ovr.getMessage());
    }
}
