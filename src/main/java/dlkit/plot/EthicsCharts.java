package dlkit.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.api.ndarray.INDArray;

import dlkit.data.ImageOps;
import dlkit.data.LabeledImages;
import dlkit.ethics.Explanations;
import dlkit.ethics.FairnessAudit;
import dlkit.ethics.FeatureImportance;
import dlkit.ethics.GroupMetrics;
import dlkit.ethics.GroupRate;

/**
 * The charts of the ethics notebook: per-group rates of a fairness audit, audits compared group by group,
 * permutation importances, saliency maps and integrated gradients. Package-private, reached through {@link Plots}.
 */
final class EthicsCharts {

    private EthicsCharts() {
    }

    /**
     * A group's label on the x axis: its name, with its size, marked when too small to judge, or when it
     * has no positive or no negative rows (its true or false positive rate is undefined and has no bar).
     */
    private static String label(GroupMetrics g) {
        String mark = g.tooSmall() ? ", too small" : g.positives() == 0 ? ", no positives"
                : g.negatives() == 0 ? ", no negatives" : "";
        return g.group() + " (n=" + g.size() + mark + ")";
    }

    /** A rate as a bar's height: none for an undefined rate, which is not 0. */
    private static Double bar(double rate) {
        return Double.isNaN(rate) ? null : rate;
    }

