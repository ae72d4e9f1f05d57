package dlkit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dlkit.train.History;
import dlkit.train.Metric;

/**
 * The charts the course shows, as XChart objects. A chart that is a cell's last value renders inline
 * as an image; every chart has a title, axis labels and, with more than one series, a legend.
 */
public final class Plots {

    /** Width of the course's charts, in pixels. */
    public static final int WIDTH = 720;
    /** Height of the course's charts, in pixels. */
    public static final int HEIGHT = 420;

    private Plots() {
    }

    /**
     * Lines through {@code (x, y)} points, one per series, e.g. several activation functions.
     *
     * @param series name to y values, each as long as {@code x}; drawn in the map's order (see {@link #ordered})
     * @throws IllegalArgumentException when a series is empty, its length differs from {@code x}, or it
     *                                  holds NaN
     */
    public static XYChart lines(String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("lines('" + title + "') needs at least one series");
        }
        XYChart chart = xyChart(title, xLabel, yLabel);
        chart.getStyler().setLegendVisible(series.size() > 1);
        int index = 0;
        for (Map.Entry<String, double[]> entry : ordered(series).entrySet()) {
            checkSeries(title, entry.getKey(), x, entry.getValue());
            XYSeries s = chart.addSeries(entry.getKey(), x, entry.getValue());
            s.setMarker(x.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            // Every second line dashed, so that lines on top of each other both stay visible.
            s.setLineStyle(index++ % 2 == 0 ? SOLID : DASHED);
        }
        return chart;
    }

    /**
     * DL4J's own activation functions evaluated on {@code [from, to]}, one line each: what a neuron does
     * to its weighted sum. Uses ND4J, so the curves are exactly what a layer computes.
     */
    public static XYChart activations(double from, double to, Activation... activations) {
        return activationChart("Activation functions", "activation f(z)", from, to, false, activations);
    }

    /**
     * The slopes (derivatives) of DL4J's activation functions on {@code [from, to]}: how much of the
     * error signal each one lets through during backpropagation. Sigmoid's slope never exceeds 0.25.
     */
    public static XYChart activationSlopes(double from, double to, Activation... activations) {
        return activationChart("Slopes of the activation functions", "slope f'(z)", from, to, true, activations);
    }

