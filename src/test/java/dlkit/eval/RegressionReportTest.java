package dlkit.eval;

import static dlkit.eval.PredictionsTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected values are scikit-learn 1.9's mean_absolute_error, mean_squared_error and r2_score. */
class RegressionReportTest {

    @Test
    void errorsAndExplainedVariance() {
        // errors 0.5, -0.5, 0, -1; mean of actual 2.875
        RegressionReport report = RegressionReport.of(new double[]{3, -0.5, 2, 7}, new double[]{2.5, 0.0, 2, 8});

        assertEquals(0.5, report.mae()); // (0.5 + 0.5 + 0 + 1) / 4
        assertEquals(0.375, report.mse()); // (0.25 + 0.25 + 0 + 1) / 4
        assertEquals(0.6123724356957945, report.rmse(), 1e-15); // sqrt(0.375)
        // 1 - 1.5 / 29.1875 (the squared deviations from 2.875)
        assertEquals(0.9486081370449679, report.r2(), 1e-15);
        assertEquals(4, report.size());
    }

    @Test
    void predictionsWorseThanTheMeanHaveNegativeRSquared() {
        // actual 1 2 3, predicted 3 2 1: squared errors 4 + 0 + 4 = 8, variance sum 2: 1 - 8 / 2
        RegressionReport report = RegressionReport.of(new double[]{1, 2, 3}, new double[]{3, 2, 1});

        assertEquals(-3.0, report.r2());
        assertEquals(4.0 / 3, report.mae(), 1e-15);
        assertEquals(8.0 / 3, report.mse(), 1e-15);
    }

    @Test
    void constantActualValuesGiveOneWhenPerfectElseZero() {
        // the variance is 0: r2_score(force_finite=True) gives 1.0 for a perfect fit, else 0.0
        RegressionReport perfect = RegressionReport.of(new double[]{2, 2, 2}, new double[]{2, 2, 2});
        RegressionReport off = RegressionReport.of(new double[]{2, 2, 2}, new double[]{2, 3, 2});

        assertEquals(1.0, perfect.r2());
        assertEquals(0.0, perfect.mae());
        assertEquals(0.0, perfect.rmse());
        assertEquals(0.0, off.r2());
        assertEquals(1.0 / 3, off.mse(), 1e-15);
        assertEquals(0.5773502691896257, off.rmse(), 1e-15);
    }

    @Test
    void oneExampleHasErrorsButNoRSquared() {
        // scikit-learn: "R^2 score is not well-defined with less than two samples", and returns nan
        RegressionReport report = RegressionReport.of(new double[]{1.4}, new double[]{1.66});

        assertEquals(0.26, report.mae(), 1e-15);
        assertEquals(0.0676, report.mse(), 1e-15);
        assertTrue(Double.isNaN(report.r2()), () -> "r2 " + report.r2());
        assertTrue(report.toString().endsWith("R²   undefined (one example)"), report.toString());
        assertTrue(report.toHtml().contains("undefined (one example)"), report.toHtml());
    }

    @Test
    void textAndHtmlShowTheFourMetrics() {
        RegressionReport report = RegressionReport.of(new double[]{3, -0.5, 2, 7}, new double[]{2.5, 0.0, 2, 8});

        assertEquals("Regression report (4 examples)\n  MAE  0.5000\n  MSE  0.3750\n  RMSE 0.6124\n  R²   0.9486",
                report.toString());
        String html = report.toHtml();
        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.contains("<tr><th>R²</th><td style=\"text-align:right\">0.9486</td></tr>"), html);
        assertTrue(html.contains("4 examples"), html);
    }

    @Test
    void badInputIsRefused() {
        refused(() -> RegressionReport.of(new double[0], new double[0]), "no examples", "at least one example");
        refused(() -> RegressionReport.of(new double[]{1, 2}, new double[]{1}), "actual has 2 values but predicted has 1",
                "one prediction per example");
        refused(() -> RegressionReport.of(new double[]{1, 2, 3}, new double[]{1, Double.NaN, 3}), "predicted[1] is NaN",
                "lower the learning rate");
        refused(() -> RegressionReport.of(new double[]{1, Double.NaN}, new double[]{1, 2}), "actual[1] is NaN",
                "impute missing values");
        refused(() -> RegressionReport.of(new double[]{Double.POSITIVE_INFINITY}, new double[]{1}), "actual[0] is Infinity");
    }
}
