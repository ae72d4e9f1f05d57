package dlkit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dlkit.eval.ConfusionMatrix;
import dlkit.eval.Roc;

/**
 * The charts of model evaluation: confusion matrices and ROC curves, as XChart objects, in the course's
 * style (see {@link Plots}). Every chart has a title, axis titles and a legend. Package-private, meant
 * to be reached from the notebooks through {@link Plots}.
 */
final class EvalCharts {

    /** Height of a confusion matrix: taller than the other charts, so that ten classes stay readable. */
    public static final int CONFUSION_HEIGHT = 600;

    private EvalCharts() {
    }

    /**
     * A confusion matrix as a heatmap: true classes down (the first at the top), predicted classes
     * across, each cell showing its count, or with {@code normalized} its share of the row (so that the
     * diagonal shows each class's recall, whatever the class sizes).
     */
    public static HeatMapChart confusionMatrix(ConfusionMatrix cm, boolean normalized) {
        if (cm == null) {
            throw new IllegalArgumentException("confusionMatrix: the matrix is null; pass ConfusionMatrix.of(predictions)");
        }
        List<String> classes = cm.classes();
        int[][] counts = cm.counts();
        double[][] values = normalized ? cm.normalized() : new double[counts.length][];
        if (!normalized) {
            for (int t = 0; t < counts.length; t++) {
                values[t] = java.util.Arrays.stream(counts[t]).asDoubleStream().toArray();
            }
        }
        String title = normalized ? "Confusion matrix (share of each true class)" : "Confusion matrix (counts)";
        return cells(title, "predicted", "true", classes, classes, values, CONFUSION_HEIGHT,
                normalized ? "0.00" : "#,##0", new Color(0x4292C6), 0, normalized ? 1.0 : Math.max(1, max(counts)),
                normalized ? "share of row" : "count");
    }