    private static XYChart activationChart(String title, String yLabel, double from, double to, boolean slopes,
                                           Activation... activations) {
        if (activations.length == 0) {
            throw new IllegalArgumentException("activations(...) needs at least one activation, e.g. Activation.RELU");
        }
        if (!(from < to)) {
            throw new IllegalArgumentException("activations: the range [" + from + ", " + to + "] is empty; pass from < to, e.g. -5, 5");
        }
        int points = 201;
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = from + (to - from) * i / (points - 1);
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Activation activation : activations) {
            INDArray in = Nd4j.createFromArray(x).castTo(DataType.DOUBLE);
            INDArray out = slopes
                    ? activation.getActivationFunction().backprop(in.dup(), Nd4j.onesLike(in)).getFirst()
                    : activation.getActivationFunction().getActivation(in.dup(), false);
            series.put(activation.name().toLowerCase(), out.toDoubleVector());
        }
        XYChart chart = lines(title, "weighted sum z", yLabel, x, series);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        return chart;
    }

    /**
     * Training loss per step or epoch: the curve a learner watches fall.
     *
     * @param xLabel what one point is, e.g. "epoch" or "iteration"
     */
    public static XYChart loss(String title, String xLabel, double[] losses) {
        double[] x = new double[losses.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        XYChart chart = lines(title, xLabel, "loss", x, Map.of("training loss", losses));
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    /**
     * Learning curves: training and validation loss per epoch, as recorded in a {@link History}. The
     * gap between the two is the picture of overfitting.
     */
    public static XYChart learningCurves(History history) {
        return learningCurves(history, Metric.LOSS, Metric.VAL_LOSS);
    }

    /**
     * Chosen metrics of a {@link History} per epoch, e.g. {@code ACCURACY, VAL_ACCURACY}. Metrics that were
     * not recorded are left out; at least one must have been.
     */
    public static XYChart learningCurves(History history, Metric... metrics) {
        if (history.epochCount() == 0) {
            throw new IllegalArgumentException("The history has no epochs to draw; fit for at least one epoch");
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            if (history.has(metric)) {
                series.put(metric.label(), history.values(metric));
            }
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException("None of " + java.util.Arrays.toString(metrics) + " was recorded; the history has "
                    + history.metrics());
        }
        double[] x = new double[history.epochCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = history.epochs().get(i).epoch();
        }
        boolean losses = java.util.Arrays.stream(metrics).allMatch(m -> !m.higherIsBetter());
        XYChart chart = lines(losses ? "Learning curves" : "Learning curves: " + String.join(", ", series.keySet()),
                "epoch", losses ? "loss" : "value", x, series);
        chart.getStyler().setLegendVisible(true);
        if (history.bestEpoch() > 0) {
            double[] at = {history.bestEpoch(), history.bestEpoch()};
            double[] all = series.values().stream().flatMapToDouble(java.util.Arrays::stream).toArray();
            double lo = java.util.Arrays.stream(all).min().orElse(0);
            double hi = java.util.Arrays.stream(all).max().orElse(1);
            XYSeries best = chart.addSeries("best epoch (restored)", at, new double[]{lo, hi});
            best.setMarker(SeriesMarkers.NONE);
            best.setLineColor(new Color(0x999999));
            best.setLineStyle(DASHED);
        }
        return chart;
    }

    /**
     * Bars side by side, one group per category, one colour per series, e.g. scores before and after
     * softmax.
     *
     * @param series name to one value per category
     */
    public static CategoryChart bars(String title, String xLabel, String yLabel, List<String> categories,
                                     Map<String, double[]> series) {
        if (categories.isEmpty() || series.isEmpty()) {
            throw new IllegalArgumentException("bars('" + title + "') needs at least one category and one series");
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        ordered(series).forEach((name, values) -> {
            if (values.length != categories.size()) {
                throw new IllegalArgumentException("bars('" + title + "'): series '" + name + "' has " + values.length
                        + " values for " + categories.size() + " categories; give one value per category");
            }
            List<Double> boxed = new ArrayList<>(values.length);
            for (double v : values) {
                boxed.add(v);
            }
            chart.addSeries(name, categories, boxed);
        });
        return chart;
    }

    /**
     * The series in the order they are drawn: a map with an order of its own ({@code LinkedHashMap},
     * {@code TreeMap}) keeps it; an unordered one ({@code Map.of}) is drawn in name order, so that the
     * same cell draws the same picture every time.
     */
    static <V> Map<String, V> ordered(Map<String, V> series) {
        if (series instanceof LinkedHashMap || series instanceof SortedMap) {
            return series;
        }
        return new TreeMap<>(series);
    }

    private static final BasicStroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[]{7f, 5f}, 0f);

    private static XYChart xyChart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        chart.getStyler().setXAxisDecimalPattern("#,##0.##");
        return chart;
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setLegendBorderColor(new Color(0xDDDDDD));
        styler.setAntiAlias(true);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setPlotGridLinesColor(new Color(0xE5E5E5));
            axes.setPlotGridLinesStroke(new BasicStroke(1f));
            axes.setAxisTickLabelsColor(new Color(0x333333));
        }
        styler.setSeriesColors(PALETTE);
    }

    /** A colour-blind-safe palette (Okabe and Ito). */
    private static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000)};

    private static void checkSeries(String title, String name, double[] x, double[] y) {
        if (y.length == 0 || y.length != x.length) {
            throw new IllegalArgumentException("lines('" + title + "'): series '" + name + "' has " + y.length
                    + " values for " + x.length + " x values; give one y per x");
        }
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) {
                throw new IllegalArgumentException("lines('" + title + "'): series '" + name + "' is NaN at point " + i
                        + " (x=" + x[i] + "); a NaN loss means training diverged: lower the learning rate");
            }
        }
    }
}
