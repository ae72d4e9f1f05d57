package dlkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

class ChartLayoutTest {

    private static XYChart chart(LegendPosition position) {
        XYChart chart = new XYChartBuilder().width(720).height(420).title("t").xAxisTitle("epoch").yAxisTitle("y").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(position);
        return chart;
    }

    private static double[] epochs(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static double[] curve(int n, boolean rising) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double falling = Math.exp(-i / 8.0);
            y[i] = rising ? 1 - falling : falling;
        }
        return y;
    }

    @Test
    void aFallingLossKeepsTheLegendTopRight() {
        XYChart chart = chart(LegendPosition.InsideNE);
        chart.addSeries("loss", epochs(40), curve(40, false));
        ChartLayout.tidy(chart);
        assertEquals(LegendPosition.InsideNE, chart.getStyler().getLegendPosition());
    }

    @Test
    void aRisingCurveMovesTheLegendToAFreeCorner() {
        XYChart chart = chart(LegendPosition.InsideNE);
        chart.addSeries("accuracy", epochs(40), curve(40, true));
        chart.addSeries("validation accuracy", epochs(40), curve(40, true));
        ChartLayout.tidy(chart);
        assertEquals(LegendPosition.InsideNW, chart.getStyler().getLegendPosition(), "above the curve's steep start");
    }

    @Test
    void dataEverywhereSendsTheLegendBelowThePlot() {
        XYChart chart = chart(LegendPosition.InsideNE);
        Random random = new Random(1);
        double[] x = new double[2000], y = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
            y[i] = random.nextDouble();
        }
        chart.addSeries("noise", x, y);
        ChartLayout.tidy(chart);
        assertEquals(LegendPosition.OutsideS, chart.getStyler().getLegendPosition());
    }

    @Test
    void aLegendPutOutsideStaysThere() {
        XYChart chart = chart(LegendPosition.OutsideE);
        chart.addSeries("loss", epochs(40), curve(40, false));
        ChartLayout.tidy(chart);
        assertEquals(LegendPosition.OutsideE, chart.getStyler().getLegendPosition());
    }

    @Test
    void barsKeepTheLegendOffTheTallBars() {
        CategoryChart chart = new CategoryChartBuilder().width(720).height(420).title("t").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        chart.addSeries("before", List.of("a", "b", "c", "d"), List.of(0.1, 0.2, 0.5, 0.9));
        chart.addSeries("after", List.of("a", "b", "c", "d"), List.of(0.1, 0.3, 0.6, 1.0));
        ChartLayout.tidy(chart);
        assertEquals(LegendPosition.InsideNW, chart.getStyler().getLegendPosition());
    }

    @Test
    void manyEquallySpacedEpochsGetRoundTicksOnce() {
        XYChart chart = chart(LegendPosition.InsideNE);
        chart.addSeries("loss", epochs(80), curve(80, false));
        ChartLayout.tidy(chart);
        ChartLayout.tidy(chart);
        assertTrue(chart.getSeriesMap().containsKey(ChartLayout.TICK_GUIDE));
        assertEquals(2, chart.getSeriesMap().size(), "one guide point, whatever the number of tidy calls");
        assertFalse(chart.getSeriesMap().get(ChartLayout.TICK_GUIDE).isShowInLegend());
        Renderers.png(chart);
    }

    @Test
    void aFineGridOfFractionsGetsRoundTicksToo() {
        XYChart grid = chart(LegendPosition.InsideNE);
        double[] x = new double[99];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.01 + i * 0.01;   // 0.01, 0.02, ..., 0.99, not exactly equal steps in binary
        }
        grid.addSeries("f", x, x);
        ChartLayout.tidy(grid);
        assertTrue(grid.getSeriesMap().containsKey(ChartLayout.TICK_GUIDE));
    }

    @Test
    void theYAxisGetsTheDecimalsItsTicksNeed() {
        XYChart small = chart(LegendPosition.InsideNE);
        small.addSeries("loss", epochs(20), curve(20, false));
        ChartLayout.tidy(small);
        assertEquals("#,##0.##", small.getStyler().getYAxisDecimalPattern());

        XYChart large = chart(LegendPosition.InsideNE);
        large.addSeries("mass", new double[]{1, 2, 3}, new double[]{3000, 4500, 6000});
        ChartLayout.tidy(large);
        assertEquals("#,##0", large.getStyler().getYAxisDecimalPattern());

        XYChart own = chart(LegendPosition.InsideNE);
        own.getStyler().setYAxisDecimalPattern("0.0");
        own.addSeries("loss", epochs(20), curve(20, false));
        ChartLayout.tidy(own);
        assertEquals("0.0", own.getStyler().getYAxisDecimalPattern(), "a chart's own pattern stays");
    }

    @Test
    void fewEpochsKeepTheirTicks() {
        XYChart few = chart(LegendPosition.InsideNE);
        few.addSeries("loss", epochs(ChartLayout.EVERY_VALUE_A_TICK), curve(ChartLayout.EVERY_VALUE_A_TICK, false));
        ChartLayout.tidy(few);
        assertFalse(few.getSeriesMap().containsKey(ChartLayout.TICK_GUIDE));
    }

    @Test
    void equallySpaced() {
        assertTrue(ChartLayout.equallySpaced(new TreeSet<>(List.of(1.0, 2.0, 3.0))));
        assertTrue(ChartLayout.equallySpaced(new TreeSet<>(List.of(0.0, 5.0, 10.0))));
        assertTrue(ChartLayout.equallySpaced(new TreeSet<>(List.of(0.5, 1.5, 2.5))));
        assertFalse(ChartLayout.equallySpaced(new TreeSet<>(List.of(1.0, 2.0, 4.0))));
        assertNotEquals(0, ChartLayout.plotArea(chart(LegendPosition.InsideNE)).getWidth());
    }
}
