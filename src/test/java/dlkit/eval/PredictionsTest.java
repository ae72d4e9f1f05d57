package dlkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PredictionsTest {

    private static final List<String> YES_NO = List.of("no", "yes");

    /** The exception's message, after checking that it holds every expected fragment. */
    static String refused(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + fragment + "' not in: " + e.getMessage());
        }
        return e.getMessage();
    }

    @Test
    void thePredictedClassIsTheMostProbableAndTiesGoToTheLowerIndex() {
        Predictions p = Fixtures.neverPredicted();

        assertArrayEquals(new int[]{0, 0, 0, 0, 1, 1, 2, 2, 2, 2}, p.truth());
        // rows 7 ({0.45, 0.1, 0.45}) and 9 ({0.2, 0.4, 0.4}) are ties: cat (0) and dog (1) win
        assertArrayEquals(new int[]{0, 0, 0, 1, 1, 0, 0, 0, 1, 1}, p.predicted());
        assertEquals(List.of("cat", "dog", "bird"), p.classes());
        assertEquals(10, p.size());
    }

    @Test
    void accuracyIsTheShareOfCorrectRows() {
        // correct: rows 0, 1, 2 and 4 of 10
        assertEquals(0.4, Fixtures.neverPredicted().accuracy());
        assertEquals(1.0, Fixtures.certain(new int[]{0, 1}, new int[]{0, 1}, YES_NO).accuracy());
        assertEquals(0.0, Fixtures.certain(new int[]{0, 1}, new int[]{1, 0}, YES_NO).accuracy());
    }

    @Test
    void misclassifiedRowsAreListedInOrder() {
        assertArrayEquals(new int[]{3, 5, 6, 7, 8, 9}, Fixtures.neverPredicted().misclassified());
        assertArrayEquals(new int[0], Fixtures.certain(new int[]{0, 1}, new int[]{0, 1}, YES_NO).misclassified());
    }

    @Test
    void probabilitiesAreReadByRowAndClass() {
        Predictions p = Fixtures.neverPredicted();

        assertEquals(0.45, p.probability(7, 2));
        assertArrayEquals(new double[]{0.5, 0.2, 0.3}, p.probabilities()[2]);
        assertArrayEquals(new double[]{0.1, 0.1, 0.3, 0.1, 0.1, 0.1, 0.3, 0.45, 0.4, 0.4}, p.probabilities(2));
    }

    @Test
    void probabilitiesOfABadRowOrClassAreRefused() {
        Predictions p = Fixtures.neverPredicted();
        refused(() -> p.probability(10, 0), "row 10 is out of range", "10 rows, 0..9");
        refused(() -> p.probability(0, 3), "class index 3 is out of range", "[cat, dog, bird], 0..2");
        refused(() -> p.probabilities(-1), "class index -1");
    }

    @Test
    void theValueCannotBeChangedFromOutside() {
        int[] truth = {0, 1};
        double[][] probabilities = {{0.9, 0.1}, {0.2, 0.8}};
        List<String> classes = new ArrayList<>(YES_NO);
        Predictions p = Predictions.of(truth, probabilities, classes);

        truth[0] = 1;
        probabilities[0][0] = 0.0;
        classes.set(0, "changed");
        p.truth()[1] = 0;
        p.predicted()[1] = 0;
        p.probabilities()[1][1] = 0.0;

        assertArrayEquals(new int[]{0, 1}, p.truth());
        assertArrayEquals(new int[]{0, 1}, p.predicted());
        assertEquals(0.9, p.probability(0, 0));
        assertEquals(0.8, p.probability(1, 1));
        assertEquals(YES_NO, p.classes());
        assertThrows(UnsupportedOperationException.class, () -> p.classes().set(0, "x"));
    }

    @Test
    void rowsMakeASubsetInTheOrderGiven() {
        Predictions subset = Fixtures.neverPredicted().rows(new int[]{9, 0, 5});

        assertEquals(3, subset.size());
        assertArrayEquals(new int[]{2, 0, 1}, subset.truth());
        assertArrayEquals(new int[]{1, 0, 0}, subset.predicted());
        assertEquals(0.4, subset.probability(0, 2));
        assertEquals(1.0 / 3, subset.accuracy());
        assertEquals(Fixtures.ANIMALS, subset.classes());
    }

    @Test
    void rowsNeedValidIndices() {
        Predictions p = Fixtures.neverPredicted();
        refused(() -> p.rows(new int[0]), "no row indices", "at least one index in 0..9");
        refused(() -> p.rows(new int[]{2, 12}), "row 12 is out of range", "10 rows");
    }

    @Test
    void aThresholdMovesTheBinaryDecision() {
        // P(yes) = 0.9, 0.6, 0.4, 0.2; truth yes, no, yes, no
        Predictions p = Predictions.of(new int[]{1, 0, 1, 0},
                new double[][]{{0.1, 0.9}, {0.4, 0.6}, {0.6, 0.4}, {0.8, 0.2}}, YES_NO);

        assertArrayEquals(new int[]{1, 1, 0, 0}, p.predicted());
        assertArrayEquals(new int[]{1, 1, 1, 0}, p.withThreshold(0.4).predicted()); // 0.4 >= 0.4 is yes
        assertArrayEquals(new int[]{1, 0, 0, 0}, p.withThreshold(0.7).predicted());
        assertArrayEquals(new int[]{1, 1, 1, 1}, p.withThreshold(0.0).predicted());
        assertEquals(0.75, p.withThreshold(0.4).accuracy());
        assertArrayEquals(p.probabilities(1), p.withThreshold(0.7).probabilities(1));
        // a subset keeps the thresholded decision
        assertArrayEquals(new int[]{1}, p.withThreshold(0.4).rows(new int[]{2}).predicted());
    }

    @Test
    void aThresholdMustBeAProbability() {
        Predictions p = Fixtures.imbalancedBinary();
        refused(() -> p.withThreshold(1.5), "withThreshold(1.5)", "value in [0, 1]");
        refused(() -> p.withThreshold(-0.1), "withThreshold(-0.1)", "value in [0, 1]");
        refused(() -> p.withThreshold(Double.NaN), "withThreshold(NaN)", "value in [0, 1]");
    }

    @Test
    void aThresholdNeedsTwoClasses() {
        refused(() -> Fixtures.neverPredicted().withThreshold(0.5), "needs two classes", "there are 3 [cat, dog, bird]",
                "the most probable one is predicted");
    }

    @Test
    void emptyInputIsRefused() {
        refused(() -> Predictions.of(new int[0], new double[0][], YES_NO), "no examples", "at least one row");
    }

    @Test
    void lengthsMustAgree() {
        refused(() -> Predictions.of(new int[]{0, 1, 1}, new double[][]{{0.5, 0.5}, {0.1, 0.9}}, YES_NO),
                "truth has 3 rows but probabilities has 2", "one row of probabilities per example");
    }

    @Test
    void aLabelOutsideTheClassesIsNamedWithItsRow() {
        refused(() -> Predictions.of(new int[]{0, 1, 2}, new double[][]{{1, 0}, {0, 1}, {0, 1}}, YES_NO),
                "row 2 has label 2", "2 classes [no, yes]", "labels must be 0..1");
        refused(() -> Predictions.of(new int[]{-1}, new double[][]{{1, 0}}, YES_NO), "row 0 has label -1");
    }

    @Test
    void aNaNProbabilityIsNamedWithItsRow() {
        refused(() -> Predictions.of(new int[]{0, 1}, new double[][]{{0.5, 0.5}, {Double.NaN, 0.5}}, YES_NO),
                "row 1 are NaN", "class 0 'no'", "lower the learning rate");
    }

    @Test
    void aProbabilityOutsideZeroToOneIsNamedWithItsRowAndClass() {
        refused(() -> Predictions.of(new int[]{0, 1}, new double[][]{{0.5, 0.5}, {-0.7, 1.7}}, YES_NO),
                "row 1 gives class 0 'no' the probability -0.7, outside [0, 1]", "Activation.SOFTMAX", "logits");
        refused(() -> Predictions.of(new int[]{0, 1}, new double[][]{{0.5, 0.5}, {0, Double.POSITIVE_INFINITY}}, YES_NO),
                "row 1 gives class 1 'yes' the probability Infinity, outside [0, 1]");
    }

    @Test
    void aRowThatDoesNotSumToOneIsRefused() {
        // Three independent scores, as from three sigmoid units: one-vs-rest AUCs of such rows mean nothing.
        refused(() -> Predictions.of(new int[]{0, 1, 2}, new double[][]{{0.9, 0.1, 0.1}, {0.7, 0.8, 0.1}, {0.1, 0.1, 0.9}},
                        Fixtures.ANIMALS),
                "the probabilities of row 0 sum to 1.1, not 1 [0.9, 0.1, 0.1]", "Activation.SOFTMAX");
        refused(() -> Predictions.of(new int[]{0, 1}, new double[][]{{0.3, 0.3}, {0.1, 0.9}}, YES_NO),
                "row 0 sum to 0.6, not 1", "one sigmoid output", "Predictions.from");
    }

    @Test
    void probabilitiesWithRoundingErrorsAreAccepted() {
        // float32 softmax rows miss 1 by about 1e-7; a class computed as the rest can be -1e-17.
        float[] softmax = {0.1f, 0.2f, 0.7f};
        double[] rounded = {softmax[0], softmax[1], softmax[2]};
        double[] rest = {0.2, 0.8, 1 - 0.8 - 0.2}; // -5.6e-17
        double[] bound = {0.0, 1.0, 0.0};

        Predictions p = Predictions.of(new int[]{2, 1, 1}, new double[][]{rounded, rest, bound}, Fixtures.ANIMALS);

        assertArrayEquals(new int[]{2, 1, 1}, p.predicted());
    }

    @Test
    void eachRowNeedsOneProbabilityPerClass() {
        refused(() -> Predictions.of(new int[]{0, 1}, new double[][]{{0.2, 0.3, 0.5}, {0.1, 0.2, 0.7}},
                        List.of("a", "b", "c", "d")),
                "row 0 has 3 probabilities for 4 classes [a, b, c, d]", "one column per class");
        refused(() -> Predictions.of(new int[]{0}, new double[][]{{0.7}}, YES_NO),
                "row 0 has 1 probabilities for 2 classes", "Predictions.from");
    }

    @Test
    void classesMustBeAtLeastTwoDistinctNames() {
        refused(() -> Predictions.of(new int[]{0}, new double[][]{{1}}, List.of("only")),
                "classes are [only]", "at least two classes");
        refused(() -> Predictions.of(new int[]{0}, new double[][]{{1, 0}}, List.of("a", "a")),
                "'a' appears twice", "must be distinct");
    }

    @Test
    void equalPredictionsAreEqualAndDescribeThemselves() {
        assertEquals(Fixtures.neverPredicted(), Fixtures.neverPredicted());
        assertEquals(Fixtures.neverPredicted().hashCode(), Fixtures.neverPredicted().hashCode());
        assertNotEquals(Fixtures.neverPredicted(), Fixtures.neverPredicted().rows(new int[]{0}));
        assertEquals("Predictions: 10 rows, 3 classes [cat, dog, bird], accuracy 0.4000, 6 misclassified",
                Fixtures.neverPredicted().toString());
    }
}