    /** See {@link Plots#heatmap}. */
    static HeatMapChart heatmap(String title, String xLabel, String yLabel, List<String> columns, List<String> rows,
                                double[][] values) {
        if (rows.isEmpty() || columns.isEmpty() || values.length != rows.size()) {
            throw new IllegalArgumentException("heatmap('" + title + "'): " + values.length + " rows of values for "
                    + rows.size() + " row labels and " + columns.size() + " column labels; give one row of values per "
                    + "row label");
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != columns.size()) {
                throw new IllegalArgumentException("heatmap('" + title + "'): row " + r + " has " + values[r].length
                        + " values for " + columns.size() + " column labels");
            }
            for (int c = 0; c < values[r].length; c++) {
                double v = values[r][c];
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("heatmap('" + title + "'): row " + r + ", column " + c + " is NaN");
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        // the colour scale starts at 0 for shares and weights, and ends at a round number, for a legible legend
        double low = min >= 0 ? 0 : min;
        double high = max > low ? roundUp(max) : low + 1;
        return cells(title, xLabel, yLabel, columns, rows, values, Math.max(Plots.HEIGHT, 60 + 26 * rows.size()),
                "0.00", new Color(0x08519C), low, high, "value");
    }

    /**
     * A grid of coloured cells, one per value, rows top down in the order given, with the value written in
     * each cell while there are few columns, and the colour scale from {@code low} (white) to {@code high}.
     */
    private static HeatMapChart cells(String title, String xLabel, String yLabel, List<String> columns,
                                      List<String> rows, double[][] values, int height, String pattern, Color darkest,
                                      double low, double high, String seriesName) {
        List<Number[]> cells = new ArrayList<>(rows.size() * columns.size());
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                cells.add(new Number[]{c, values.length - 1 - r, values[r][c]}); // the heat map draws its first row at the bottom
            }
        }
        List<String> yLabels = new ArrayList<>(rows);
        java.util.Collections.reverse(yLabels);
        HeatMapChart chart = new HeatMapChartBuilder().width(Plots.WIDTH).height(height)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        boolean few = columns.size() <= 12;
        chart.getStyler().setShowValue(few);
        chart.getStyler().setDrawBorder(few);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, columns.size() > 10 ? 9 : 12));
        chart.getStyler().setValueFontColor(new Color(0x222222));
        chart.getStyler().setHeatMapValueDecimalPattern(pattern);
        chart.getStyler().setRangeColors(new Color[]{Color.WHITE, new Color(0x9ECAE1), darkest});
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(columns.size() > 5 && columns.size() <= 20 ? 45 : 0);
        if (columns.size() > 20) {
            chart.getStyler().setXAxisMaxLabelCount(12); // long rows (e.g. 60 steps): every few labels only
        }
        chart.getStyler().setMin(low);
        chart.getStyler().setMax(high);
        chart.addSeries(seriesName, columns, yLabels, cells);
        return chart;
    }

    /** {@code value} rounded up to two significant digits (0.7149 to 0.72, 1234 to 1300). */
    static double roundUp(double value) {
        if (value <= 0) {
            return value;
        }
        return java.math.BigDecimal.valueOf(value).round(new java.math.MathContext(2, java.math.RoundingMode.CEILING))
                .doubleValue();
    }

    /**
     * ROC curves on one chart, each named in the legend with its AUC, with the diagonal of a classifier
     * that guesses ("chance", AUC 0.5).
     */
    public static XYChart roc(Roc... curves) {
        if (curves == null || curves.length == 0) {
            throw new IllegalArgumentException("roc(...): no curves given; pass at least one, e.g. Roc.of(predictions, 1)");
        }
        Map<String, Roc> named = new LinkedHashMap<>();
        for (Roc curve : curves) {
            if (named.putIfAbsent(curve.name(), curve) != null) {
                throw new IllegalArgumentException("roc(...): two curves are named '" + curve.name()
                        + "'; give them distinct names with curve.named(\"model A\") or pass a Map of name to curve");
            }
        }
        return roc(named);
    }

    /**
     * ROC curves on one chart, named by the map's keys (drawn in the map's order, see
     * {@link Plots#ordered}), each with its AUC in the legend, and the "chance" diagonal.
     */
    public static XYChart roc(Map<String, Roc> curves) {
        return rocChart("ROC curve" + (curves != null && curves.size() > 1 ? "s" : ""), curves);
    }

    /**
     * The one-vs-rest ROC curves of every class, each with its AUC, and the macro-average AUC in the title.
     */
    public static XYChart rocOneVsRest(Roc.OneVsRest curves) {
        if (curves == null) {
            throw new IllegalArgumentException("rocOneVsRest: the curves are null; pass Roc.oneVsRest(predictions)");
        }
        Map<String, Roc> named = new LinkedHashMap<>();
        for (Roc curve : curves.curves()) {
            named.put(curve.name(), curve);
        }
        XYChart chart = rocChart(String.format(Locale.ROOT, "ROC one-vs-rest (macro-average AUC %.3f)",
                curves.macroAuc()), named);
        return chart;
    }

    private static XYChart rocChart(String title, Map<String, Roc> curves) {
        if (curves == null || curves.isEmpty()) {
            throw new IllegalArgumentException("roc(...): no curves given; pass at least one, e.g. Roc.of(predictions, 1)");
        }
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title(title).xAxisTitle("false positive rate").yAxisTitle("true positive rate (recall)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisDecimalPattern("0.0");
        int index = 0;
        for (Map.Entry<String, Roc> entry : Plots.ordered(curves).entrySet()) {
            Roc curve = entry.getValue();
            if (curve == null) {
                throw new IllegalArgumentException("roc(...): the curve '" + entry.getKey() + "' is null");
            }
            String label = String.format(Locale.ROOT, "%s (AUC %.3f)", entry.getKey(), curve.auc());
            XYSeries s = chart.addSeries(label, curve.fpr(), curve.tpr());
            s.setMarker(curve.fpr().length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            s.setLineColor(PALETTE[index % PALETTE.length]);
            s.setMarkerColor(PALETTE[index % PALETTE.length]);
            s.setLineStyle(index++ % 2 == 0 ? SOLID : DASHED);
        }
        XYSeries chance = chart.addSeries("chance (AUC 0.500)", new double[]{0, 1}, new double[]{0, 1});
        chance.setMarker(SeriesMarkers.NONE);
        chance.setLineColor(new Color(0x999999));
        chance.setLineStyle(DOTTED);
        return chart;
    }

    private static int max(int[][] counts) {
        int max = 0;
        for (int[] row : counts) {
            for (int c : row) {
                max = Math.max(max, c);
            }
        }
        return max;
    }

    // The course's chart style, as in Plots.

    private static final BasicStroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[]{7f, 5f}, 0f);
    private static final BasicStroke DOTTED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[]{2f, 4f}, 0f);

    private static final Color[] PALETTE = Plots.PALETTE;

    private static void style(Styler styler) {
        Plots.style(styler);
    }
}