    static CategoryChart groupMetrics(FairnessAudit audit, GroupRate... rates) {
        if (audit == null) {
            throw new IllegalArgumentException("groupMetrics: the audit is null; pass FairnessAudit.of(...)");
        }
        GroupRate[] shown = rates.length == 0
                ? new GroupRate[]{GroupRate.SELECTION_RATE, GroupRate.TRUE_POSITIVE_RATE, GroupRate.FALSE_POSITIVE_RATE}
                : rates;
        List<String> categories = new ArrayList<>();
        for (GroupMetrics g : audit.groups()) {
            categories.add(label(g));
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (GroupRate rate : shown) {
            List<Double> values = new ArrayList<>();
            for (GroupMetrics g : audit.groups()) {
                values.add(bar(rate.of(g)));
            }
            series.put(rate.label(), values);
        }
        String title = String.format(Locale.ROOT, "Rates by %s (positive: %s; parity difference %s)", audit.attribute(),
                audit.positiveClass(), fmt(audit.demographicParityDifference()));
        return chart(title, audit.attribute(), "rate", categories, series, true);
    }

    static CategoryChart groupMetrics(Map<String, FairnessAudit> audits, GroupRate rate) {
        if (audits == null || audits.isEmpty()) {
            throw new IllegalArgumentException("groupMetrics: no audits; pass a map such as before -> audit, after -> audit");
        }
        FairnessAudit first = audits.values().iterator().next();
        List<String> categories = new ArrayList<>();
        for (GroupMetrics g : first.groups()) {
            categories.add(label(g));
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (Map.Entry<String, FairnessAudit> e : Plots.ordered(audits).entrySet()) {
            List<Double> values = new ArrayList<>();
            for (GroupMetrics g : first.groups()) {
                values.add(bar(rate.of(e.getValue().group(g.group()))));
            }
            series.put(String.format(Locale.ROOT, "%s (accuracy %.3f)", e.getKey(), e.getValue().accuracy()), values);
        }
        return chart(rate.label().substring(0, 1).toUpperCase(Locale.ROOT) + rate.label().substring(1) + " by "
                + first.attribute(), first.attribute(), rate.label(), categories, series, true);
    }

    static CategoryChart featureImportance(List<FeatureImportance> importances, int top) {
        if (importances == null || importances.isEmpty()) {
            throw new IllegalArgumentException("featureImportance: no importances; pass Explanations.permutationImportance(...)");
        }
        if (top < 1) {
            throw new IllegalArgumentException("featureImportance: top " + top + " must be at least 1, e.g. 15");
        }
        List<FeatureImportance> shown = importances.subList(0, Math.min(top, importances.size()));
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (FeatureImportance f : shown) {
            names.add(f.feature());
            values.add(f.importance());
            errors.add(f.std());
        }
        CategoryChart chart = new CategoryChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title("Permutation importance" + (shown.size() < importances.size() ? " (top " + shown.size() + " of "
                        + importances.size() + ")" : ""))
                .xAxisTitle("input (shuffled)").yAxisTitle("drop in accuracy").build();
        Plots.style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setErrorBarsColor(new java.awt.Color(0x444444));
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.addSeries("mean drop over repeats", names, values, errors);
        return chart;
    }

    static CategoryChart attributions(String title, Map<String, Double> values, int top) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("attributions: no values; pass e.g. Explanations.shapley(...).named() "
                    + "or Explanations.lime(...).named()");
        }
        if (top < 1) {
            throw new IllegalArgumentException("attributions: top " + top + " must be at least 1, e.g. 10");
        }
        List<Map.Entry<String, Double>> shown = values.entrySet().stream()
                .sorted((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue()))).limit(top).toList();
        List<String> names = new ArrayList<>();
        List<Double> up = new ArrayList<>();
        List<Double> down = new ArrayList<>();
        for (Map.Entry<String, Double> e : shown) {
            names.add(e.getKey());
            up.add(e.getValue() > 0 ? e.getValue() : null);
            down.add(e.getValue() > 0 ? null : e.getValue());
        }
        CategoryChart chart = new CategoryChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title(title + (shown.size() < values.size() ? " (largest " + shown.size() + " of " + values.size() + ")" : ""))
                .xAxisTitle("input").yAxisTitle("effect on the output").build();
        Plots.style(chart.getStyler());
        chart.getStyler().setStacked(true);
        chart.getStyler().setXAxisLabelRotation(names.size() > 5 ? 45 : 0);
        chart.getStyler().setSeriesColors(new java.awt.Color[]{new java.awt.Color(0x2E7D32), new java.awt.Color(0xC62828)});
        chart.addSeries("pushed up", names, up);
        chart.addSeries("pushed down", names, down);
        return chart;
    }

    static BufferedImage saliency(LabeledImages images, int[] indices, INDArray maps) {
        return besideImages("Saliency: each image, then where its class score is most sensitive (white)", "saliency",
                images, indices, maps);
    }

    static BufferedImage contributions(LabeledImages images, int[] indices, INDArray contributions) {
        if (contributions == null) {
            throw new IllegalArgumentException("contributions: the map is null; pass Explanations.integratedGradients(...)");
        }
        return besideImages("Integrated gradients: each image, then the pixels that pushed towards its class (white)",
                "pushed towards", images, indices, org.nd4j.linalg.ops.transforms.Transforms.relu(contributions, true));
    }

    static BufferedImage gradCam(LabeledImages images, int[] indices, int[] classes, INDArray maps) {
        if (indices == null || indices.length == 0 || maps == null || maps.size(0) != indices.length
                || classes == null || classes.length != indices.length) {
            throw new IllegalArgumentException("gradCam: " + (indices == null ? 0 : indices.length) + " images, "
                    + (classes == null ? 0 : classes.length) + " classes and " + (maps == null ? 0 : maps.size(0))
                    + " maps; give one class and one map per image shown, in the same order");
        }
        if (maps.rank() != 3) {
            throw new IllegalArgumentException("gradCam: maps of shape " + java.util.Arrays.toString(maps.shape())
                    + " are not [n, height, width]; pass Explanations.gradCam(...)");
        }
        double[][][] grey = new double[indices.length][][];
        double[][][] heat = new double[indices.length][][];
        List<List<String>> captions = new ArrayList<>();
        boolean[] wrong = new boolean[indices.length];
        int misread = 0;
        for (int i = 0; i < indices.length; i++) {
            grey[i] = images.image(indices[i]);
            double[][] map = maps.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i))
                    .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
            double max = java.util.Arrays.stream(map).flatMapToDouble(java.util.Arrays::stream).max().orElse(0);
            double[][] scaled = ImageOps.resize(map, images.rows(), images.cols());
            for (double[] row : scaled) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = max <= 0 ? 0 : row[c] / max;
                }
            }
            heat[i] = scaled;
            int truth = images.label(indices[i]);
            wrong[i] = classes[i] != truth;
            misread += wrong[i] ? 1 : 0;
            captions.add(List.of("evidence for " + images.classes().get(classes[i]), "true " + images.classes().get(truth)));
        }
        return ImageCharts.withHeat("Grad-CAM: where the network saw its evidence for each class"
                + (misread > 0 ? " (red: " + misread + " read wrong)" : ""), grey, heat, captions, wrong,
                Math.min(8, indices.length));
    }

    /** Each image followed by its map, eight tiles a row. */
    private static BufferedImage besideImages(String title, String caption, LabeledImages images, int[] indices,
                                              INDArray maps) {
        if (indices == null || indices.length == 0 || maps == null || maps.size(0) != indices.length) {
            throw new IllegalArgumentException(caption + ": " + (indices == null ? 0 : indices.length) + " images and "
                    + (maps == null ? 0 : maps.size(0)) + " maps; give one map per image shown, in the same order");
        }
        double[][][] heat = Explanations.toImages(maps, images.rows(), images.cols());
        double[][][] tiles = new double[indices.length * 2][][];
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < indices.length; i++) {
            tiles[2 * i] = images.image(indices[i]);
            tiles[2 * i + 1] = heat[i];
            captions.add(images.classes().get(images.label(indices[i])));
            captions.add(caption);
        }
        return ImageCharts.gridOf(title, tiles, captions, Math.min(8, tiles.length));
    }

    private static CategoryChart chart(String title, String xLabel, String yLabel, List<String> categories,
                                       Map<String, List<Double>> series, boolean rates) {
        CategoryChart chart = new CategoryChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Plots.style(chart.getStyler());
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        if (rates) {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(1.0);
        }
        if (categories.size() > 4) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
        series.forEach((name, values) -> chart.addSeries(name, categories, values));
        return chart;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
