package dlkit.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import dlkit.tune.Search;
import dlkit.tune.SearchResults;
import dlkit.tune.SearchSpace;
import dlkit.tune.Trial;

class SearchChartsTest {

    /** A made-up accuracy: best at learning rate 0.01, better with more units. */
    private static double accuracy(Trial t) {
        return 0.9 - Math.abs(Math.log10(t.getDouble("learningRate")) + 2) * 0.1 + t.getInt("units") / 1000.0;
    }

    private static SearchResults grid() {
        SearchSpace space = SearchSpace.of().values("learningRate", 1e-4, 1e-3, 1e-2, 1e-1).values("units", 16, 64)
                .values("activation", "relu");
        return Search.grid(space).quiet().maximize(SearchChartsTest::accuracy);
    }

    @Test
    void scoreAgainstALearningRateUsesALogAxisAndMarksTheBest() throws IOException {
        XYChart chart = Plots.searchResults(grid(), "learningRate");

        assertEquals("Grid search: score against learningRate", chart.getTitle());
        assertEquals("learningRate (log scale)", chart.getXAxisTitle());
        assertEquals("score", chart.getYAxisTitle());
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        assertEquals("0.######", chart.getStyler().getXAxisDecimalPattern(), "small rates are not rounded to 0");
        assertEquals(List.of("trials", "best: trial 6"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(8, chart.getSeriesMap().get("trials").getXData().length);
        assertArrayEquals(new double[]{0.01}, chart.getSeriesMap().get("best: trial 6").getXData());
        PlotsTest.assertShowable(chart);
    }

    @Test
    void groupingDrawsOneLinePerValueInAGrid() throws IOException {
        XYChart chart = Plots.searchResults(grid(), "learningRate", "units");

        assertEquals(List.of("units = 16", "units = 64", "best: trial 6"), List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries small = chart.getSeriesMap().get("units = 16");
        assertEquals(XYSeries.XYSeriesRenderStyle.Line, small.getXYSeriesRenderStyle());
        assertArrayEquals(new double[]{1e-4, 1e-3, 1e-2, 1e-1}, small.getXData());
        PlotsTest.assertShowable(chart);
    }

    @Test
    void aNarrowRangeKeepsALinearAxisAndARandomSearchIsDrawnAsPoints() {
        SearchResults random = Search.random(SearchSpace.of().range("dropout", 0.0, 0.5).values("units", 16, 64), 6, 1)
                .quiet().maximize(t -> 1 - t.getDouble("dropout"));

        XYChart chart = Plots.searchResults(random, "dropout", "units");

        assertFalse(chart.getStyler().isXAxisLogarithmic());
        assertEquals("dropout", chart.getXAxisTitle());
        chart.getSeriesMap().values().forEach(s -> assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, s.getXYSeriesRenderStyle()));
    }

    @Test
    void wrongParametersAreNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Plots.searchResults(grid(), "lr"));
        assertTrue(unknown.getMessage().contains("no parameter 'lr'; its parameters are [learningRate, units, activation]"),
                unknown.getMessage());
        IllegalArgumentException words = assertThrows(IllegalArgumentException.class,
                () -> Plots.searchResults(grid(), "activation"));
        assertTrue(words.getMessage().contains("'activation' holds words"), words.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.searchResults(grid(), "units", "units"));
    }

    @Test
    void progressShowsEachTrialAndTheBestSoFar() throws IOException {
        XYChart chart = Plots.searchProgress(grid());

        assertEquals("Grid search: score trial by trial", chart.getTitle());
        assertEquals("trial", chart.getXAxisTitle());
        double[] best = chart.getSeriesMap().get("best so far").getYData();
        for (int i = 1; i < best.length; i++) {
            assertTrue(best[i] >= best[i - 1], "the best so far never gets worse");
        }
        assertEquals(accuracy(grid().best().trial()), best[best.length - 1], 1e-12);
        PlotsTest.assertShowable(chart);
    }

    @Test
    void searchesCompareByTheirBestSoFar() throws IOException {
        SearchSpace space = SearchSpace.of().logRange("learningRate", 1e-4, 1e-1).values("units", 16, 64);
        SearchResults random = Search.random(space, 12, 1).quiet().maximize(SearchChartsTest::accuracy);
        SearchResults bayesian = Search.bayesian(space, 12, 1).quiet().maximize(SearchChartsTest::accuracy);
        XYChart chart = Plots.compareSearches("Same budget", new java.util.LinkedHashMap<>(
                java.util.Map.of("random", random, "Bayesian", bayesian)));

        assertEquals("best score so far", chart.getYAxisTitle());
        assertArrayEquals(random.bestSoFar(), chart.getSeriesMap().get("random").getYData(), 1e-12);
        assertEquals(12, chart.getSeriesMap().get("Bayesian").getXData().length);
        PlotsTest.assertShowable(chart);

        SearchResults byLoss = Search.random(space, 3, 1).quiet().minimize(t -> 1 - accuracy(t));
        double[] falling = byLoss.bestSoFar();
        for (int i = 1; i < falling.length; i++) {
            assertTrue(falling[i] <= falling[i - 1], "a minimised score's best so far never rises");
        }
        assertThrows(IllegalArgumentException.class, () -> Plots.compareSearches("none", java.util.Map.of()));
    }

    @Test
    void aSearchWithNoSuccessHasNothingToDraw() {
        SearchResults failed = Search.grid(SearchSpace.of().values("units", 8)).quiet().maximize(t -> Double.NaN);

        assertThrows(IllegalArgumentException.class, () -> Plots.searchProgress(failed));
        assertThrows(IllegalArgumentException.class, () -> Plots.searchResults(failed, "units"));
    }
}
