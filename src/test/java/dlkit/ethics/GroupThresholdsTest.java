package dlkit.ethics;

import static dlkit.ethics.Fixtures.assertFails;
import static dlkit.ethics.Fixtures.groups;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dlkit.eval.Predictions;

class GroupThresholdsTest {

    /**
     * Group a scores high, group b low: at 0.5, a is selected 3 of 4 times, b 1 of 4 (overall 0.5).
     * <pre>
     * a: P(yes) 0.9 0.8 0.6 0.3   truth 1 1 0 0
     * b: P(yes) 0.7 0.45 0.4 0.1  truth 1 1 0 0
     * </pre>
     */
    private static FairnessAudit audit() {
        double[] p = {0.9, 0.8, 0.6, 0.3, 0.7, 0.45, 0.4, 0.1};
        int[] truth = {1, 1, 0, 0, 1, 1, 0, 0};
        double[][] probs = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            probs[i] = new double[]{1 - p[i], p[i]};
        }
        return FairnessAudit.of(Predictions.of(truth, probs, List.of("no", "yes")), "g", groups("a", 4, "b", 4))
                .minGroupSize(1);
    }

    @Test
    void demographicParityThresholdsEqualiseSelectionRates() {
        FairnessAudit before = audit();
        assertEquals(0.5, before.demographicParityDifference(), 1e-12); // 0.75 - 0.25
        GroupThresholds t = GroupThresholds.fit(before, GroupThresholds.Goal.DEMOGRAPHIC_PARITY);
        // Target rate 0.5 = 2 of 4 per group: a's threshold halfway between 0.8 and 0.6, b's between 0.45 and 0.4.
        assertEquals(0.7, t.thresholds().get("a"), 1e-12);
        assertEquals(0.425, t.thresholds().get("b"), 1e-12);
        FairnessAudit after = t.apply(before);
        assertEquals(0.0, after.demographicParityDifference(), 1e-12);
        assertEquals(0.5, after.group("a").selectionRate(), 1e-12);
        // a drops its false positive (0.6), b gains its missed positive (0.45): accuracy 6/8 becomes 8/8 here;
        // on real data, moving thresholds away from the accuracy-optimal one usually costs accuracy.
        assertEquals(0.75, before.accuracy(), 1e-12);
        assertEquals(1.0, after.accuracy(), 1e-12);
    }

    @Test
    void equalOpportunityThresholdsEqualiseTruePositiveRates() {
        FairnessAudit before = audit();
        // TPR a = 2/2, b = 1/2; overall 3/4.
        assertEquals(0.5, before.equalOpportunityDifference(), 1e-12);
        GroupThresholds t = GroupThresholds.fit(before, GroupThresholds.Goal.EQUAL_OPPORTUNITY);
        // round(0.75 * 2) = 2 positives selected per group: a at 0.8, b at 0.45.
        FairnessAudit after = t.apply(before);
        assertEquals(0.0, after.equalOpportunityDifference(), 1e-12);
        assertTrue(t.toString().contains("equal opportunity"));
    }

    @Test
    void thresholdSelectsTheRequestedShare() {
        double[] s = {0.1, 0.2, 0.3, 0.4};
        assertEquals(0.25, GroupThresholds.threshold(s, 0.5), 1e-12);
        assertEquals(0.1, GroupThresholds.threshold(s, 1.0), 1e-12);
        assertTrue(GroupThresholds.threshold(s, 0.0) > 0.4);
        assertEquals(0.2, GroupThresholds.threshold(new double[]{0.2, 0.2, 0.2}, 0.34), 1e-12);
    }

    @Test
    void groupsWithoutAThresholdKeepTheirPredictions() {
        FairnessAudit before = audit();
        GroupThresholds t = GroupThresholds.fit(before, GroupThresholds.Goal.DEMOGRAPHIC_PARITY);
        Predictions p = before.predictions();
        Predictions after = t.apply(p, groups("new", 8));
        assertEquals(java.util.Arrays.toString(p.predicted()), java.util.Arrays.toString(after.predicted()));
        assertFails(IllegalArgumentException.class, () -> t.apply(p, groups("a", 3)), "3 group names for 8 predictions");
    }
}
