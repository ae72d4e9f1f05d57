package dlkit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dlkit.data.LabeledImages;
import dlkit.eval.ConfusionMatrix;
import dlkit.eval.Roc;
import dlkit.track.Run;
import dlkit.train.History;
import dlkit.train.Metric;
import dlkit.tune.SearchResults;

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
     * One metric of several training runs on one chart, e.g. the validation loss of SGD, Adam and RMSProp
     * trained on the same problem.
     *
     * @param runs run name to its history, drawn in the map's order (see {@link #ordered})
     */
    public static XYChart compareRuns(String title, Map<String, History> runs, Metric metric) {
        return runsChart("compareRuns", title, "epoch", runs, metric,
                h -> h.epochs().stream().mapToDouble(e -> e.epoch()).toArray());
    }

    /**
     * One metric of recorded runs on one chart, e.g. the runs a tracker read back ({@code tracker.runs("penguins")}),
     * named by their names (a repeated name gets its place in the list, "run (2)").
     */
    public static XYChart compareRuns(String title, List<Run> runs, Metric metric) {
        Map<String, History> histories = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            String name = histories.containsKey(run.name()) ? run.name() + " (" + (i + 1) + ")" : run.name();
            histories.put(name, History.of(run));
        }
        return compareRuns(title, histories, metric);
    }

    /**
     * One metric of several training runs against the training time (seconds since the start, at the end of each
     * epoch), e.g. two networks trained for the same time with epochs of different lengths.
     *
     * @param runs run name to its history, drawn in the map's order (see {@link #ordered})
     */
    public static XYChart compareRunsOverTime(String title, Map<String, History> runs, Metric metric) {
        return runsChart("compareRunsOverTime", title, "seconds of training", runs, metric, h -> {
            double[] x = new double[h.epochCount()];
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                total += h.epochs().get(i).millis() / 1000.0;
                x[i] = total;
            }
            return x;
        });
    }

    private static XYChart runsChart(String what, String title, String xLabel, Map<String, History> runs, Metric metric,
                                     java.util.function.Function<History, double[]> xOf) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(what + "('" + title + "') needs at least one run");
        }
        XYChart chart = xyChart(title, xLabel, metric.label());
        int index = 0;
        for (Map.Entry<String, History> run : ordered(runs).entrySet()) {
            History h = run.getValue();
            if (!h.has(metric)) {
                throw new IllegalArgumentException(what + ": run '" + run.getKey() + "' did not record "
                        + metric.label() + "; it recorded " + h.metrics());
            }
            XYSeries s = chart.addSeries(run.getKey(), xOf.apply(h), h.values(metric));
            s.setMarker(h.epochCount() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            s.setLineStyle(index++ % 2 == 0 ? SOLID : DASHED);
        }
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    /**
     * A series and forecasts of it: the actual values over the whole time axis, and each forecast from
     * {@code start} on (e.g. the test part), so that a learner sees where the model follows the series
     * and where it does not.
     *
     * @param actual    the real series, one value per step
     * @param forecasts name to predicted values for steps {@code start, start+1, ...}
     * @param start     the step of the first forecast value
     */
    public static XYChart forecast(String title, String xLabel, String yLabel, double[] actual,
                                   Map<String, double[]> forecasts, int start) {
        if (start < 0 || start >= actual.length) {
            throw new IllegalArgumentException("forecast('" + title + "'): start " + start + " is outside the series of "
                    + actual.length + " steps; pass the index of the first forecast step");
        }
        XYChart chart = xyChart(title, xLabel, yLabel);
        double[] t = new double[actual.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
        }
        XYSeries real = chart.addSeries("actual", t, actual);
        real.setMarker(SeriesMarkers.NONE);
        real.setLineStyle(SOLID);
        real.setLineColor(new Color(0x444444));
        int index = 0;
        for (Map.Entry<String, double[]> f : ordered(forecasts).entrySet()) {
            double[] y = f.getValue();
            if (y.length == 0 || start + y.length > actual.length) {
                throw new IllegalArgumentException("forecast('" + title + "'): '" + f.getKey() + "' has " + y.length
                        + " values from step " + start + ", but the series has " + actual.length
                        + " steps; give at most " + (actual.length - start) + " values");
            }
            double[] x = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                x[i] = start + i;
            }
            XYSeries s = chart.addSeries(f.getKey(), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(PALETTE[index % PALETTE.length]);
            s.setLineStyle(index++ % 2 == 0 ? SOLID : DASHED);
        }
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        return chart;
    }

    /**
     * The decision regions of a classifier on two features: a grid of points coloured by the class the
     * model predicts there, under the data points coloured by their true class.
     *
     * @param model    the network's class probabilities for rows of two features, e.g. {@code net::output}
     * @param features the data, shape {@code [n, 2]}
     * @param labels   the true class of each row
     * @param classes  the class names
     */
    public static XYChart decisionBoundary(String title, String xLabel, String yLabel,
                                           java.util.function.Function<INDArray, INDArray> model,
                                           INDArray features, int[] labels, List<String> classes) {
        if (features.rank() != 2 || features.columns() != 2) {
            throw new IllegalArgumentException("decisionBoundary needs features of shape [n, 2], not "
                    + java.util.Arrays.toString(features.shape()) + "; pick two columns, e.g. features.getColumns(0, 1)");
        }
        if (labels.length != features.rows()) {
            throw new IllegalArgumentException("decisionBoundary: " + labels.length + " labels for " + features.rows()
                    + " rows; give one label per row");
        }
        double[] xs = features.getColumn(0).toDoubleVector();
        double[] ys = features.getColumn(1).toDoubleVector();
        double x0 = java.util.Arrays.stream(xs).min().orElse(0), x1 = java.util.Arrays.stream(xs).max().orElse(1);
        double y0 = java.util.Arrays.stream(ys).min().orElse(0), y1 = java.util.Arrays.stream(ys).max().orElse(1);
        double padX = (x1 - x0) * 0.08 + 1e-9, padY = (y1 - y0) * 0.08 + 1e-9;
        x0 -= padX;
        x1 += padX;
        y0 -= padY;
        y1 += padY;
        int steps = 70;
        double[][] grid = new double[steps * steps][2];
        for (int i = 0; i < steps; i++) {
            for (int j = 0; j < steps; j++) {
                grid[i * steps + j][0] = x0 + (x1 - x0) * i / (steps - 1);
                grid[i * steps + j][1] = y0 + (y1 - y0) * j / (steps - 1);
            }
        }
        INDArray gridArray = Nd4j.createFromArray(grid).castTo(features.dataType());
        INDArray predicted = model.apply(gridArray);
        int[] gridClass = predicted.columns() == 1
                ? java.util.Arrays.stream(predicted.toDoubleVector()).mapToInt(p -> p >= 0.5 ? 1 : 0).toArray()
                : predicted.argMax(1).toIntVector();
        XYChart chart = xyChart(title, xLabel, yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (int k = 0; k < classes.size(); k++) {
            final int cls = k;
            double[] rx = java.util.stream.IntStream.range(0, grid.length).filter(i -> gridClass[i] == cls).mapToDouble(i -> grid[i][0]).toArray();
            double[] ry = java.util.stream.IntStream.range(0, grid.length).filter(i -> gridClass[i] == cls).mapToDouble(i -> grid[i][1]).toArray();
            if (rx.length > 0) {
                XYSeries region = chart.addSeries("region " + classes.get(k), rx, ry);
                Color c = PALETTE[k % PALETTE.length];
                region.setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 45));
                region.setMarker(SeriesMarkers.SQUARE);
                region.setShowInLegend(false);
            }
        }
        for (int k = 0; k < classes.size(); k++) {
            final int cls = k;
            double[] px = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == cls).mapToDouble(i -> xs[i]).toArray();
            double[] py = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == cls).mapToDouble(i -> ys[i]).toArray();
            if (px.length > 0) {
                XYSeries points = chart.addSeries(classes.get(k), px, py);
                points.setMarkerColor(PALETTE[k % PALETTE.length]);
                points.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    /**
     * A regression's predictions against the truth, one point per example, with the diagonal on which a
     * perfect model's points would lie: points above it are overestimates, points below underestimates.
     *
     * @param quantity  what is predicted, with its unit, e.g. "body mass (g)": the axes read "true ..." and
     *                  "predicted ..."
     * @param actual    the true values
     * @param predicted the predictions, row-aligned with {@code actual}
     * @throws IllegalArgumentException when the arrays are empty, differ in length, or hold NaN or infinity
     */
    public static XYChart predictedVsActual(String title, String quantity, double[] actual, double[] predicted) {
        if (actual.length == 0 || actual.length != predicted.length) {
            throw new IllegalArgumentException("predictedVsActual('" + title + "'): " + actual.length + " true and "
                    + predicted.length + " predicted values; give one prediction per example, at least one");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < actual.length; i++) {
            if (!Double.isFinite(actual[i]) || !Double.isFinite(predicted[i])) {
                throw new IllegalArgumentException("predictedVsActual('" + title + "'): row " + i + " holds "
                        + actual[i] + " (true) and " + predicted[i] + " (predicted); every value must be a finite "
                        + "number (a NaN prediction usually means training diverged)");
            }
            lo = Math.min(lo, Math.min(actual[i], predicted[i]));
            hi = Math.max(hi, Math.max(actual[i], predicted[i]));
        }
        XYChart chart = xyChart(title, "true " + quantity, "predicted " + quantity);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLegendVisible(true);
        XYSeries diagonal = chart.addSeries("perfect prediction", new double[]{lo, hi}, new double[]{lo, hi});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(new Color(0x999999));
        diagonal.setLineStyle(DASHED);
        XYSeries points = chart.addSeries("examples", actual.clone(), predicted.clone());
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(PALETTE[0]);
        return chart;
    }

    /** The confusion matrix as a heatmap of counts: rows are the true classes, columns the predicted ones. */
    public static HeatMapChart confusionMatrix(ConfusionMatrix matrix) {
        return EvalCharts.confusionMatrix(matrix, false);
    }

    /**
     * The confusion matrix as a heatmap; {@code normalized} shows each true class's row as shares that add
     * up to 1 (the recall of each class on the diagonal).
     */
    public static HeatMapChart confusionMatrix(ConfusionMatrix matrix, boolean normalized) {
        return EvalCharts.confusionMatrix(matrix, normalized);
    }

    /** ROC curves with their AUC in the legend, against the diagonal of a classifier that guesses. */
    public static XYChart roc(Roc... curves) {
        return EvalCharts.roc(curves);
    }

    /** One ROC curve per class, each class against the rest, with the macro-average AUC in the title. */
    public static XYChart roc(Roc.OneVsRest curves) {
        return EvalCharts.rocOneVsRest(curves);
    }

    /** Images of a dataset in a grid, each captioned with its label. Shows inline as a PNG image. */
    public static BufferedImage images(LabeledImages images, int[] indices, int columns) {
        return ImageCharts.grid(images, indices, columns);
    }

    /**
     * Images with the model's prediction and the true label under each; misclassified ones are framed
     * and captioned in red. {@code predicted} holds one class per image of the set, as
     * {@code Predictions.predicted()} gives it; only the images at {@code indices} are shown.
     */
    public static BufferedImage images(LabeledImages images, int[] indices, int[] predicted, int columns) {
        return ImageCharts.grid(images, indices, predicted, columns);
    }

    /**
     * Any grey images (pixel rows in [0, 1]) in a grid with a title and captions: reconstructions,
     * generated digits, augmented samples.
     */
    public static BufferedImage images(String title, double[][][] images, List<String> captions, int columns) {
        return ImageCharts.gridOf(title, images, captions, columns);
    }

    /**
     * Flat square grey images {@code [n, side * side]}, pixels in [0, 1], in a grid with one caption per image,
     * e.g. a generator's digits with what a classifier reads in them.
     */
    public static BufferedImage images(String title, int side, INDArray pixels, List<String> captions, int columns) {
        return ImageCharts.gridOf(title, side, pixels, captions, columns);
    }

    /**
     * Rows of square grey images from flat arrays {@code [n, side * side]}, one row per entry, e.g.
     * {@code Map.of("original", x, "reconstructed", net.output(x))}: the first {@code count} of each.
     */
    public static BufferedImage imageRows(String title, int side, Map<String, INDArray> rows, int count) {
        return ImageCharts.rows(title, side, ordered(rows), count);
    }

    /**
     * A matrix as a heat map, first row on top, e.g. attention weights (rows: the positions that look,
     * columns: the positions looked at). Values are shown in the cells when there are at most 12 columns.
     *
     * @param values one row per row label, one value per column label
     * @throws IllegalArgumentException when the shape does not match the labels, or a value is NaN
     */
    public static HeatMapChart heatmap(String title, String xLabel, String yLabel, List<String> columns,
                                       List<String> rows, double[][] values) {
        return EvalCharts.heatmap(title, xLabel, yLabel, columns, rows, values);
    }

    /** The filters of a convolution layer (weights of shape [out, in, height, width]) as small images. */
    public static BufferedImage filters(INDArray weights) {
        return ImageCharts.filters(weights);
    }

    /** The feature maps of a convolution layer for one image (shape [1, channels, height, width]). */
    public static BufferedImage featureMaps(INDArray activations) {
        return ImageCharts.featureMaps(activations);
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
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
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
     * The rates of every group of a fairness audit as bars, one colour per rate (by default selection
     * rate, true positive rate and false positive rate); groups too small to judge are marked in their
     * label. An undefined rate (the true positive rate of a group with no positives) has no bar, and the
     * group's label says why.
     */
    public static CategoryChart groupMetrics(dlkit.ethics.FairnessAudit audit, dlkit.ethics.GroupRate... rates) {
        return EthicsCharts.groupMetrics(audit, rates);
    }

    /**
     * One rate of the same groups under several audits, e.g. the selection rate by sex before and after a
     * mitigation, with each audit's accuracy in the legend.
     *
     * @param audits name to audit, drawn in the map's order (see {@link #ordered})
     */
    public static CategoryChart groupMetrics(Map<String, dlkit.ethics.FairnessAudit> audits, dlkit.ethics.GroupRate rate) {
        return EthicsCharts.groupMetrics(audits, rate);
    }

    /** Permutation importances as bars with their spread over the repeats, the {@code top} largest. */
    public static CategoryChart featureImportance(List<dlkit.ethics.FeatureImportance> importances, int top) {
        return EthicsCharts.featureImportance(importances, top);
    }

    /**
     * Images next to their saliency maps (white: where the class score is most sensitive).
     *
     * @param maps one map per index, e.g. {@code Explanations.saliency(net, features, classes)}
     */
    public static BufferedImage saliency(LabeledImages images, int[] indices, INDArray maps) {
        return EthicsCharts.saliency(images, indices, maps);
    }

    /**
     * Images next to the pixels that pushed their score towards the class (white), from integrated gradients;
     * the pixels that pushed away are left dark.
     *
     * @param contributions one map per index, e.g. {@code Explanations.integratedGradients(net, features, classes, null, 64)}
     */
    public static BufferedImage contributions(LabeledImages images, int[] indices, INDArray contributions) {
        return EthicsCharts.contributions(images, indices, contributions);
    }

    /**
     * Images with their Grad-CAM maps laid over them (red to yellow: where the network saw evidence for the
     * class), captioned with the class explained and the true one; images whose explained class is not the true
     * one (e.g. misread digits explained for what the network read) are framed in red.
     *
     * @param classes the class each map explains, e.g. the predicted ones
     * @param maps    {@code Explanations.gradCam(net, features, classes)}, one map per index
     */
    public static BufferedImage gradCam(LabeledImages images, int[] indices, int[] classes, INDArray maps) {
        return EthicsCharts.gradCam(images, indices, classes, maps);
    }

    /**
     * Signed effects of the inputs on one prediction as bars, largest first: green pushed the output up, red
     * pushed it down. For {@code Explanations.shapley(...).named()} (shares of the prediction) and
     * {@code Explanations.lime(...).named()} (local slopes).
     *
     * @param top how many inputs to show, the largest effects
     */
    public static CategoryChart attributions(String title, Map<String, Double> values, int top) {
        return EthicsCharts.attributions(title, values, top);
    }

    /**
     * The score of each trial of a search against one parameter's value, the best trial marked: does the
     * score depend on this parameter, and where is it best? Learning rates and other positive values that
     * span more than a factor of 20 are drawn on a logarithmic axis. Failed trials are left out.
     *
     * @param parameter a number parameter of the search, e.g. "learningRate"
     * @throws IllegalArgumentException when the search has no such parameter, or it holds words
     */
    public static XYChart searchResults(SearchResults results, String parameter) {
        return SearchCharts.scoreAgainst(results, parameter, null);
    }

    /**
     * Like {@link #searchResults(SearchResults, String)}, with one colour per value of a second parameter,
     * e.g. score against learning rate, one line per layer size. In a grid search where each colour has one
     * trial per x value, the points are joined by lines.
     */
    public static XYChart searchResults(SearchResults results, String parameter, String groupBy) {
        return SearchCharts.scoreAgainst(results, parameter, groupBy);
    }

    /**
     * The score of each trial in the order the trials ran, and the best score so far: how quickly a (random)
     * search found good settings, and whether more trials would likely help.
     */
    public static XYChart searchProgress(SearchResults results) {
        return SearchCharts.progress(results);
    }

    /**
     * The best score so far, trial by trial, of several searches on one chart, e.g. random and Bayesian
     * search at the same budget with a few seeds each: which climbs faster, and how much the seed matters.
     *
     * @param searches name to results, drawn in the map's order (see {@link #ordered}); all scored alike
     */
    public static XYChart compareSearches(String title, Map<String, SearchResults> searches) {
        return SearchCharts.compare(title, searches);
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

    static final BasicStroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[]{7f, 5f}, 0f);

    static XYChart xyChart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        chart.getStyler().setXAxisDecimalPattern("#,##0.##");
        return chart;
    }

    static void style(Styler styler) {
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
    static final Color[] PALETTE = {
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
