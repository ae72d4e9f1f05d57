package dlkit.eval;

import static dlkit.eval.PredictionsTest.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Expected points are scikit-learn 1.9's roc_curve(truth, scores, drop_intermediate=False), expected
 * areas its roc_auc_score; the comments redo them by hand.
 */
class RocTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void equalScoresMakeOnePoint() {
        // sorted by score: 0.8 (+), 0.4 (-), 0.4 (-), 0.4 (+), 0.35 (+), 0.1 (-); 3 positives, 3 negatives
        Roc roc = Roc.of(new int[]{0, 0, 1, 1, 0, 1}, new double[]{0.1, 0.4, 0.35, 0.8, 0.4, 0.4});

        assertArrayEquals(new double[]{INF, 0.8, 0.4, 0.35, 0.1}, roc.thresholds());
        // the 0.4 group adds 2 negatives and 1 positive at once: (0, 1/3) -> (2/3, 2/3)
        assertArrayEquals(new double[]{0, 0, 2.0 / 3, 2.0 / 3, 1}, roc.fpr());
        assertArrayEquals(new double[]{0, 1.0 / 3, 2.0 / 3, 1, 1}, roc.tpr());
        // trapezoids: 2/3 * (1/3 + 2/3) / 2 + 1/3 * (1 + 1) / 2 = 1/3 + 1/3
        assertEquals(0.6666666666666667, roc.auc(), 1e-15);
        assertEquals("positive", roc.name());
    }

    @Test
    void distinctScoresMakeOnePointEach() {
        Roc roc = Roc.of(new int[]{0, 0, 1, 1}, new double[]{0.1, 0.4, 0.35, 0.8});

        assertArrayEquals(new double[]{INF, 0.8, 0.4, 0.35, 0.1}, roc.thresholds());
        assertArrayEquals(new double[]{0, 0, 0.5, 0.5, 1}, roc.fpr());
        assertArrayEquals(new double[]{0, 0.5, 0.5, 1, 1}, roc.tpr());
        // 3 of the 4 (positive, negative) pairs are ranked right
        assertEquals(0.75, roc.auc());
    }

    @Test
    void aPerfectRankingHasAreaOneAndAReversedOneZero() {
        Roc perfect = Roc.of(new int[]{0, 0, 1, 1}, new double[]{0.1, 0.2, 0.7, 0.9});
        Roc reversed = Roc.of(new int[]{0, 0, 1, 1}, new double[]{0.9, 0.7, 0.2, 0.1});

        assertArrayEquals(new double[]{0, 0, 0, 0.5, 1}, perfect.fpr());
        assertArrayEquals(new double[]{0, 0.5, 1, 1, 1}, perfect.tpr());
        assertEquals(1.0, perfect.auc());
        assertArrayEquals(new double[]{0, 0.5, 1, 1, 1}, reversed.fpr());
        assertArrayEquals(new double[]{0, 0, 0, 0.5, 1}, reversed.tpr());
        assertEquals(0.0, reversed.auc());
    }

    @Test
    void oneScoreForAllIsTheDiagonal() {
        Roc roc = Roc.of(new int[]{0, 1, 0, 1}, new double[]{0.5, 0.5, 0.5, 0.5});

        assertArrayEquals(new double[]{0, 1}, roc.fpr());
        assertArrayEquals(new double[]{0, 1}, roc.tpr());
        assertArrayEquals(new double[]{INF, 0.5}, roc.thresholds());
        assertEquals(0.5, roc.auc());
    }

    @Test
    void aClassOfPredictionsIsScoredByItsProbability() {
        // dog against the rest in the shared fixture: dog rows 4, 5; P(dog) of all rows:
        // 0.1 0.3 0.2 0.6 | 0.7 0.4 | 0.3 0.1 0.5 0.4 -> dog scores 0.7, 0.4 against 8 negatives
        Roc roc = Roc.of(Fixtures.neverPredicted(), 1);

        assertEquals("dog", roc.name());
        // 0.7 beats all 8 negatives; 0.4 beats 0.1, 0.3, 0.2, 0.3, 0.1 (5), ties 0.4 once (half), loses to 0.6, 0.5
        // AUC = (8 + 5.5) / 16 = 0.84375
        assertEquals(0.84375, roc.auc(), 1e-15);
        assertArrayEquals(new double[]{INF, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1}, roc.thresholds());
    }

    @Test
    void oneVsRestAveragesTheAreasOfAllClasses() {
        int[] truth = {0, 1, 2, 2, 1, 0};
        double[][] probabilities = {
                {0.7, 0.2, 0.1}, {0.3, 0.4, 0.3}, {0.2, 0.2, 0.6},
                {0.1, 0.5, 0.4}, {0.6, 0.3, 0.1}, {0.5, 0.25, 0.25}};
        Predictions p = Predictions.of(truth, probabilities, Fixtures.ANIMALS);

        Roc.OneVsRest ovr = Roc.oneVsRest(p);

        // cat: positives 0.7, 0.5 against 0.3, 0.2, 0.1, 0.6 -> 4 + 3 of 8 = 0.875
        assertEquals(0.875, ovr.get("cat").auc());
        // dog: positives 0.4, 0.3 against 0.2, 0.2, 0.5, 0.25 -> 3 + 3 of 8 = 0.75
        assertEquals(0.75, ovr.get("dog").auc());
        // bird: positives 0.6, 0.4 beat every negative (0.1, 0.3, 0.1, 0.25) -> 1.0
        assertEquals(1.0, ovr.get("bird").auc());
        // roc_auc_score(truth, probabilities, multi_class="ovr", average="macro") = (0.875 + 0.75 + 1) / 3
        assertEquals(0.875, ovr.macroAuc());
        assertEquals(List.of("cat", "dog", "bird"), ovr.curves().stream().map(Roc::name).toList());
        assertEquals("ROC one-vs-rest\n  cat: AUC 0.8750\n  dog: AUC 0.7500\n  bird: AUC 1.0000\n"
                + "  macro average AUC 0.8750", ovr.toString());
        refused(() -> ovr.get("cow"), "no class 'cow'", "[cat, dog, bird]");
    }

    @Test
    void aCurveCanBeRenamedForALegend() {
        Roc roc = Roc.of(new int[]{0, 1}, new double[]{0.2, 0.9});
        Roc named = roc.named("model A");

        assertEquals("model A", named.name());
        assertArrayEquals(roc.fpr(), named.fpr());
        assertEquals(roc.auc(), named.auc());
        assertNotEquals(roc, named);
        assertEquals(roc, Roc.of(new int[]{0, 1}, new double[]{0.2, 0.9}));
        assertEquals(roc.hashCode(), Roc.of(new int[]{0, 1}, new double[]{0.2, 0.9}).hashCode());
        assertEquals("ROC model A: AUC 1.0000, 3 points", named.toString());
        refused(() -> roc.named(" "), "name is blank");
    }

    @Test
    void theArraysAreCopies() {
        Roc roc = Roc.of(new int[]{0, 1}, new double[]{0.2, 0.9});
        roc.fpr()[0] = 5;
        roc.tpr()[0] = 5;
        roc.thresholds()[0] = 5;

        assertArrayEquals(new double[]{0, 0, 1}, roc.fpr());
        assertArrayEquals(new double[]{0, 1, 1}, roc.tpr());
        assertEquals(INF, roc.thresholds()[0]);
    }

    @Test
    void aSingleClassTruthHasNoArea() {
        refused(() -> Roc.of(new int[]{1, 1, 1}, new double[]{0.2, 0.5, 0.9}),
                "only class 1 (positive)", "AUC is undefined", "holds both 0 and 1");
        refused(() -> Roc.of(new int[]{0, 0}, new double[]{0.2, 0.5}), "only class 0 (negative)");
    }

    @Test
    void aSingleClassOfPredictionsHasNoArea() {
        Predictions onlyYes = Fixtures.certain(new int[]{1, 1}, new int[]{1, 0}, List.of("no", "yes"));
        refused(() -> Roc.of(onlyYes, 1), "only class 'yes' (1)", "AUC is undefined");
        refused(() -> Roc.of(onlyYes, 0), "positive class 'no' (0) never occurs", "AUC are undefined");
        refused(() -> Roc.of(onlyYes, 2), "class index 2 is out of range", "[no, yes]");
    }

    @Test
    void oneVsRestNeedsEveryClassInTheTruth() {
        // class c never occurs in the truth of this fixture
        refused(() -> Roc.oneVsRest(Fixtures.emptyClass()), "class 'c' (2) never occurs", "holds every class");
    }

    @Test
    void badScoresAreRefused() {
        refused(() -> Roc.of(new int[0], new double[0]), "no examples", "one positive and one negative");
        refused(() -> Roc.of(new int[]{0, 1, 1}, new double[]{0.1, 0.2}), "truth has 3 values but scores has 2",
                "one score per example");
        refused(() -> Roc.of(new int[]{0, 2}, new double[]{0.1, 0.2}), "truth[1] is 2", "Roc.oneVsRest");
        refused(() -> Roc.of(new int[]{0, 1, 1}, new double[]{0.1, Double.NaN, 0.3}), "score of example 1 is NaN",
                "lower the learning rate");
        refused(() -> Roc.of(new int[]{0, 1, 1}, new double[]{0.1, 0.2, Double.POSITIVE_INFINITY}),
                "score of example 2 is Infinity", "must be finite");
        refused(() -> Roc.of(new int[]{0, 1, 1}, new double[]{Double.NEGATIVE_INFINITY, 0.2, 0.3}),
                "score of example 0 is -Infinity");
    }

    @Test
    void missingScoresAreNamedAsSuch() {
        String message = refused(() -> Roc.of(new int[]{0, 1}, null), "the scores are missing (null)",
                "one score per example");
        assertFalse(message.contains("truth is"), message);
    }

    @Test
    void scoresNeedNotBeProbabilities() {
        // e.g. an autoencoder's reconstruction errors: any finite numbers rank the examples.
        Roc errors = Roc.of(new int[]{0, 0, 1, 1}, new double[]{0.02, 3.5, 120.0, 4.0e6});
        Roc shifted = Roc.of(new int[]{0, 0, 1, 1}, new double[]{-7.0, -2.0, 0.5, 42.0});

        assertEquals(1.0, errors.auc());
        assertEquals(1.0, shifted.auc());
    }
}
