package dlkit.ethics;

import static dlkit.ethics.Fixtures.assertFails;
import static dlkit.ethics.Fixtures.groups;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dlkit.eval.Predictions;

class HumanReviewTest {

    @Test
    void lowConfidenceRowsGoToAPerson() {
        // P(yes) 0.95 0.55 0.4 0.1 0.62, truth 1 0 1 0 1: predicted 1 1 0 0 1.
        double[] p = {0.95, 0.55, 0.4, 0.1, 0.62};
        double[][] probs = new double[5][];
        for (int i = 0; i < 5; i++) {
            probs[i] = new double[]{1 - p[i], p[i]};
        }
        Predictions predictions = Predictions.of(new int[]{1, 0, 1, 0, 1}, probs, List.of("no", "yes"));
        HumanReview review = HumanReview.route(predictions, 0.7);
        // Top probabilities 0.95, 0.55, 0.6, 0.9, 0.62: rows 1, 2 and 4 are below 0.7.
        assertEquals(List.of(1, 2, 4), review.routed());
        assertEquals(0.6, review.shareRouted(), 1e-12);
        assertEquals(1.0, review.automatedAccuracy(), 1e-12); // rows 0 and 3 are right
        assertEquals(0.6, review.overallAccuracy(), 1e-12);
        assertEquals(Map.of("a", 2.0 / 3, "b", 0.5), review.shareRoutedBy(groups("a", 3, "b", 2)));
        assertEquals(0.0, HumanReview.route(predictions, 0.0).shareRouted(), 1e-12);
        assertFails(IllegalArgumentException.class, () -> HumanReview.route(predictions, 1.5), "minConfidence 1.5");
    }
}
