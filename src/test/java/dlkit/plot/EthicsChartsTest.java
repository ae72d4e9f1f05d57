package dlkit.plot;

import static dlkit.plot.PlotsTest.assertShowable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

import dlkit.eval.Predictions;
import dlkit.ethics.FairnessAudit;
import dlkit.ethics.FeatureImportance;
import dlkit.ethics.GroupRate;

class EthicsChartsTest {

    private static FairnessAudit audit(int[] predicted) {
        int[] truth = {1, 1, 0, 0, 1, 0, 0, 0, 1};
        double[][] p = new double[truth.length][2];
        for (int i = 0; i < truth.length; i++) {
            p[i][predicted[i]] = 1;
        }
        return FairnessAudit.of(Predictions.of(truth, p, List.of("bad", "good")), "sex",
                new String[]{"f", "f", "f", "f", "m", "m", "m", "m", "x"}).minGroupSize(2);
    }

    @Test
    void groupRatesAreBarsPerGroupWithSmallGroupsMarked() throws IOException {
        CategoryChart chart = Plots.groupMetrics(audit(new int[]{1, 0, 1, 0, 1, 0, 0, 0, 1}));
        assertEquals(List.of("selection rate", "true positive rate", "false positive rate"),
                List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(List.of("f (n=4)", "m (n=4)", "x (n=1, too small)"),
                List.copyOf(chart.getSeriesMap().get("selection rate").getXData()));
        assertTrue(chart.getTitle().contains("Rates by sex"));
        assertShowable(chart);
        CategoryChart one = Plots.groupMetrics(audit(new int[]{1, 0, 1, 0, 1, 0, 0, 0, 1}), GroupRate.BASE_RATE);
        assertEquals(List.of("base rate"), List.copyOf(one.getSeriesMap().keySet()));
    }

    @Test
    void anUndefinedRateHasNoBarAndTheGroupSaysWhy() throws IOException {
        // m has no positive ("good") row: its true positive rate is undefined, not 0.
        int[] truth = {1, 1, 0, 0, 0, 0, 0, 0};
        double[][] p = {{0, 1}, {1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}, {1, 0}, {1, 0}};
        FairnessAudit audit = FairnessAudit.of(Predictions.of(truth, p, List.of("bad", "good")), "sex",
                new String[]{"f", "f", "f", "f", "m", "m", "m", "m"}).minGroupSize(2);
        CategoryChart chart = Plots.groupMetrics(audit);
        assertEquals(List.of("f (n=4)", "m (n=4, no positives)"),
                List.copyOf(chart.getSeriesMap().get("true positive rate").getXData()));
        List<?> tpr = List.copyOf(chart.getSeriesMap().get("true positive rate").getYData().stream()
                .map(v -> v == null ? "none" : v).toList());
        assertEquals(List.of(0.5, "none"), tpr);
        assertShowable(chart);
        Map<String, FairnessAudit> audits = new LinkedHashMap<>();
        audits.put("before", audit);
        audits.put("after", audit);
        assertShowable(Plots.groupMetrics(audits, GroupRate.TRUE_POSITIVE_RATE));
    }

    @Test
    void auditsAreComparedGroupByGroup() throws IOException {
        Map<String, FairnessAudit> audits = new LinkedHashMap<>();
        audits.put("before", audit(new int[]{1, 0, 1, 0, 1, 0, 0, 0, 1}));
        audits.put("after", audit(new int[]{1, 1, 0, 0, 1, 0, 0, 0, 1}));
        CategoryChart chart = Plots.groupMetrics(audits, GroupRate.SELECTION_RATE);
        assertEquals(2, chart.getSeriesMap().size());
        assertTrue(chart.getSeriesMap().keySet().iterator().next().startsWith("before (accuracy"));
        assertShowable(chart);
    }

    @Test
    void importancesAreBarsWithTheirSpread() throws IOException {
        List<FeatureImportance> importances = List.of(new FeatureImportance("duration", 0.08, 0.01),
                new FeatureImportance("purpose", 0.03, 0.02), new FeatureImportance("age", -0.01, 0.01));
        CategoryChart chart = Plots.featureImportance(importances, 2);
        assertEquals(List.of("duration", "purpose"),
                List.copyOf(chart.getSeriesMap().values().iterator().next().getXData()));
        assertTrue(chart.getTitle().contains("top 2 of 3"));
        assertShowable(chart);
        assertThrows(IllegalArgumentException.class, () -> Plots.featureImportance(List.of(), 5));
    }

    @Test
    void attributionsAreSignedBarsLargestFirst() throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("age", 0.02);
        values.put("duration", -0.10);
        values.put("savings", 0.05);
        CategoryChart chart = Plots.attributions("Shapley values", values, 2);
        assertEquals(List.of("duration", "savings"),
                List.copyOf(chart.getSeriesMap().get("pushed up").getXData()));
        assertEquals(java.util.Arrays.asList(null, 0.05), new java.util.ArrayList<>(chart.getSeriesMap().get("pushed up").getYData()));
        assertEquals(java.util.Arrays.asList(-0.10, null), new java.util.ArrayList<>(chart.getSeriesMap().get("pushed down").getYData()));
        assertTrue(chart.getTitle().contains("largest 2 of 3"));
        assertShowable(chart);
        assertThrows(IllegalArgumentException.class, () -> Plots.attributions("x", Map.of(), 5));
    }
}
